/**
 * Calendar dates as `YYYY-MM-DD` strings, compared in whole days, independent of time zones.
 *
 * The format allows every four-digit year, 0000–9999, in the proleptic Gregorian calendar. Date.UTC
 * is not used: it maps years 0–99 to 1900–1999, so a date such as 0050-01-01 would pass one check and
 * fail the next. Validation (the catalog and config checks, `--today`) and arithmetic both go through
 * the functions here, so a date that is accepted can always be computed with.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Days in `month` (1–12) of `year`; 0 for a month that does not exist. */
export function daysInMonth(year: number, month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) return 0;
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days since 1970-01-01 of a real calendar date, or undefined (2026-02-30 is not a date). Pure
 * integer arithmetic over 400-year cycles (146,097 days each), exact for every year 0000–9999.
 */
function dayNumber(date: string): number | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (d < 1 || d > daysInMonth(y, mo)) return undefined;
  // Count from March, so the leap day is the last day of the counted year.
  const year = mo <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export function isDate(text: string): boolean {
  return dayNumber(text) !== undefined;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). Both must be dates. */
export function daysBetween(from: string, to: string): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a === undefined || b === undefined) throw new RangeError(`not a date: ${a === undefined ? from : to}`);
  return b - a;
}

/** Today's local date: the date a developer reads on their own calendar. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(now.getFullYear()).padStart(4, '0')}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
