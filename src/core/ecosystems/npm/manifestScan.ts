/**
 * One pass over a package.json that checks it is strict JSON, as JSON.parse would, and finds what a
 * scan reads from it with the places where it is written: the dependency sections' keys and string
 * values with their lines and characters, and where `name`, `workspaces` and `resolutions` are.
 *
 * Why not JSON.parse: a monorepo's manifests each list another set of dependency names, and
 * JSON.parse makes an object shape for every new set, which costs more than reading the text; and
 * a manifest with findings then needed a second pass to find where each one is written. This pass
 * builds no object for anything a scan does not read.
 *
 * It returns undefined for anything it does not read exactly as JSON.parse would, and the caller
 * reads the text the usual way: a byte-order mark, a root that is not an object, nesting past
 * MAX_DEPTH, a dependency key that is an array index (an object lists those first), and any text
 * JSON.parse refuses (whose error the usual way reports with its place). Never throws.
 */

/** Nesting this pass reads; anything deeper is read the usual way, which measures and refuses it. */
const MAX_DEPTH = 64;

/** The sections a dependency is read from, in the order readPackageJson reads them. */
const SECTION_INDEX: ReadonlyMap<string, number> = new Map([
  ['dependencies', 0],
  ['devDependencies', 1],
  ['optionalDependencies', 2],
  ['peerDependencies', 3],
]);

/**
 * One member of a dependency section, as the last of its key's spellings left it, with where it is
 * written: lines, and the characters just inside the quotes (start, end) of the key and of a
 * string value. (Numbers on the member itself: a scan reads hundreds of thousands of them.)
 */
export interface SectionMember {
  readonly key: string;
  /** The decoded string value; undefined when the value is not a string. */
  readonly value: string | undefined;
  readonly keyLine: number;
  readonly keyStart: number;
  readonly keyEnd: number;
  /** -1 when the value is not a string. */
  readonly valueLine: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  /** Whether the raw text of the key or of the value holds an escape. */
  readonly escaped: boolean;
}

export interface ManifestScan {
  /** The root object's keys, decoded, as often as they are written. */
  readonly keys: readonly string[];
  /** Each dependency section's members in the order Object.keys would list them; absent when the last spelling of the section is not an object. */
  readonly sections: ReadonlyArray<readonly SectionMember[] | undefined>;
  /** Offsets [start, end) of the last `name`, `workspaces` and `resolutions` values, when written. */
  readonly name?: readonly [number, number];
  readonly workspaces?: readonly [number, number];
  readonly resolutions?: readonly [number, number];
}

class Reader {
  i = 0;
  line = 0;
  lineStart = 0;
  /** Whether the last string read held an escape. */
  escaped = false;

  constructor(readonly text: string) {}

  /** Skips JSON's whitespace, counting lines as LineIndex does; the character code then at `i`. */
  ws(): number {
    const t = this.text;
    let i = this.i;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 0x20 || c === 0x09) i++;
      else if (c === 0x0a) {
        this.line++;
        this.lineStart = ++i;
      } else if (c === 0x0d) {
        if (t.charCodeAt(++i) === 0x0a) i++;
        this.line++;
        this.lineStart = i;
      } else {
        this.i = i;
        return c;
      }
    }
  }

  /** A string at `i` (its `"`): `i` after its closing quote, and false when it is not valid JSON. */
  string(): boolean {
    const t = this.text;
    let i = this.i + 1;
    let escaped = false;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 0x22) break;
      if (c === 0x5c) {
        escaped = true;
        const e = t.charCodeAt(i + 1);
        if (e === 0x75 /* u */) {
          if (!(isHex(t.charCodeAt(i + 2)) && isHex(t.charCodeAt(i + 3)) && isHex(t.charCodeAt(i + 4)) && isHex(t.charCodeAt(i + 5)))) return false;
          i += 6;
        } else if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
          i += 2;
        } else {
          return false;
        }
      } else if (c < 0x20 || c !== c) {
        return false; // a control character, or the end of the text (NaN)
      } else {
        i++;
      }
    }
    this.escaped = escaped;
    this.i = i + 1;
    return true;
  }

  /** The decoded text of the string that ends at `i` and started at `from`. */
  decoded(from: number): string {
    const raw = this.text.slice(from + (this.escaped ? 0 : 1), this.escaped ? this.i : this.i - 1);
    return this.escaped ? (JSON.parse(raw) as string) : raw;
  }

  /** Any value at `i` (whitespace skipped before it): false when it is not valid JSON or nests too deep. */
  value(depth: number): boolean {
    const c = this.ws();
    if (c === 0x22) return this.string();
    if (c === 0x7b) {
      if (depth >= MAX_DEPTH) return false;
      this.i++;
      if (this.ws() === 0x7d) {
        this.i++;
        return true;
      }
      for (;;) {
        if (this.ws() !== 0x22 || !this.string()) return false;
        if (this.ws() !== 0x3a) return false;
        this.i++;
        if (!this.value(depth + 1)) return false;
        const next = this.ws();
        this.i++;
        if (next === 0x7d) return true;
        if (next !== 0x2c) return false;
      }
    }
    if (c === 0x5b) {
      if (depth >= MAX_DEPTH) return false;
      this.i++;
      if (this.ws() === 0x5d) {
        this.i++;
        return true;
      }
      for (;;) {
        if (!this.value(depth + 1)) return false;
        const next = this.ws();
        this.i++;
        if (next === 0x5d) return true;
        if (next !== 0x2c) return false;
      }
    }
    if (c === 0x74) return this.word('true');
    if (c === 0x66) return this.word('false');
    if (c === 0x6e) return this.word('null');
    return this.number();
  }

  private word(w: string): boolean {
    if (!this.text.startsWith(w, this.i)) return false;
    this.i += w.length;
    return true;
  }

  /** `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, as JSON writes a number. */
  private number(): boolean {
    const t = this.text;
    let i = this.i;
    if (t.charCodeAt(i) === 0x2d) i++;
    const first = t.charCodeAt(i);
    if (first === 0x30) i++;
    else if (first >= 0x31 && first <= 0x39) while (isDigit(t.charCodeAt(++i)));
    else return false;
    if (t.charCodeAt(i) === 0x2e) {
      if (!isDigit(t.charCodeAt(++i))) return false;
      while (isDigit(t.charCodeAt(++i)));
    }
    const e = t.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      const s = t.charCodeAt(++i);
      if (s === 0x2b || s === 0x2d) i++;
      if (!isDigit(t.charCodeAt(i))) return false;
      while (isDigit(t.charCodeAt(++i)));
    }
    this.i = i;
    return true;
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

/** A key an object lists before all others (an array index), so Object.keys would not keep its place. */
function isIndexKey(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 0x30 && c <= 0x39 && /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 4294967295;
}

/** See the top of this file. */
export function scanManifest(text: string): ManifestScan | undefined {
  try {
    return scan(new Reader(text));
  } catch {
    return undefined; // an unexpected escape JSON.parse refused in decoded(): read the usual way
  }
}

function scan(r: Reader): ManifestScan | undefined {
  const sections: Array<SectionMember[] | undefined> = [undefined, undefined, undefined, undefined];
  const keys: string[] = [];
  let name: [number, number] | undefined;
  let workspaces: [number, number] | undefined;
  let resolutions: [number, number] | undefined;
  if (r.ws() !== 0x7b) return undefined;
  r.i++;
  if (r.ws() === 0x7d) r.i++;
  else {
    for (;;) {
      if (r.ws() !== 0x22) return undefined;
      const keyAt = r.i;
      if (!r.string()) return undefined;
      const key = r.decoded(keyAt);
      keys.push(key);
      if (r.ws() !== 0x3a) return undefined;
      r.i++;
      const section = SECTION_INDEX.get(key);
      const c = r.ws();
      const start = r.i;
      if (section !== undefined && c === 0x7b) {
        const members = readSection(r);
        if (!members) return undefined;
        sections[section] = members;
      } else {
        if (!r.value(1)) return undefined;
        if (section !== undefined) sections[section] = undefined;
        else if (key === 'name') name = [start, r.i];
        else if (key === 'workspaces') workspaces = [start, r.i];
        else if (key === 'resolutions') resolutions = [start, r.i];
      }
      const next = r.ws();
      r.i++;
      if (next === 0x7d) break;
      if (next !== 0x2c) return undefined;
    }
  }
  if (!Number.isNaN(r.ws())) return undefined; // text after the root
  return { keys, sections, ...(name ? { name } : {}), ...(workspaces ? { workspaces } : {}), ...(resolutions ? { resolutions } : {}) };
}

/** For each of SLOTS slots, the last section (by its generation) that marked it with one of its keys. */
const SLOTS = 1024;
const slots = new Uint32Array(SLOTS);
let generation = 0;
/** Members of a section beyond which its keys are kept in a map. */
const LONG_SECTION = 64;

/** A key's slot: its length and its first and last two characters, mixed. */
function keySlot(key: string): number {
  const n = key.length;
  return (n * 31 + key.charCodeAt(0) * 7 + key.charCodeAt(n - 1) * 131 + key.charCodeAt(n - 2) * 17 + key.charCodeAt(n - 3)) & (SLOTS - 1);
}

function indexOfKey(members: readonly SectionMember[], key: string): number {
  for (let i = 0; i < members.length; i++) if (members[i]!.key === key) return i;
  return -1;
}

/** A dependency section's object at `i`: its members, a key written twice keeping its first place and last value. */
function readSection(r: Reader): SectionMember[] | undefined {
  const members: SectionMember[] = [];
  let at: Map<string, number> | undefined;
  // A new generation leaves every slot unmarked for this section (after 2^32 - 1 sections, anew).
  if (++generation === 0xffffffff) {
    slots.fill(0);
    generation = 1;
  }
  r.i++;
  if (r.ws() === 0x7d) {
    r.i++;
    return members;
  }
  for (;;) {
    if (r.ws() !== 0x22) return undefined;
    const keyAt = r.i;
    if (!r.string()) return undefined;
    const keyLine = r.line;
    const keyStart = keyAt + 1 - r.lineStart;
    const keyEnd = r.i - 1 - r.lineStart;
    let escaped = r.escaped;
    const key = r.decoded(keyAt);
    if (isIndexKey(key)) return undefined;
    if (r.ws() !== 0x3a) return undefined;
    r.i++;
    let value: string | undefined;
    let valueLine = -1;
    let valueStart = 0;
    let valueEnd = 0;
    if (r.ws() === 0x22) {
      const valueAt = r.i;
      if (!r.string()) return undefined;
      valueLine = r.line;
      valueStart = valueAt + 1 - r.lineStart;
      valueEnd = r.i - 1 - r.lineStart;
      escaped ||= r.escaped;
      value = r.decoded(valueAt);
    } else if (!r.value(2)) {
      return undefined;
    }
    const member: SectionMember = { key, value, keyLine, keyStart, keyEnd, valueLine, valueStart, valueEnd, escaped };
    // Keys are nearly always distinct. A key whose slot this section has not marked is new; only
    // a marked one (written before, or sharing a slot) is searched for. Past LONG_SECTION members
    // (a search each could grow with the square), a map of the keys takes over.
    let same = -1;
    if (at !== undefined) same = at.get(key) ?? -1;
    else {
      const slot = keySlot(key);
      if (slots[slot] === generation) same = indexOfKey(members, key);
      else slots[slot] = generation;
    }
    if (same >= 0) members[same] = member;
    else {
      at?.set(key, members.length);
      members.push(member);
      if (at === undefined && members.length > LONG_SECTION) at = new Map(members.map((m, i) => [m.key, i]));
    }
    const next = r.ws();
    r.i++;
    if (next === 0x7d) return members;
    if (next !== 0x2c) return undefined;
  }
}
