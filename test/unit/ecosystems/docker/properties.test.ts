import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as semver from 'semver';
import { dockerModule } from '../../../../src/core/ecosystems/docker';
import { samples } from './samples';
import { LineIndex, type Range } from '../../../../src/core/positions';
import { textAt } from './helpers';

const RUNS = { seed: 42, numRuns: 400 };
const FILES = ['Dockerfile', 'compose.yaml', '.devcontainer/devcontainer.json'];

/** A range that round-trips through offsets really exists in the text. */
function assertInside(text: string, r: Range): void {
  const lines = new LineIndex(text);
  const start = lines.offsetAt(r.start);
  const end = lines.offsetAt(r.end);
  assert.deepEqual(lines.positionAt(start), r.start, JSON.stringify(r));
  assert.deepEqual(lines.positionAt(end), r.end, JSON.stringify(r));
  assert.ok(0 <= start && start <= end && end <= text.length, JSON.stringify(r));
}

/** Everything the module promises about one text. */
function check(text: string, file: string): void {
  const parsed = dockerModule.parse(text, file);
  for (const p of parsed.problems) assertInside(text, p.range);
  const located = dockerModule.locate(text, file, parsed.uses);
  assert.equal(located.length, parsed.uses.length);
  located.forEach((l, i) => {
    const { range, nameRange, ...use } = l;
    assert.deepEqual(use, parsed.uses[i]);
    assertInside(text, range);
    assertInside(text, nameRange);
    assert.equal(textAt(text, range), l.constraint ?? l.key);
    assert.equal(textAt(text, nameRange), l.key);
    assert.equal(dockerModule.normaliseName(l.name), l.name.toLowerCase());
    dockerModule.versioning.normalise(l.constraint);
  });
  for (const use of parsed.uses) {
    const { splices } = dockerModule.rename(text, file, use.name, 'acme/renamed');
    let last = 0;
    for (const s of splices) {
      assert.ok(last <= s.start && s.start <= s.end && s.end <= text.length, JSON.stringify(s));
      last = s.end;
    }
  }
}

/** The pieces that make these formats tricky, to be dropped anywhere into a real file. */
const PIECES = [
  '\\\n', '`\n', '\r\n', '\r', '\n', '\ufeff', '# escape=`\n', '# escape=\\\n', 'FROM ', 'from ', 'AS ', 'ARG X=', 'ARG X\n',
  '${X}', '${X:-1}', '${', '}', '$', ':', '@', '@sha256:', '/', 'scratch', '<<EOF\n', '\nEOF\n', '<<-', 'RUN ', '#', ' ',
  '"', "'", 'image: ', 'build: .', '&a ', '*a', '<<: *a', '<<: [*a, *a]', 'services:', '  ', '{', '[', ',', '//', '\\u0041',
];
const mutated = fc
  .tuple(
    fc.constantFrom(...samples),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...PIECES), fc.nat(3)), { maxLength: 8 }),
  )
  .map(([sample, edits]) => {
    let text = sample.text;
    for (const [at, piece, cut] of edits) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + piece + text.slice(i + cut);
    }
    return { file: sample.file, text };
  });

describe('docker module: properties', () => {
  it('the samples are read as what they are, each with a use', () => {
    for (const s of samples) {
      assert.ok(dockerModule.wants(s.file), s.file);
      const parsed = dockerModule.parse(s.text, s.file);
      assert.deepEqual(parsed.problems, [], s.file);
      assert.ok(parsed.uses.length > 0, s.file);
      check(s.text, s.file);
    }
  });

  it('a bump written at each range moves that use and no other text', () => {
    for (const s of samples) {
      const parsed = dockerModule.parse(s.text, s.file);
      const located = dockerModule.locate(s.text, s.file, parsed.uses);
      const lines = new LineIndex(s.text);
      located.forEach((l, i) => {
        const bumped = l.constraint === null ? undefined : dockerModule.versioning.bump(l.constraint, '9.8.7');
        if (bumped === undefined) return;
        const text = s.text.slice(0, lines.offsetAt(l.range.start)) + bumped + s.text.slice(lines.offsetAt(l.range.end));
        const after = dockerModule.parse(text, s.file).uses;
        assert.equal(after.length, parsed.uses.length, `${s.file}: ${l.constraint} → ${bumped}`);
        assert.deepEqual(after[i], { ...parsed.uses[i], constraint: bumped });
        const v = dockerModule.versioning.normalise(bumped);
        assert.ok(v.kind === 'exact' ? v.version === '9.8.7' : v.kind === 'range' && semver.satisfies('9.8.7', v.range), bumped);
      });
    }
  });

  it('never throws and never points outside the text, on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom(...FILES), (text, file) => check(text, file)),
      RUNS,
    );
  });

  it('never throws, and every range spans its version text or name, on mutated real files', () => {
    fc.assert(fc.property(mutated, ({ text, file }) => check(text, file)), RUNS);
  });

  it('never throws on texts made of the tricky pieces alone', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES, 'node:20-alpine', 'a', '1'), { maxLength: 40 }), fc.constantFrom(...FILES), (parts, file) =>
        check(parts.join(''), file),
      ),
      RUNS,
    );
  });

  it('takes anything as arguments without throwing', () => {
    const odd = [undefined, null, 42, {}, ''] as unknown as string[];
    for (const a of odd) {
      for (const b of odd) {
        dockerModule.parse(a, b);
        dockerModule.locate(a, b, []);
        dockerModule.rename(a, b, a, b);
        dockerModule.wants(a);
        dockerModule.versioning.normalise(a);
        dockerModule.versioning.bump(a, b);
      }
    }
  });
});
