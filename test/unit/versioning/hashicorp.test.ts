import * as assert from 'node:assert/strict';
import { hashicorpVersioning as hc } from '../../../src/core/versioning/hashicorp';
import { runtimeVersioning } from '../../../src/core/versioning/runtimeVersion';
import { isInside, type NormalisedVersion } from '../../../src/core/versions';

const exact = (version: string): NormalisedVersion => ({ kind: 'exact', version });
const range = (r: string): NormalisedVersion => ({ kind: 'range', range: r });
const unknown: NormalisedVersion = { kind: 'unknown' };

describe('hashicorp versioning', () => {
  describe('normalise', () => {
    const cases: readonly (readonly [text: string | null, expected: NormalisedVersion])[] = [
      ['~> 1.2', range('>=1.2.0 <2.0.0')],
      ['~> 1.2.3', range('>=1.2.3 <1.3.0')],
      ['~>1.2', range('>=1.2.0 <2.0.0')],
      // Nothing to keep: go-version admits every version from 1 on.
      ['~> 1', range('>=1.0.0')],
      ['>= 1.2, < 2.0', range('>=1.2.0 <2.0.0')],
      ['>=4.0,<5.0', range('>=4.0.0 <5.0.0')],
      ['> 1.2.3', range('>1.2.3')],
      ['<= 3', range('<=3.0.0')],
      ['= 1.2.3', exact('1.2.3')],
      ['1.2.3', exact('1.2.3')],
      ['1.2', exact('1.2.0')],
      ['v1.2.0', exact('1.2.0')],
      ['1.0.0-beta1', exact('1.0.0-beta1')],
      // An exclusion removes single versions: the range compared admits them (never a false alarm).
      ['>= 1.2, != 1.4.0', range('>=1.2.0')],
      ['!= 1.4.0', range('*')],
      // Git refs of a module source: a tag names its version; a branch or a SHA names none.
      ['tags/0.5.7', exact('0.5.7')],
      ['refs/tags/v2.1.0', exact('2.1.0')],
      ['main', unknown],
      ['8e5e7e5ab8b370d6c329ec480221332ada57f0ab', unknown],
      ['${var.module_ref}', unknown],
      ['~> 1.2 || ~> 2.0', unknown],
      ['^1.2', unknown],
      ['1.2.3.4', unknown],
      ['>= 1.2,', unknown],
      ['', unknown],
      ['   ', unknown],
      [null, unknown],
      ['9999999999999999999.0.0', unknown],
    ];
    for (const [text, expected] of cases) {
      it(`${JSON.stringify(text)} → ${JSON.stringify(expected)}`, () => assert.deepEqual(hc.normalise(text), expected));
    }
  });

  describe('bump keeps the operator and the precision written', () => {
    const cases: readonly (readonly [text: string, to: string, expected: string | undefined])[] = [
      ['~> 1.2', '4.2.0', '~> 4.2'],
      ['~> 1.2.3', '4.2.0', '~> 4.2.0'],
      ['~>1.2', '4.2.0', '~>4.2'],
      ['>= 1.2, < 2.0', '4.2.0', '>= 4.2, < 5.0'],
      ['= 1.2.3', '4.2.0', '= 4.2.0'],
      ['1.2.3', '4.2.0', '4.2.0'],
      ['v1.2.0', '4.2.0', 'v4.2.0'],
      // A git source's bump rewrites only its ref: the tag prefix stays.
      ['tags/0.5.7', '0.6.0', 'tags/0.6.0'],
      ['refs/tags/v0.5.7', '0.6.0', 'refs/tags/v0.6.0'],
      ['main', '4.2.0', undefined],
      ['${var.ref}', '4.2.0', undefined],
      ['~> 1.2', 'not-a-version', undefined],
    ];
    for (const [text, to, expected] of cases) {
      it(`${text} → ${to}: ${String(expected)}`, () => assert.equal(hc.bump(text, to), expected));
    }
  });

  it('compares as Terraform does: ~> 5.31 is inside <6.0.0 and not inside <5.40.0', () => {
    assert.equal(isInside(hc.normalise('~> 5.31'), '<6.0.0'), true);
    assert.equal(isInside(hc.normalise('~> 5.31'), '<5.40.0'), false);
    assert.equal(isInside(hc.normalise('~> 5.31.2'), '<5.32.0'), true);
  });

  it('reads a runtime `required_version` the way Terraform does, not as npm reads `~>`', () => {
    // npm reads `~>1.5` as `~1.5` (<1.6.0); Terraform lets the minor grow.
    assert.deepEqual(runtimeVersioning.normalise('~> 1.5'), range('>=1.5.0 <2.0.0'));
    assert.deepEqual(runtimeVersioning.normalise('>= 1.3, < 2.0'), range('>=1.3.0 <2.0.0'));
    assert.equal(runtimeVersioning.bump('~> 1.5', '1.9.0'), '~> 1.9');
    // Other runtimes' texts are read as before.
    assert.deepEqual(runtimeVersioning.normalise('>= 1.5.0'), range('>=1.5.0'));
  });
});
