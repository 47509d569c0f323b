/**
 * What redact() masks, one rule per kind of secret.
 *
 * Every rule runs in time linear in the text, whatever the text: feedback can hold a pasted log of
 * megabytes, and redaction runs on every keystroke of the preview. So no pattern has nested
 * quantifiers, a run that may start anywhere inside a longer run of its own characters is anchored
 * by a look-behind (`(?<![…])`, not `\b`, which matches inside `a-a-a…`), and the two things a
 * regular expression cannot find in linear time (a BEGIN line and its END line far away, the last
 * `@` of a URL) are found by scanning code.
 */

export interface Rule {
  readonly kind: string;
  /** Returns the text with this rule's secrets masked, and how many it masked. */
  readonly apply: (text: string) => { text: string; count: number };
}

export const mark = (kind: string): string => `[REDACTED ${kind}]`;

/** A token-looking run: long enough, and not a plain word (a digit, or mixed case). */
function looksLikeSecret(s: string): boolean {
  return s.length >= 16 && (/\d/.test(s) || (/[a-z]/.test(s) && /[A-Z]/.test(s)));
}

/** A value that names a secret instead of being one: `${NPM_TOKEN}`, `<your token>`, `%PASS%`, `***`, or a marker. */
function isPlaceholder(value: string): boolean {
  return /^[$<%{[*]/.test(value);
}

/** A rule from a global regular expression; `replace` returns the replacement, or undefined to leave the match. */
function regexRule(kind: string, re: RegExp, replace: (match: string, ...groups: string[]) => string | undefined): Rule {
  return {
    kind,
    apply(text) {
      let count = 0;
      const out = text.replace(re, (match: string, ...rest: unknown[]) => {
        // The callback gets the groups, then the offset (a number), the input and maybe named groups.
        const groups = rest.slice(0, rest.findIndex((g) => typeof g === 'number')).map((g) => (typeof g === 'string' ? g : ''));
        const replacement = replace(match, ...groups);
        if (replacement === undefined) return match;
        count++;
        return replacement;
      });
      return { text: out, count };
    },
  };
}

/** Masks the whole match. */
const whole = (kind: string, re: RegExp): Rule => regexRule(kind, re, () => mark(kind));
/** Keeps group 1 (the name and `=`) and masks the rest, unless the value is a placeholder. */
const afterPrefix = (kind: string, re: RegExp): Rule =>
  regexRule(kind, re, (_m, prefix, value) => (isPlaceholder(value!) ? undefined : `${prefix}${mark(kind)}`));

const BEGIN_KEY = /-----BEGIN ([A-Z0-9 ]{0,40}?)PRIVATE KEY( BLOCK)?-----/g;
/**
 * The lines of a block pasted without its END line: long base64 runs (the last may be short and end
 * in `=`), the headers of an encrypted PEM key or of a PGP block, blank lines, and a PGP checksum
 * (`=` and four characters). Ordinary text stops the match. Sticky: applied right after BEGIN.
 */
const KEY_LINES =
  /(?:\r?\n(?:[A-Za-z0-9+/]{20,}=*|[A-Za-z0-9+/]*=+|=[A-Za-z0-9+/]{4}|(?:Proc-Type|DEK-Info|Version|Comment|Hash|Charset):[^\r\n]*|)(?=\r?\n|$))*/y;

/** PEM and PGP private keys: from BEGIN to its END, or BEGIN and the key lines after it when END is missing. */
const privateKeys: Rule = {
  kind: 'private-key',
  apply(text) {
    const begin = new RegExp(BEGIN_KEY.source, 'g');
    // An END line not found after one BEGIN is not after any later one either: search for it once.
    const missing = new Set<string>();
    let out = '';
    let from = 0;
    let count = 0;
    for (let m = begin.exec(text); m; m = begin.exec(text)) {
      const afterBegin = m.index + m[0].length;
      const endLine = `-----END ${m[1]}PRIVATE KEY${m[2] ?? ''}-----`;
      const end = missing.has(endLine) ? -1 : text.indexOf(endLine, afterBegin);
      let stop: number;
      if (end >= 0) {
        stop = end + endLine.length;
      } else {
        missing.add(endLine);
        KEY_LINES.lastIndex = afterBegin;
        KEY_LINES.exec(text);
        stop = KEY_LINES.lastIndex;
      }
      out += text.slice(from, m.index) + mark('private-key');
      from = stop;
      begin.lastIndex = stop;
      count++;
    }
    return { text: count === 0 ? text : out + text.slice(from), count };
  },
};

const SCHEME = /(?<![A-Za-z0-9+.-])[a-z][a-z0-9+.-]{0,30}:\/\//gi;
/** Where the URL ends: white space, a quote or angle bracket, or where the next URL's scheme begins. */
const URL_END = new RegExp(`[\\s"'\`<>]|${SCHEME.source}`, 'gi');
/** The user name: empty (`redis://:pw@host`) or characters a user name can have, then `:`. */
const USER = /[^\s:/?#@[\]]*:/y;
/** A port, then a path: `http://localhost:8080/users/@alice` has no password. */
const PORT_THEN_PATH = /^\d{1,5}[/?#]/;

/**
 * The password of `scheme://user:password@host`. A password pasted unencoded may hold `/`, `#` and
 * `@`, so it runs to the last `@` of the URL; an `@` in the path or the query then masks more than
 * the password, which errs on the safe side.
 */
const urlPasswords: Rule = {
  kind: 'url-password',
  apply(text) {
    const scheme = new RegExp(SCHEME.source, 'gi');
    const urlEnd = new RegExp(URL_END.source, 'gi');
    let out = '';
    let from = 0;
    let count = 0;
    for (let m = scheme.exec(text); m; m = scheme.exec(text)) {
      const start = m.index + m[0].length;
      USER.lastIndex = start;
      if (!USER.test(text)) continue;
      const colon = USER.lastIndex - 1;
      urlEnd.lastIndex = colon;
      const endMatch = urlEnd.exec(text);
      const end = endMatch ? endMatch.index : text.length;
      // Searched in the slice only: searching the whole text backwards would look at it again per URL.
      const at = colon + 1 + text.slice(colon + 1, end).lastIndexOf('@');
      const password = text.slice(colon + 1, Math.max(colon + 1, at));
      // The next URL begins where this one ends at the earliest: no character is looked at twice.
      scheme.lastIndex = Math.max(scheme.lastIndex, end);
      if (at <= colon + 1 || !/^[A-Za-z0-9[]/.test(text.slice(at + 1, at + 2)) || PORT_THEN_PATH.test(password) || isPlaceholder(password)) continue;
      out += text.slice(from, colon + 1) + mark('password');
      from = at;
      count++;
    }
    return { text: count === 0 ? text : out + text.slice(from), count };
  },
};

/**
 * `password=…`, `DB_PASSWORD=…`, `client_secret: …`, `"token": "…"`. After `=` any value but a
 * placeholder is masked; after `:` an unquoted value only when it looks like a secret (a digit, or
 * a long mixed-case run), so that `Token: see the wiki` stays as written.
 */
const assigned: Rule = regexRule(
  'assigned-secret',
  /((?:password|passwd|pwd|secret|token)(?![A-Za-z0-9])["']?[ \t]{0,8}([:=])[ \t]{0,8})(?:"([^"\r\n]{1,256})"|'([^'\r\n]{1,256})'|([^\s"'`,;&<>]+))/gi,
  (match, prefix, sep, doubleQuoted, singleQuoted, bare) => {
    if (doubleQuoted || singleQuoted) {
      const value = doubleQuoted || singleQuoted;
      const quote = doubleQuoted ? '"' : "'";
      return isPlaceholder(value!) ? undefined : `${prefix}${quote}${mark('assigned-secret')}${quote}`;
    }
    if (isPlaceholder(bare!) || (sep === ':' && !/\d/.test(bare!) && !looksLikeSecret(bare!))) return undefined;
    return match.slice(0, prefix!.length) + mark('assigned-secret');
  },
);

/**
 * Order matters: whole blocks and URLs first, so a token inside them is counted once, under the
 * most telling kind, and the named token formats before the generic `name=value`; markers start
 * with `[`, which no rule takes as a secret, so nothing is redacted twice.
 */
export const RULES: readonly Rule[] = [
  privateKeys,
  urlPasswords,
  regexRule('slack-webhook', /\b(https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9/_-]+/g, (_m, prefix) => `${prefix}${mark('slack-webhook')}`),
  whole('github-token', /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{50,255})(?![A-Za-z0-9_])/g),
  whole('gitlab-token', /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,300}/g),
  // npm_ and 36 characters; the registry credentials of an .npmrc line (`//registry.npmjs.org/:_authToken=…`).
  whole('npm-token', /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g),
  afterPrefix('npm-token', /(_auth(?:Token)?[ \t]{0,8}=[ \t]{0,8})([^\s"'`]+)/g),
  whole('slack-token', /(?<![A-Za-z0-9-])(?:xox[abeprs]|xapp)-[A-Za-z0-9-]{10,}/g),
  whole('stripe-key', /(?<![A-Za-z0-9_])[rs]k_(?:live|test)_[A-Za-z0-9]{20,255}/g),
  whole('google-api-key', /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g),
  whole('aws-access-key-id', /(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])/g),
  // aws_secret_access_key = …, AWS_SECRET_ACCESS_KEY: …, "SecretAccessKey": "…" (aws sts output)
  afterPrefix('aws-secret-access-key', /\b((?:aws[_-]?)?secret[_-]?access[_-]?key["']?[ \t]{0,8}[:=][ \t]{0,8}["']?)([A-Za-z0-9/+=]{20,})/gi),
  // Azure storage and Service Bus connection strings, and the signature of a SAS URL.
  afterPrefix('azure-key', /\b((?:Account|SharedAccess)Key=)([A-Za-z0-9+/]{20,}={0,2})/g),
  afterPrefix('azure-sas-signature', /\b(sig=)([A-Za-z0-9%+/]{20,}={0,2})/g),
  whole('jwt', /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g),
  regexRule('bearer-token', /\b(Bearer\s+)([A-Za-z0-9._~+/-]+=*)/gi, (_m, prefix, token) =>
    looksLikeSecret(token!) ? `${prefix}${mark('bearer-token')}` : undefined,
  ),
  regexRule('authorization', /\b(Authorization["']?\s*[:=]\s*["']?(?:Basic|token)\s+)([A-Za-z0-9._~+/-]+=*)/gi, (_m, prefix, token) =>
    token!.length >= 8 ? `${prefix}${mark('authorization')}` : undefined,
  ),
  assigned,
];
