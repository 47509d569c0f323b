import type { Range } from './positions';
import type { Finding } from './scan';

/**
 * Findings as a few flat tables, to pass between threads: a worker's tens of thousands of findings
 * copied as objects took longer to take in than the main thread took to find its own. A monorepo's
 * findings repeat a few shapes and values (the same package, constraint and message in thousands of
 * manifests), so each is written once and named by a number.
 */
export interface EncodedFindings {
  /** Key lists, each once. */
  readonly shapes: string[][];
  /** Values, each once: strings, numbers, booleans, null, or other data as `{ json }`. */
  readonly values: Array<string | number | boolean | null | { readonly json: string }>;
  /** Per finding: its shape, then one code per key (UNDEFINED, a value, or for `range` its index in `ranges`). */
  readonly codes: Int32Array;
  /** Four numbers per range: start line and character, end line and character. */
  readonly ranges: Int32Array;
}

const UNDEFINED = -1;

export function encodeFindings(findings: readonly Finding[]): EncodedFindings {
  const shapes: string[][] = [];
  const shapeIds = new Map<string, number>();
  const values: EncodedFindings['values'] = [];
  const valueIds = new Map<unknown, number>();
  const jsonIds = new Map<string, number>();
  const codes: number[] = [];
  const ranges: number[] = [];
  const valueId = (v: unknown): number => {
    if (v === undefined) return UNDEFINED;
    if (v !== null && typeof v === 'object') {
      const json = JSON.stringify(v);
      let id = jsonIds.get(json);
      if (id === undefined) jsonIds.set(json, (id = values.push({ json }) - 1));
      return id;
    }
    let id = valueIds.get(v);
    if (id === undefined) valueIds.set(v, (id = values.push(v as string | number | boolean | null) - 1));
    return id;
  };
  for (const f of findings) {
    const keys = Object.keys(f);
    const shapeKey = keys.join('\0');
    let shape = shapeIds.get(shapeKey);
    if (shape === undefined) shapeIds.set(shapeKey, (shape = shapes.push(keys) - 1));
    codes.push(shape);
    for (const key of keys) {
      const v = (f as unknown as Record<string, unknown>)[key];
      if (key === 'range' && isRange(v)) {
        codes.push(ranges.length / 4);
        ranges.push(v.start.line, v.start.character, v.end.line, v.end.character);
      } else {
        // A `range` that is not one (never, by the type) still travels, as data.
        const id = valueId(v);
        codes.push(key === 'range' && id !== UNDEFINED ? -2 - id : id);
      }
    }
  }
  return { shapes, values, codes: Int32Array.from(codes), ranges: Int32Array.from(ranges) };
}

export function decodeFindings(encoded: EncodedFindings): Finding[] {
  const { shapes, values, codes, ranges } = encoded;
  const value = (id: number): unknown => {
    if (id === UNDEFINED) return undefined;
    const v = values[id];
    // Parsed for each finding: no two findings share a mutable object.
    return v !== null && typeof v === 'object' ? JSON.parse(v.json) : v;
  };
  const out: Finding[] = [];
  for (let i = 0; i < codes.length; ) {
    const keys = shapes[codes[i++]!]!;
    const f: Record<string, unknown> = {};
    for (const key of keys) {
      const code = codes[i++]!;
      if (key === 'range') {
        if (code === UNDEFINED) f[key] = undefined;
        else if (code <= -2) f[key] = value(-2 - code);
        else {
          const r = code * 4;
          f[key] = { start: { line: ranges[r]!, character: ranges[r + 1]! }, end: { line: ranges[r + 2]!, character: ranges[r + 3]! } };
        }
      } else f[key] = value(code);
    }
    out.push(f as unknown as Finding);
  }
  return out;
}

function isRange(v: unknown): v is Range {
  if (v === null || typeof v !== 'object') return false;
  const r = v as Range;
  const keys = Object.keys(r);
  return keys.length === 2 && keys[0] === 'start' && keys[1] === 'end' && isPosition(r.start) && isPosition(r.end);
}

function isPosition(p: unknown): p is Range['start'] {
  if (p === null || typeof p !== 'object') return false;
  const keys = Object.keys(p);
  const { line, character } = p as Range['start'];
  return keys.length === 2 && keys[0] === 'line' && keys[1] === 'character' && Number.isInteger(line) && Number.isInteger(character) && line >= 0 && character >= 0 && line <= 0x7fffffff && character <= 0x7fffffff;
}
