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
  ) {}

  get length(): number {
    return this.items.length;
  }

  *[Symbol.iterator](): Iterator<unknown> {
    for (const item of this.items) yield this.map(item);
  }

  /** For JSON.stringify: the whole array at once. */
  toJSON(): unknown[] {
    return this.items.map(this.map);
  }
}

const CHUNK = 64 * 1024;
/** Elements of a Mapped list stringified at once: few enough that the batch's text stays small. */
const BATCH = 256;

/** Writes `value` as `JSON.stringify(value, null, 2) + '\n'` would, in chunks. */
export function writeJson(value: unknown, write: (chunk: string) => void): void {
  let buffer = '';
  const emit = (s: string) => {
    buffer += s;
    if (buffer.length >= CHUNK) {
      write(buffer);
      buffer = '';
    }
  };
  piece(value, '', emit);
  write(buffer + '\n');
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
    const flush = () => {
      let nested: unknown = batch;
      for (let d = 0; d < depth; d++) nested = [nested];
      const text = JSON.stringify(nested, null, 2);
      emit(`${first ? '\n' : ',\n'}${text.slice(open.length, text.length - close.length)}`);
      first = false;
      batch = [];
    };
    for (const item of value) {
      batch.push(item);
      if (batch.length === BATCH) flush();
    }
    if (batch.length > 0) flush();
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
