import type { Node } from 'jsonc-parser';

/**
 * The dependency sections of a package.json and their properties, as jsonc-parser's nodes would
 * give them (offset, length, decoded value), found by one pass over the characters: locating the
 * findings of every manifest of a monorepo with a full jsonc tree cost more than the rest of the
 * scan. Only strict JSON is read here; anything else (a comment, a trailing comma, a syntax error)
 * returns undefined and the caller builds the jsonc tree instead. Never throws.
 *
 * Like JSON.parse, a key written twice keeps its last value, and so does a section.
 */
export function sectionProperties(text: string, sections: ReadonlySet<string>): Map<string, Map<string, Node>> | undefined {
  const found = new Map<string, Map<string, Node>>();
  let i = 0;
  const ws = () => {
    for (let c = text.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++i));
  };
  /** A string at `i` (which must be `"`): its node, `i` after its closing quote; undefined when unterminated. */
  const string = (): Node | undefined => {
    const start = i;
    let escaped = false;
    for (i++; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x5c /* \ */) {
        escaped = true;
        i++;
      } else if (c === 0x22 /* " */) {
        i++;
        const raw = text.slice(start, i);
        let value: string;
        try {
          value = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        } catch {
          return undefined;
        }
        return { type: 'string', offset: start, length: i - start, value } as Node;
      } else if (c < 0x20) {
        return undefined;
      }
    }
    return undefined;
  };
  /** Skips any value at `i`; false on anything that is not strict JSON. */
  const skip = (): boolean => {
    let depth = 0;
    for (;;) {
      ws();
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        if (!string()) return false;
      } else if (c === 0x7b || c === 0x5b) {
        depth++;
        i++;
      } else if (c === 0x7d || c === 0x5d) {
        if (--depth < 0) return false;
        i++;
      } else if (c === 0x2c || c === 0x3a) {
        if (depth === 0) return false;
        i++;
      } else if (c === 0x2f || Number.isNaN(c)) {
        return false; // a comment, or the end of the text
      } else {
        const from = i;
        while (i < text.length && /[-+.\w]/.test(text[i]!)) i++;
        if (i === from) return false;
      }
      if (depth === 0) return true;
    }
  };
  /** An object's members at `i` (`{`): `member` reads each value (at `i`) and returns false to give up. */
  const object = (member: (key: Node) => boolean): boolean => {
    i++;
    ws();
    if (text.charCodeAt(i) === 0x7d) {
      i++;
      return true;
    }
    for (;;) {
      ws();
      if (text.charCodeAt(i) !== 0x22) return false;
      const key = string();
      if (!key) return false;
      ws();
      if (text.charCodeAt(i) !== 0x3a) return false;
      i++;
      ws();
      if (!member(key)) return false;
      ws();
      const c = text.charCodeAt(i++);
      if (c === 0x7d) return true;
      if (c !== 0x2c) return false;
    }
  };
  ws();
  if (text.charCodeAt(i) !== 0x7b) return undefined;
  const ok = object((section) => {
    if (!sections.has(section.value as string) || text.charCodeAt(i) !== 0x7b) {
      found.delete(section.value as string);
      return skip();
    }
    const properties = new Map<string, Node>();
    found.set(section.value as string, properties);
    return object((key) => {
      const start = i;
      const value = text.charCodeAt(i) === 0x22 ? string() : undefined;
      if (!value) {
        i = start;
        if (!skip()) return false;
      }
      const property = { type: 'property', offset: key.offset, length: i - key.offset, children: [key, value ?? { type: 'null', offset: start, length: i - start }] } as Node;
      properties.set(key.value as string, property);
      return true;
    });
  });
  ws();
  return ok && i === text.length ? found : undefined;
}

/** Characters searched, keys times text length, beyond which one pass over the sections costs less. */
const MAX_KEY_SCAN = 1 << 20;

/** Where a key and its string value are written: offsets of the quoted tokens, quotes included. */
export interface KeyPlace {
  readonly key: { readonly offset: number; readonly length: number };
  readonly value: { readonly offset: number; readonly length: number };
}

/**
 * The places of keys that are each written exactly once as a key anywhere in a strict JSON text
 * (JSON.parse read it), with a string value; undefined as soon as one is not, and the caller reads
 * the sections instead. A scan locates a handful of flagged dependencies per manifest: finding
 * their keys with `indexOf` costs a small part of a pass over every character.
 *
 * Why a key written once is the dependency's: in valid JSON every `"` inside a string is escaped,
 * so an unescaped `"` followed by a name and `"` then `:` is a key token, and the dependency that
 * JSON.parse found under that key must be written somewhere. The only other spellings of the same
 * key are escapes that decode to name characters (`\/`, `\u0040`): a text holding any is refused.
 */
export function uniqueKeyPlaces(text: string, keys: readonly string[]): Map<string, KeyPlace> | undefined {
  // Each key is one search of the text: a long manifest with many flagged keys goes the one-pass way.
  if (keys.length * text.length > MAX_KEY_SCAN) return undefined;
  if (text.includes('\\') && /\\[u/]/.test(text)) return undefined;
  const places = new Map<string, KeyPlace>();
  for (const key of keys) {
    if (places.has(key)) continue;
    // A key that starts like what may follow a closing quote could be matched at one.
    if (key === '' || /["\\]|^[\s,:}\]]/.test(key)) return undefined;
    const token = `"${key}"`;
    let place: KeyPlace | undefined;
    for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1)) {
      if (isEscaped(text, at)) continue; // `\"key\"` inside another string
      if (!afterMemberStart(text, at)) continue;
      let i = at + token.length;
      while (isSpace(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) !== 0x3a /* : */) continue; // a value, not a key
      if (place) return undefined; // written twice as a key: which one counts needs the sections
      i++;
      while (isSpace(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) !== 0x22) return undefined;
      const end = stringEnd(text, i);
      if (end < 0) return undefined;
      place = { key: { offset: at, length: token.length }, value: { offset: i, length: end - i } };
    }
    if (!place) return undefined;
    places.set(key, place);
  }
  return places;
}

/** Whether `at` follows `{` or `,` (spaces aside), as a key does. */
function afterMemberStart(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && isSpace(text.charCodeAt(i))) i--;
  const c = text.charCodeAt(i);
  return c === 0x7b || c === 0x2c;
}

/** Whether the character at `at` follows an odd number of backslashes. */
function isEscaped(text: string, at: number): boolean {
  let n = 0;
  while (at - n - 1 >= 0 && text.charCodeAt(at - n - 1) === 0x5c) n++;
  return n % 2 === 1;
}

/** The offset just after the string that opens at `start`, or -1 when it does not close on its line. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i + 1;
    else if (c < 0x20) return -1;
  }
  return -1;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
