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
