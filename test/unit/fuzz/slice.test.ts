import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Checks } from '../../fuzz/checks';
import { runInProcess, signature } from '../../fuzz/engine';
import { KNOWN_OPEN, TARGETS, textTarget } from '../../fuzz/targets';

/**
 * A fixed slice of `npm run fuzz`: the same targets and generators, seed 20261130, 10,000 inputs
 * spread over every target, run in this process. Inputs of the KNOWN_OPEN shapes are left out
 * until their fixes land. A failure names the input so that the full fuzzer can replay it:
 * `npm run fuzz -- --seed 20261130 --target NAME` reaches it, and saves it under fuzz-results/.
 */
const SEED = 20261130;
const COUNT = 10_000;

describe('fuzz slice', function () {
  this.timeout(120_000);

  it(`${COUNT} generated and mutated inputs: no crash, no hang, no position outside the text`, () => {
    const { tried, failures } = runInProcess(TARGETS, SEED, COUNT, { skipKnownOpen: true });
    assert.equal(tried, COUNT);
    const shown = failures.slice(0, 20).map((f) => `${signature(f)} (input #${f.index} of seed ${SEED})`);
    assert.deepEqual(shown, [], `${failures.length} failing inputs (known open shapes left out: ${KNOWN_OPEN.join(', ')})`);
  });

  it('reads the text at a range as its format does: JSON escapes decoded, lines continued with `\\` joined', () => {
    const at = (line: number, character: number) => ({ line, character });
    const checks = new Checks('a==1.0 \\\n  ,<2\n"\\u005e2"\nb==1.0 \\\r\n  ,<2\n');
    checks.spans({ start: at(0, 1), end: at(1, 5) }, ['==1.0   ,<2'], 'continued');
    checks.spans({ start: at(2, 1), end: at(2, 8) }, ['^2'], 'escaped');
    checks.spans({ start: at(3, 1), end: at(4, 5) }, ['==1.0   ,<2'], 'continued with CRLF');
    assert.deepEqual(checks.violations, []);
    // Joined or decoded, the text must still be the one expected.
    checks.spans({ start: at(0, 1), end: at(1, 5) }, ['==1.0'], 'wrong');
    assert.equal(checks.violations.length, 1);
  });

  it('catches a parser that throws and one that answers with a place outside the text', () => {
    const broken = textTarget({
      name: 'broken',
      corpus: ['{"a": 1}'],
      arbitrary: fc.constant('{"a": {}}'),
      run({ text }, checks) {
        if (text.includes('}}')) throw new TypeError('cannot read properties of undefined');
        checks.inside({ start: { line: 0, character: 0 }, end: { line: 0, character: text.length + 1 } }, 'range');
      },
    });
    const { failures } = runInProcess([broken], SEED, 100, { skipKnownOpen: false });
    assert.deepEqual(new Set(failures.map((f) => f.kind)), new Set(['crash', 'position']));
    assert.match(failures.find((f) => f.kind === 'crash')!.message, /^TypeError: cannot read properties of undefined/);
    assert.match(failures.find((f) => f.kind === 'position')!.message, /^range: range 0:0-0:\d+ lies outside the text/);
  });
});
