import type { FeedbackDraft } from './payload';

export interface Redaction {
  readonly kind: string;
  readonly count: number;
}

export interface RedactResult {
  readonly text: string;
  /** Only kinds that were found, in the order of RULES. */
  readonly redactions: Redaction[];
}

const mark = (kind: string): string => `[REDACTED ${kind}]`;

/** A token-looking run: long enough, and not a plain word (a digit, or mixed case). */
function looksLikeSecret(s: string): boolean {
  return s.length >= 16 && (/\d/.test(s) || (/[a-z]/.test(s) && /[A-Z]/.test(s)));
}

interface Rule {
  readonly kind: string;
  readonly re: RegExp;
  /** Returns the replacement, or undefined to leave the match as it is. */
  readonly replace: (match: string, ...groups: string[]) => string | undefined;
}

/**
 * Order matters: whole blocks and URLs first, so a token inside them is counted once, under the
 * most telling kind; markers contain no character the later rules match, so nothing is redacted twice.
 */
const RULES: readonly Rule[] = [
  {
    kind: 'private-key',
    re: /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?-----END \1PRIVATE KEY-----/g,
    replace: () => mark('private-key'),
  },
  {
    // A block pasted without its END line: the BEGIN line and the key lines that follow it.
    kind: 'private-key',
    // Key lines are long base64 runs (the last one may be short and end in `=`); a blank line may
    // follow the Proc-Type/DEK-Info headers of an encrypted key. Ordinary text stops the match.
    re: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:\r?\n(?:[A-Za-z0-9+/]{20,}=*|[A-Za-z0-9+/]*=+|(?:Proc-Type|DEK-Info):[^\r\n]*|)(?=\r?\n|$))*/g,
    replace: () => mark('private-key'),
  },
  {
    kind: 'url-password',
    re: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@[\]]+:)([^\s@/?#]+)@/gi,
    replace: (_m, userPart) => `${userPart}${mark('password')}@`,
  },
  {
    kind: 'slack-webhook',
    re: /\b(https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9/_-]+/g,
    replace: (_m, prefix) => `${prefix}${mark('slack-webhook')}`,
  },
  {
    kind: 'github-token',
    re: /\b(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{50,255})\b/g,
    replace: () => mark('github-token'),
  },
  { kind: 'slack-token', re: /\bxox[baprs]-[A-Za-z0-9-]{10,}/g, replace: () => mark('slack-token') },
  { kind: 'aws-access-key-id', re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, replace: () => mark('aws-access-key-id') },
  {
    // aws_secret_access_key = …, AWS_SECRET_ACCESS_KEY: …, "SecretAccessKey": "…" (aws sts output)
    kind: 'aws-secret-access-key',
    re: /\b((?:aws[_-]?)?secret[_-]?access[_-]?key["']?\s*[:=]\s*["']?)([A-Za-z0-9/+=]{20,})/gi,
    replace: (_m, prefix) => `${prefix}${mark('aws-secret-access-key')}`,
  },
  {
    kind: 'jwt',
    re: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
    replace: () => mark('jwt'),
  },
  {
    kind: 'bearer-token',
    re: /\b(Bearer\s+)([A-Za-z0-9._~+/-]+=*)/gi,
    replace: (_m, prefix, token) => (looksLikeSecret(token!) ? `${prefix}${mark('bearer-token')}` : undefined),
  },
  {
    kind: 'authorization',
    re: /\b(Authorization["']?\s*[:=]\s*["']?(?:Basic|token)\s+)([A-Za-z0-9._~+/-]+=*)/gi,
    replace: (_m, prefix, token) => (token!.length >= 8 ? `${prefix}${mark('authorization')}` : undefined),
  },
];

/**
 * Masks secrets a user may paste into feedback (tokens, keys, passwords in URLs) and replaces their
 * home folder in paths with `~`. Ordinary text is returned unchanged. Idempotent.
 */
export function redact(text: string, opts: { home?: string } = {}): RedactResult {
  const counts = new Map<string, number>();
  const bump = (kind: string, n = 1): void => void counts.set(kind, (counts.get(kind) ?? 0) + n);
  let out = text;
  for (const rule of RULES) {
    out = out.replace(rule.re, (match: string, ...rest: unknown[]) => {
      // The callback gets the groups, then the offset (a number), the input and maybe named groups.
      const groups = rest.slice(0, rest.findIndex((g) => typeof g === 'number')).map((g) => (typeof g === 'string' ? g : ''));
      const replacement = rule.replace(match, ...groups);
      if (replacement === undefined) return match;
      bump(rule.kind);
      return replacement;
    });
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
