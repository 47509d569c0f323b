import { ratio, type Share } from './aggregate';

/** `57% (4/7)`; a share of nothing is a dash, not 100 % or 0 %. */
export function percent(s: Share | null): string {
  if (s === null || s.total === 0) return '—';
  return `${Math.round(ratio(s) * 100)}% (${s.count}/${s.total})`;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** `in 62 days`, `today`, `153 days ago`. */
export function daysPhrase(days: number): string {
  if (days === 0) return 'today';
  return days > 0 ? `in ${plural(days, 'day')}` : `${plural(-days, 'day')} ago`;
}

/** The short form of a commit, as git shows it. */
export function shortCommit(commit: string | null): string {
  return commit === null ? '—' : commit.slice(0, 12);
}
