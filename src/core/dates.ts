/** Calendar dates as `YYYY-MM-DD` strings, compared in whole days, independent of time zones. */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The UTC midnight of a real calendar date, or undefined (2026-02-30 is not a date). */
function dayNumber(date: string): number | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return t / 86_400_000;
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
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
