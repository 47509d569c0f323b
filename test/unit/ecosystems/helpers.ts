import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import picomatch from 'picomatch';
import type { EcosystemModule, Splice } from '../../../src/core/ecosystems/types';
import { LineIndex, type Range } from '../../../src/core/positions';

/** The text a range spans. */
export function at(text: string, r: Range): string {
  const index = new LineIndex(text);
  return text.slice(index.offsetAt(r.start), index.offsetAt(r.end));
}

/** What a user sees of each use: its name, version text, resolved version, section and the text its range spans. */
export interface Seen {
  name: string;
  constraint: string | null;
  section: string;
  resolved?: string;
  /** The text under the finding's range. */
  range: string;
  /** The text under the name's range. */
  nameText: string;
  line: number;
}

/** Parses, then locates, and checks both agree; fails on any parse problem. */
export function seen(mod: EcosystemModule, text: string, file: string): Seen[] {
  const parsed = mod.parse(text, file);
  assert.deepEqual(parsed.problems, [], 'no parse problems');
  const located = mod.locate(text, file, parsed.uses);
  assert.equal(located.length, parsed.uses.length);
  return located.map((l, i) => {
    assert.deepEqual({ ...parsed.uses[i] }, stripRanges(l), 'locate keeps the use as parse returned it');
    const s: Seen = { name: l.name, constraint: l.constraint, section: l.section, range: at(text, l.range), nameText: at(text, l.nameRange), line: l.range.start.line };
    if (l.resolved !== undefined) s.resolved = l.resolved;
    return s;
  });
}

function stripRanges<T extends { range: Range; nameRange: Range }>(l: T): Omit<T, 'range' | 'nameRange'> {
  const { range: _r, nameRange: _n, ...rest } = l;
  return rest;
}

/** The text after applying splices (they never overlap and come sorted). */
export function applySplices(text: string, splices: readonly Splice[]): string {
  let out = '';
  let last = 0;
  for (const s of splices) {
    assert.ok(s.start >= last && s.end >= s.start && s.end <= text.length, `splice ${JSON.stringify(s)} inside the text, in order`);
    out += text.slice(last, s.start) + s.text;
    last = s.end;
  }
  return out + text.slice(last);
}

/** A range lies inside the text: it round-trips through offsets. */
export function assertInside(text: string, r: Range): void {
  const lines = new LineIndex(text);
  const start = lines.offsetAt(r.start);
  const end = lines.offsetAt(r.end);
  assert.deepEqual(lines.positionAt(start), r.start, JSON.stringify(r));
  assert.deepEqual(lines.positionAt(end), r.end, JSON.stringify(r));
  assert.ok(start <= end, JSON.stringify(r));
}

/** `wants` and the `files` globs agree on every path of the table. */
export function assertFilesAgree(mod: EcosystemModule, paths: readonly string[]): void {
  const globs = picomatch(mod.files as string[], { dot: true });
  for (const p of paths) assert.equal(mod.wants(p), globs(p), `wants and files agree on ${p}`);
}

/**
 * The module's parser against arbitrary text and against mutations of its own samples: never a
 * throw, every range inside the text, and the text at each range is the use's version text (or
 * its name when it has none).
 */
export function checkTotal(mod: EcosystemModule, text: string, file: string): void {
  const parsed = mod.parse(text, file);
  for (const p of parsed.problems) assertInside(text, p.range);
  const located = mod.locate(text, file, parsed.uses);
  assert.equal(located.length, parsed.uses.length);
  for (const l of located) {
    assertInside(text, l.range);
    assertInside(text, l.nameRange);
    // A value over several lines or with escapes is not one stretch of the text: its range is the
    // whole scalar as written, which then holds a line break, a quote or a backslash.
    // The name may be written under another key (asdf's `nodejs` for node); a file that writes no
    // name at all (`.nvmrc`) points both ranges at its version text.
    const nameWritten = at(text, l.nameRange) === l.key ? l.key : l.name;
    const nameExpected = JSON.stringify(l.nameRange) === JSON.stringify(l.range) ? (l.constraint ?? l.name) : nameWritten;
    for (const [r, expected] of [[l.range, l.constraint ?? l.name], [l.nameRange, nameExpected]] as const) {
      const t = at(text, r);
      if (t !== expected) assert.match(t, /[\r\n"'\\]/, `range text ${JSON.stringify(t)} is ${JSON.stringify(expected)}`);
    }
  }
  const renamed = mod.rename(text, file, parsed.uses[0]?.name ?? 'acme/x', 'acme/renamed');
  applySplices(text, renamed.splices);
}

/** Texts built from the samples: cut, spliced with noise, re-indented, with other line ends and a BOM. */
export function sampleMutations(samples: readonly { path: string; text: string }[]): fc.Arbitrary<{ path: string; text: string }> {
  const noise = fc.constantFrom('', '\n', '\r\n', ' ', '\t', '- ', ': ', '#', ' # v1.2.3', '@', '"', "'", '{', '}', '[', ']', '&a ', '*a', '>-\n', '|\n', '\ufeff', 'uses: ', 'include:\n', 'project: ', 'ref: ', 'é', '${{ x }}');
  return fc
    .record({
      sample: fc.constantFrom(...samples),
      cut: fc.nat(),
      len: fc.nat({ max: 40 }),
      insert: fc.array(noise, { maxLength: 4 }).map((a) => a.join('')),
      crlf: fc.boolean(),
      bom: fc.boolean(),
    })
    .map(({ sample, cut, len, insert, crlf, bom }) => {
      let t = crlf ? sample.text.replace(/\n/g, '\r\n') : sample.text;
      const i = cut % (t.length + 1);
      t = t.slice(0, i) + insert + t.slice(Math.min(t.length, i + len));
      return { path: sample.path, text: (bom ? '\ufeff' : '') + t };
    });
}

/**
 * The properties every module's parser must have, as tests of the current `describe`: its samples
 * read without a problem, and arbitrary or mutated text never makes it throw or misplace a range.
 */
export function totalityTests(mod: EcosystemModule, samples: readonly { path: string; text: string }[], seed: number): void {
  const runs = { seed, numRuns: 300 };
  it('reads every sample without a problem', () => {
    assert.ok(samples.length >= 4);
    for (const s of samples) {
      assert.ok(mod.wants(s.path), s.path);
      assert.deepEqual(mod.parse(s.text, s.path).problems, [], s.path);
      checkTotal(mod, s.text, s.path);
    }
  });

  it('never throws on arbitrary text, and its ranges hold what they say', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => checkTotal(mod, text, samples[0]!.path)), runs);
  });

  it('never throws on mutated samples, and its ranges hold what they say', () => {
    fc.assert(fc.property(sampleMutations(samples), ({ path, text }) => checkTotal(mod, text, path)), runs);
  });
}
