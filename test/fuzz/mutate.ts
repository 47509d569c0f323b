import { SHAPES, type Shape } from './hostile';
import type { Rng } from './rng';

/**
 * Mutations of a realistic input: the damage a hand edit, a bad merge, an editor on another
 * platform or a hostile commit does to a file. Each keeps most of the text, so the parser gets past
 * its first line and the damage lands in the middle of real structure.
 */
const TOKENS = [
  '{', '}', '[', ']', '"', "'", ':', ': ', ',', '-', '- ', '#', '&a ', '*a', '!!binary ', '|', '>', '\\', '\\u', '\\"',
  '\u0000', '\ufeff', '\r', '\n', '\r\n', '\t', ' ', '  ', 'é', '\u{1d4b3}', '\ud800', '\udc00', '\u2028', '||', '*',
  '@', 'npm:', 'workspace:', '^', '~', '>=', '1.0.0', '0050-01-01', 'null', 'true', '1e999', '-0', '__proto__', 'constructor',
  '---\n', '...\n', '<<: *a\n', '? ', '%YAML 1.2\n',
];

type Mutation = (text: string, rng: Rng, other: string) => string;

const at = (text: string, rng: Rng): number => rng.int(text.length + 1);

const MUTATIONS: Mutation[] = [
  // replace one UTF-16 unit by a random one, lone surrogates and controls included
  (t, r) => {
    const i = r.int(Math.max(1, t.length));
    return t.slice(0, i) + String.fromCharCode(r.chance(0.5) ? r.int(128) : r.int(0x10000)) + t.slice(i + 1);
  },
  // insert a token that means something to JSON, YAML or the lockfile formats
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + r.pick(TOKENS) + t.slice(i);
  },
  // delete a span
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + t.slice(i + r.between(1, 40));
  },
  // splice: the head of this text with the tail of another
  (t, r, o) => t.slice(0, at(t, r)) + o.slice(r.int(o.length + 1)),
  // duplicate, delete or swap lines
  (t, r) => editLines(t, r, (lines, i) => lines.splice(i, 0, lines[i] ?? '')),
  (t, r) => editLines(t, r, (lines, i) => lines.splice(i, 1)),
  (t, r) =>
    editLines(t, r, (lines, i) => {
      const j = r.int(lines.length);
      [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
    }),
  // re-indent a line (YAML and the lockfile formats read indentation)
  (t, r) => editLines(t, r, (lines, i) => (lines[i] = ' '.repeat(r.int(9)) + (lines[i] ?? '').trimStart())),
  // line ends of another platform, a byte-order mark, a truncated file
  (t) => t.replace(/\r?\n/g, '\r\n'),
  (t) => t.replace(/\r?\n/g, '\r'),
  (t) => '\ufeff' + t,
  (t, r) => t.slice(0, at(t, r)),
  // repeat a span: long keys, long values, many entries
  (t, r) => {
    const i = at(t, r);
    const span = t.slice(i, i + r.between(1, 30));
    return t.slice(0, i) + span.repeat(r.between(2, 50)) + t.slice(i);
  },
  // wrap the text in brackets a few levels deep
  (t, r) => {
    const n = r.between(1, 60);
    return r.chance(0.5) ? '['.repeat(n) + t + ']'.repeat(n) : '{"a":'.repeat(n) + t + '}'.repeat(n);
  },
];

function editLines(text: string, rng: Rng, edit: (lines: string[], i: number) => void): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  edit(lines, rng.int(lines.length));
  return lines.join(eol);
}

/** One to four mutations of `text`; `other` is another input to splice from. */
export function mutate(text: string, rng: Rng, other: string): { text: string; shapes: Shape[] } {
  let out = text;
  for (let n = rng.between(1, 4); n > 0; n--) out = rng.pick(MUTATIONS)(out, rng, other);
  // Now and then a line repeated by the thousand: the size of a generated or merged-twice file.
  if (rng.chance(0.01)) return { text: editLines(out, rng, (lines, i) => lines.splice(i, 0, ...Array<string>(rng.between(1000, 3000)).fill(lines[i] ?? ''))), shapes: [SHAPES.manyLines] };
  return { text: out, shapes: [] };
}
