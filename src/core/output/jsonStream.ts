/**
 * JSON output written in pieces, so that a report of tens of thousands of findings is never held
 * as one string (nor as a string and its array of objects at once): the same text as
 * `JSON.stringify(value, null, 2)`, handed to `write` in chunks of about 64 KB.
 */

/** An array whose elements are made one at a time as they are written. */
export class Mapped<T> {
  constructor(
    private readonly items: readonly T[],
    private readonly map: (item: T) => unknown,
    /** Elements that render alike but for a few values are written from one text (see Template). */
    readonly template?: Template<T>,
  ) {}

  get length(): number {
    return this.items.length;
  }

  /** The elements themselves, for a template. */
  get source(): readonly T[] {
    return this.items;
  }

  /** One element as JSON holds it. */
  element(item: T): unknown {
    return this.map(item);
  }

  *[Symbol.iterator](): Iterator<unknown> {
    for (const item of this.items) yield this.map(item);
  }

  /** For JSON.stringify: the whole array at once. */
  toJSON(): unknown[] {
    return this.items.map(this.map);
  }
}

/**
 * Most findings of a monorepo render as many others do but for their file and position: such
 * elements are written from one text with holes, made once, instead of each being stringified.
 * `shape` is the element as `map` makes it with its hole values replaced by `hole(i)`; `holes` the
 * values themselves (strings or finite numbers) in the same order. Elements of one `group` that are
 * `alike` must have equal shapes. An element whose text cannot be cut at its holes is stringified.
 */
export interface Template<T> {
  /** undefined: this element is written on its own. */
  group(item: T): string | undefined;
  alike(a: T, b: T): boolean;
  shape(item: T, hole: (i: number) => string): unknown;
  holes(item: T): ReadonlyArray<string | number>;
  /**
   * Holes whose values are JSON text already (a string's quotes and escapes included), made by the
   * template from parts it keeps: written as they are. Their `shape` still puts `hole(i)` there.
   */
  readonly raw?: ReadonlySet<number>;
}

/** A hole in a template's text: a string no element holds (checked when cut). */
const hole = (i: number) => `\u0000pg-hole-${i}\u0000`;
const HOLE = /"\\u0000pg-hole-(\d+)\\u0000"/g;

/** A template's text cut at its holes: each of `count` once, or no parts (written on its own). */
function cut(text: string, count: number): { parts: string[] | null; order: number[] } {
  const parts: string[] = [];
  const order: number[] = [];
  let at = 0;
  for (const m of text.matchAll(HOLE)) {
    parts.push(text.slice(at, m.index));
    order.push(Number(m[1]));
    at = m.index + m[0].length;
  }
  parts.push(text.slice(at));
  const once = order.length === count && new Set(order).size === count && order.every((i) => i < count);
  return { parts: once ? parts : null, order };
}

const CHUNK = 64 * 1024;
/** Elements of a Mapped list stringified at once: few enough that the batch's text stays small. */
const BATCH = 256;

/** Writes `value` as `JSON.stringify(value, null, 2) + '\n'` would, in chunks. */
export function writeJson(value: unknown, write: (chunk: string) => void): void {
  // Pieces are joined once per chunk: one flat string, not a chain of thousands of small ones.
  let pieces: string[] = [];
  let length = 0;
  const emit = (s: string) => {
    pieces.push(s);
    length += s.length;
    if (length >= CHUNK) {
      write(pieces.join(''));
      pieces = [];
      length = 0;
    }
  };
  piece(value, '', emit);
  pieces.push('\n');
  write(pieces.join(''));
}

/**
 * The document's own objects and arrays are walked piece by piece; each element of a Mapped list
 * is made, stringified whole and dropped before the next.
 */
function piece(value: unknown, indent: string, emit: (s: string) => void): void {
  const inner = indent + '  ';
  if (value instanceof Mapped) {
    if (value.length === 0) return emit('[]');
    // Elements go to JSON.stringify a batch at a time, nested as deep as the list sits so that the
    // native indentation is already the document's; the wrapping brackets are cut off again.
    const depth = indent.length / 2;
    let open = '';
    let close = '';
    for (let d = 0; d <= depth; d++) {
      open += `${'  '.repeat(d)}[\n`;
      close = `\n${'  '.repeat(d)}]${close}`;
    }
    emit('[');
    let batch: unknown[] = [];
    let first = true;
    /** One or more elements' text, as it sits in the document at this depth (no separator). */
    const nestedText = (elements: unknown[]): string => {
      let nested: unknown = elements;
      for (let d = 0; d < depth; d++) nested = [nested];
      const text = JSON.stringify(nested, null, 2);
      return text.slice(open.length, text.length - close.length);
    };
    const put = (text: string) => {
      emit(`${first ? '\n' : ',\n'}${text}`);
      first = false;
    };
    const flush = () => {
      if (batch.length === 0) return;
      put(nestedText(batch));
      batch = [];
    };
    const template = value.template;
    if (!template) {
      for (const item of value) {
        batch.push(item);
        if (batch.length === BATCH) flush();
      }
    } else {
      const texts = new Map<string, Array<{ item: unknown; parts: string[] | null; order: number[] }>>();
      const raw = template.raw;
      const lastHoles: Array<string | number | undefined> = [];
      const holeTexts: string[] = [];
      for (const item of value.source) {
        const group = template.group(item);
        const known = group === undefined ? undefined : texts.get(group);
        let made = known?.find((t) => template.alike(t.item, item));
        if (group !== undefined && !made) {
          made = { item, ...cut(nestedText([template.shape(item, hole)]), template.holes(item).length) };
          if (known) known.push(made);
          else texts.set(group, [made]);
        }
        if (!made?.parts) {
          batch.push(value.element(item));
          if (batch.length === BATCH) flush();
          continue;
        }
        flush();
        // The parts and holes go out as pieces of their own (joined once per chunk); a hole's text
        // is made again only when its value differs from the last element's (a file's findings
        // follow one another).
        const holes = template.holes(item);
        const parts = made.parts;
        emit(first ? '\n' : ',\n');
        first = false;
        emit(parts[0]!);
        for (let i = 1; i < parts.length; i++) {
          const at = made.order[i - 1]!;
          const v = holes[at]!;
          if (raw?.has(at)) emit(v as string);
          else if (lastHoles[at] !== v) {
            lastHoles[at] = v;
            holeTexts[at] = typeof v === 'number' ? String(v) : JSON.stringify(v);
          }
          if (!raw?.has(at)) emit(holeTexts[at]!);
          emit(parts[i]!);
        }
      }
    }
    flush();
    return emit(`\n${indent}]`);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return emit('[]');
    emit('[');
    value.forEach((item, i) => {
      emit(`${i === 0 ? '' : ','}\n${inner}`);
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') emit('null');
      else piece(item, inner, emit);
    });
    return emit(`\n${indent}]`);
  }
  if (value !== null && typeof value === 'object' && !('toJSON' in value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
    if (entries.length === 0) return emit('{}');
    emit('{');
    entries.forEach(([key, v], i) => {
      emit(`${i === 0 ? '' : ','}\n${inner}${JSON.stringify(key)}: `);
      piece(v, inner, emit);
    });
    return emit(`\n${indent}}`);
  }
  emit(JSON.stringify(value) ?? 'null');
}
