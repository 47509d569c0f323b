/** PEP 503: names are compared in lower case with every run of `-`, `_` and `.` read as one `-`. */
export function normalisePypiName(name: string): string {
  return typeof name === 'string' ? name.trim().toLowerCase().replace(/[-_.]+/g, '-') : '';
}

/** A name PEP 508 accepts: what a rename may write. */
export function isPypiName(name: string): boolean {
  return typeof name === 'string' && /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(name);
}
