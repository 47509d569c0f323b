import type { FeedbackDraft } from './payload';
import { RULES } from './redactRules';

export interface Redaction {
  readonly kind: string;
  readonly count: number;
}

export interface RedactResult {
  readonly text: string;
  /** Only kinds that were found, in the order of RULES. */
  readonly redactions: Redaction[];
}

/**
 * Masks secrets a user may paste into feedback (tokens, keys, passwords in URLs) and replaces their
 * home folder in paths with `~`. Ordinary text is returned unchanged. Idempotent.
 */
export function redact(text: string, opts: { home?: string } = {}): RedactResult {
  const counts = new Map<string, number>();
  const bump = (kind: string, n = 1): void => void counts.set(kind, (counts.get(kind) ?? 0) + n);
  let out = text;
  for (const rule of RULES) {
    const r = rule.apply(out);
    if (r.count > 0) bump(rule.kind, r.count);
    out = r.text;
  }
  const home = homePattern(opts.home);
  if (home) {
    out = out.replace(home, () => {
      bump('home-folder');
      return '~';
    });
  }
  const order = [...new Set([...RULES.map((r) => r.kind), 'home-folder'])];
  return { text: out, redactions: order.flatMap((kind) => (counts.has(kind) ? [{ kind, count: counts.get(kind)! }] : [])) };
}

/**
 * Matches the home folder as a whole path segment, with either separator (a Windows home also
 * appears as C:/Users/alice and as C:\\Users\\alice inside JSON), case-insensitive on Windows.
 * Too short a home (`/`, `C:\`) would match every path: then nothing is replaced.
 */
function homePattern(home: string | undefined): RegExp | undefined {
  if (home === undefined) return undefined;
  const trimmed = home.replace(/[\\/]+$/, '');
  const parts = trimmed.split(/[\\/]+/).filter((p) => p !== '');
  if (parts.length === 0 || (parts.length === 1 && /^[A-Za-z]:$/.test(parts[0]!))) return undefined;
  const windows = /^[A-Za-z]:/.test(trimmed) || trimmed.includes('\\');
  const escaped = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const lead = trimmed.startsWith('/') || trimmed.startsWith('\\') ? '[\\\\/]' : '';
  const body = `${lead}${escaped.join('[\\\\/]+')}`;
  // Not inside a longer name: /home/alice must not match /home/alice2 or /x/home/alice.
  return new RegExp(`(?<![A-Za-z0-9._-])${body}(?![A-Za-z0-9._-])`, windows ? 'gi' : 'g');
}

/** Redacts the message and every context value; team, component and contact are the user's own choices. */
export function redactDraft(draft: FeedbackDraft, home?: string): { draft: FeedbackDraft; redactions: Redaction[] } {
  const counts = new Map<string, number>();
  const run = (text: string): string => {
    const r = redact(text, { home });
    for (const { kind, count } of r.redactions) counts.set(kind, (counts.get(kind) ?? 0) + count);
    return r.text;
  };
  const message = run(draft.message);
  const context = Object.fromEntries(Object.entries(draft.context).map(([k, v]) => [k, run(v)]));
  return { draft: { ...draft, message, context }, redactions: [...counts].map(([kind, count]) => ({ kind, count })) };
}
