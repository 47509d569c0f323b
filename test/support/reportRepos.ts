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
