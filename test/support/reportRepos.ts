import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The catalog the report fixture is checked against; one text is hostile on purpose. */
export const REPORT_CATALOG = `schema: platform-guide/v1
teams:
  - id: web-platform
    name: Web Platform
  - id: observability
    name: Observability
components:
  - id: acme-ui
    name: Acme UI
    owner: web-platform
    packages:
      - npm: "@acme/ui"
    recommended: 4.2.0
    deprecations:
      - versions: "<3.0.0"
        message: Acme UI 2 is out of support.
        sunset: 2026-06-30
      - versions: ">=3.0.0 <4.0.0"
        message: Acme UI 3 reaches the end of its support.
        sunset: 2027-01-31
  - id: acme-log
    name: Acme Log
    owner: observability
    packages:
      - npm: "@acme/log"
    recommended: 2.0.0
    deprecations:
      - versions: "<1.0.0"
        message: "Pre-1.0 <script>alert(1)</script> loggers drop fields & lines."
        sunset: 2027-03-01
        severity: error
`;

interface RepoSpec {
  readonly files: Record<string, string>;
  readonly remote?: string;
  /** ISO date of the one commit. */
  readonly date: string;
}

/** Three repositories of an organisation: each a real git repository with one dated commit. */
export const REPORT_REPOS: Record<string, RepoSpec> = {
  'payments-api': {
    remote: 'git@git.acme.dev:acme/payments-api.git',
    date: '2026-11-02T10:00:00+01:00',
    files: {
      CODEOWNERS: '# owners\n*.md @acme/docs\n* @acme/payments @jane\n',
      'package.json': JSON.stringify({ name: 'payments-api', dependencies: { '@acme/ui': '^2.3.0', '@acme/log': '^2.1.0' } }, null, 2) + '\n',
      'package-lock.json': JSON.stringify({
        name: 'payments-api', lockfileVersion: 3,
        packages: { '': { name: 'payments-api', dependencies: { '@acme/ui': '^2.3.0', '@acme/log': '^2.1.0' } }, 'node_modules/@acme/ui': { version: '2.3.4' }, 'node_modules/@acme/log': { version: '2.1.3' } },
      }, null, 2) + '\n',
    },
  },
  'web-shop': {
    // A token in the remote must never reach a report.
    remote: 'https://ci:s3cret@git.acme.dev/acme/web-shop.git',
    date: '2026-11-20T09:30:00Z',
    files: {
      '.platform-guide.yaml': [
        'schema: platform-guide/v1',
        'team: storefront',
        'exceptions:',
        '  - component: acme-ui',
        '    versions: "<4.0.0"',
        '    until: 2026-12-15',
        '    reason: Checkout <b>redesign</b> first',
        '    by: jane@acme.dev',
        '',
      ].join('\n'),
      'package.json': JSON.stringify({ name: 'web-shop', dependencies: { '@acme/ui': '^3.1.0', '@acme/log': '1.4.0' } }, null, 2) + '\n',
      'apps/admin/package.json': JSON.stringify({ name: 'admin', dependencies: { '@acme/ui': '4.2.1' } }, null, 2) + '\n',
    },
  },
  tools: {
    date: '2026-10-01T12:00:00Z',
    files: {
      '.github/CODEOWNERS': '* @acme/old-team\n* @acme/devex\n',
      '.platform-guide.yaml': 'schema: platform-guide/v1\nexceptions:\n  - component: acme-log\n    until: 2026-11-01\n    reason: Migrating in Q4\n',
      'package.json': JSON.stringify({ name: 'tools', devDependencies: { '@acme/ui': '4.2.1', '@acme/log': '^0.9.0' } }, null, 2) + '\n',
    },
  },
};

/** Writes the repositories under a new temp folder (one subfolder each) and the catalog beside them. */
export function makeReportRepos(): { dir: string; org: string; catalog: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-report-'));
  const org = path.join(dir, 'org');
  for (const [name, spec] of Object.entries(REPORT_REPOS)) makeRepo(path.join(org, name), spec);
  const catalog = path.join(dir, 'catalog.yaml');
  fs.writeFileSync(catalog, REPORT_CATALOG);
  return { dir, org, catalog };
}

export function makeRepo(root: string, spec: RepoSpec): void {
  for (const [rel, text] of Object.entries(spec.files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  git(root, spec.date, 'init', '-q');
  if (spec.remote) git(root, spec.date, 'remote', 'add', 'origin', spec.remote);
  commitAll(root, spec.date, 'initial');
}

/** Commits everything in the repository at `root`, authored and committed at `date`. */
export function commitAll(root: string, date: string, message: string): void {
  git(root, date, 'add', '-A');
  git(root, date, 'commit', '-q', '-m', message);
}

/**
 * git with no system or user configuration (a signing hook or template of the machine must not
 * change a commit), a fixed author and the given date: the same files give the same commit.
 */
export function git(root: string, date: string, ...args: string[]): void {
  const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull };
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: root, env, stdio: 'pipe' });
}

/** One commit of a history: files written (a null text deletes the file), at `date`. */
export interface HistoryCommit {
  readonly date: string;
  readonly files: Record<string, string | null>;
  readonly message?: string;
}

/** A repository built commit by commit, each dated with GIT_AUTHOR_DATE and GIT_COMMITTER_DATE. */
export function makeHistoryRepo(root: string, commits: readonly HistoryCommit[], remote?: string): void {
  fs.mkdirSync(root, { recursive: true });
  git(root, commits[0]!.date, 'init', '-q');
  if (remote) git(root, commits[0]!.date, 'remote', 'add', 'origin', remote);
  for (const c of commits) {
    for (const [rel, text] of Object.entries(c.files)) {
      const at = path.join(root, rel);
      if (text === null) fs.rmSync(at, { force: true });
      else {
        fs.mkdirSync(path.dirname(at), { recursive: true });
        fs.writeFileSync(at, text);
      }
    }
    commitAll(root, c.date, c.message ?? `change on ${c.date}`);
  }
}

export const npmManifest = (deps: Record<string, string>): string => JSON.stringify({ name: 'x', dependencies: deps }, null, 2) + '\n';

/**
 * Three repositories over autumn 2026 (checked against REPORT_CATALOG): alpha moves to Acme UI 4
 * in September; beta moves one app in October and the other in November, and keeps a pre-1.0 Acme
 * Log; gamma appears in October on Acme UI 3 and never moves. A commit that touches no manifest
 * (beta's README) must not make a point read anything again.
 */
export const HISTORY_REPOS: Record<string, { remote?: string; commits: HistoryCommit[] }> = {
  alpha: {
    remote: 'https://git.acme.dev/acme/alpha.git',
    commits: [
      { date: '2026-08-01T10:00:00Z', files: { 'package.json': npmManifest({ '@acme/ui': '^3.1.0', '@acme/log': '1.4.0' }) } },
      { date: '2026-09-20T10:00:00Z', files: { 'package.json': npmManifest({ '@acme/ui': '4.2.0', '@acme/log': '1.4.0' }) } },
    ],
  },
  beta: {
    commits: [
      {
        date: '2026-08-15T10:00:00Z',
        files: {
          'package.json': npmManifest({ '@acme/log': '^0.9.0' }),
          'apps/a/package.json': npmManifest({ '@acme/ui': '3.2.0' }),
          'apps/b/package.json': npmManifest({ '@acme/ui': '3.2.0' }),
        },
      },
      { date: '2026-10-05T10:00:00Z', files: { 'apps/a/package.json': npmManifest({ '@acme/ui': '4.2.1' }) } },
      { date: '2026-11-02T10:00:00Z', files: { 'apps/b/package.json': npmManifest({ '@acme/ui': '4.3.0' }) } },
      { date: '2026-11-10T10:00:00Z', files: { 'README.md': '# beta\n' } },
    ],
  },
  gamma: {
    commits: [{ date: '2026-10-12T10:00:00Z', files: { 'package.json': npmManifest({ '@acme/ui': '3.0.0' }) } }],
  },
};

/** HISTORY_REPOS under a new temp folder (`org/`), the catalog beside them. */
export function makeHistoryRepos(): { dir: string; org: string; catalog: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-history-'));
  const org = path.join(dir, 'org');
  for (const [name, spec] of Object.entries(HISTORY_REPOS)) makeHistoryRepo(path.join(org, name), spec.commits, spec.remote);
  const catalog = path.join(dir, 'catalog.yaml');
  fs.writeFileSync(catalog, REPORT_CATALOG);
  return { dir, org, catalog };
}
