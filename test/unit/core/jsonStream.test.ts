import { strict as assert } from 'node:assert';
import { Mapped, writeJson } from '../../../src/core/output/jsonStream';

/** What writeJson wrote, joined, and how many pieces it came in. */
function written(value: unknown): { text: string; pieces: number } {
  const pieces: string[] = [];
  writeJson(value, (s) => pieces.push(s));
  return { text: pieces.join(''), pieces: pieces.length };
}

const finding = (i: number) => ({ file: `packages/p${i}/package.json`, line: i, message: `"quoted" \\ and\nnew line ${i}`, tags: ['a', { b: i }], none: undefined });

describe('JSON output written in pieces', () => {
  // Lists sit at different depths in the JSON and SARIF documents; each must read as JSON.stringify's.
  const cases: Array<[string, unknown, unknown]> = [
    ['a list at the top', new Mapped([1, 2, 3], finding), [1, 2, 3].map(finding)],
    ['a list one level down', { findings: new Mapped([1, 2], finding), errors: new Mapped([], finding) }, { findings: [1, 2].map(finding), errors: [] }],
    ['a list three levels down', { runs: [{ results: new Mapped([7], finding), tool: { name: 'x' } }] }, { runs: [{ results: [finding(7)], tool: { name: 'x' } }] }],
    ['elements that JSON cannot hold', { l: new Mapped([1, 2], (i) => (i === 1 ? undefined : () => i)) }, { l: [undefined, () => 2] }],
    ['scalars and empty containers', { a: 'x', b: null, c: [], d: {}, e: 1.5, f: [[]] }, { a: 'x', b: null, c: [], d: {}, e: 1.5, f: [[]] }],
  ];
  for (const [name, streamed, plain] of cases) {
    it(`writes ${name} as JSON.stringify(…, null, 2) does`, () => {
      assert.equal(written(streamed).text, `${JSON.stringify(plain, null, 2)}\n`);
    });
  }

  it('writes a long list across many batches, byte for byte, in pieces of bounded size', () => {
    const items = Array.from({ length: 3000 }, (_, i) => i);
    const { text, pieces } = written({ summary: { n: 3000 }, findings: new Mapped(items, finding) });
    assert.equal(text, `${JSON.stringify({ summary: { n: 3000 }, findings: items.map(finding) }, null, 2)}\n`);
    assert.ok(pieces > 3, `a 3,000-finding report comes in many pieces, not one string (${pieces})`);
  });
});
