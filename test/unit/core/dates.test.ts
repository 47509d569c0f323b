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
    // Years 0000–0099 are years of the format like any other (Date.UTC would read them as 19xx).
    ['0024-02-29', true],
    ['0000-02-29', true],
    ['0100-02-29', false],
    ['1900-02-29', false],
    ['9999-12-31', true],
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

  it('counts days in years 0000–0099 as in any other year', () => {
    assert.equal(daysBetween('2026-01-01', '0050-01-01'), -721_719);
    assert.equal(daysBetween('0024-02-28', '0024-03-01'), 2, '24 is a leap year');
    assert.equal(daysBetween('0000-12-31', '0001-01-01'), 1);
    assert.equal(daysBetween('0000-01-01', '9999-12-31'), 3_652_424);
  });

  it('agrees with the proleptic Gregorian calendar of Date on the first day of every month 0000–9999', () => {
    const base = Date.UTC(1970, 0, 1);
    for (let y = 0; y <= 9999; y += 7) {
      for (let mo = 1; mo <= 12; mo++) {
        const d = new Date(0);
        d.setUTCFullYear(y, mo - 1, 1);
        const text = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-01`;
        assert.equal(daysBetween('1970-01-01', text), (d.getTime() - base) / 86_400_000, text);
      }
    }
  });

  it('gives the local calendar date', () => {
    assert.equal(localToday(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
  });
});
