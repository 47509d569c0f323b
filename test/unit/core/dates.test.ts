import * as assert from 'node:assert/strict';
import { daysBetween, isDate, localToday } from '../../../src/core/dates';

describe('dates', () => {
  const cases: Array<[string, boolean]> = [
    ['2026-11-21', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['26-11-21', false],
    ['2026-11-21T00:00', false],
    ['', false],
  ];
  for (const [text, ok] of cases) {
    it(`${JSON.stringify(text)} is ${ok ? '' : 'not '}a date`, () => assert.equal(isDate(text), ok));
  }

  it('counts whole days across month, year and daylight-saving boundaries', () => {
    assert.equal(daysBetween('2026-11-21', '2027-01-31'), 71);
    assert.equal(daysBetween('2026-11-21', '2026-06-30'), -144);
    assert.equal(daysBetween('2026-03-28', '2026-03-30'), 2);
    assert.equal(daysBetween('2026-11-21', '2026-11-21'), 0);
  });

  it('gives the local calendar date', () => {
    assert.equal(localToday(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
  });
});
