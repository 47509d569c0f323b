import * as assert from 'node:assert/strict';
import { isExcluded } from '../../../src/core/walk';

describe('isExcluded', () => {
  const cases: Array<[string, string[], boolean]> = [
    ['package.json', [], false],
    ['apps/web/package.json', [], false],
    ['node_modules/x/package.json', [], true],
    ['apps/web/node_modules/@acme/ui/package.json', [], true],
    ['.git/package.json', [], true],
    ['tools/fixtures/old/package.json', ['tools/fixtures/**'], true],
    ['tools/fixtures', ['tools/fixtures/**'], true],
    ['tools/release/package.json', ['tools/fixtures/**'], false],
    ['legacy/a/package.json', ['legacy'], true],
    ['apps/web/package.json', ['**/web/**'], true],
    ['node_modules_not/package.json', [], false],
  ];
  for (const [file, exclude, expected] of cases) {
    it(`${file} with [${exclude.join(', ')}] is ${expected ? '' : 'not '}excluded`, () => assert.equal(isExcluded(file, exclude), expected));
  }
});
