// `npm run example:report`: builds a small organisation of four git repositories with half a year
// of dated commits (examples/.generated/report, git-ignored), checked against the example catalog,
// and writes its adoption report with a weekly history as one HTML file.
//   node scripts/exampleReport.mjs [--screenshot images/report.png]
// With --screenshot, the start of the report's "Over time" section is also photographed with
// headless Chromium (the README's picture).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { repoRoot, EXAMPLE_TODAY } from './vscode/paths.mjs';

const { values } = parseArgs({ options: { screenshot: { type: 'string' } } });
const out = path.join(repoRoot, 'examples', '.generated', 'report');
const repos = path.join(out, 'repos');
const catalog = path.join(repoRoot, 'examples', 'platform-catalog.yaml');
const cli = path.join(repoRoot, 'dist', 'cli.js');

const pkg = (name, deps) => JSON.stringify({ name, private: true, dependencies: deps }, null, 2) + '\n';
const docker = (tag) => `FROM registry.acme.dev/base/node:${tag}\nCOPY . /app\nCMD ["node", "/app/server.js"]\n`;
const workflow = (ref) => `name: deploy\non: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: acme/deploy-action@${ref}\n`;
const gomod = (v) => `module github.com/acme/search-service\n\ngo 1.22\n\nrequire github.com/acme/platform-go ${v}\n`;

/** Each repository: its remote, then its commits, oldest first: [date, files (null deletes)]. */
const ORG = {
  storefront: {
    remote: 'https://git.acme.dev/acme/storefront.git',
    commits: [
      ['2026-05-04', {
        '.platform-guide.yaml': 'schema: platform-guide/v1\nteam: storefront\n',
        'package.json': pkg('storefront', { '@acme/ui': '2.8.1', '@acme/http': '1.8.0' }),
        'apps/admin/package.json': pkg('admin', { '@acme/ui': '2.8.1' }),
        Dockerfile: docker('18.20.0'),
      }],
      ['2026-06-22', { 'package.json': pkg('storefront', { '@acme/ui': '3.1.0', '@acme/http': '1.8.0' }) }],
      ['2026-07-13', { 'README.md': '# Storefront\n' }],
      ['2026-08-17', { 'apps/admin/package.json': pkg('admin', { '@acme/ui': '3.1.0' }) }],
      ['2026-09-14', { 'package.json': pkg('storefront', { '@acme/ui': '3.1.0', '@acme/http': '2.1.0' }) }],
      ['2026-10-12', { 'package.json': pkg('storefront', { '@acme/ui': '4.2.0', '@acme/http': '2.1.0' }) }],
      ['2026-11-09', { Dockerfile: docker('22.11.0'), 'apps/admin/package.json': pkg('admin', { '@acme/ui': '4.2.0' }) }],
    ],
  },
  'payments-api': {
    remote: 'git@git.acme.dev:acme/payments-api.git',
    commits: [
      ['2026-04-20', {
        '.github/CODEOWNERS': '* @acme/payments\n',
        'package.json': pkg('payments-api', { '@acme/ui': '3.2.0', '@acme/http': '1.9.0' }),
        '.github/workflows/deploy.yml': workflow('v3.4.0'),
      }],
      ['2026-07-06', {
        '.platform-guide.yaml': [
          'schema: platform-guide/v1',
          'exceptions:',
          '  - component: acme-ui',
          '    versions: "<4.0.0"',
          '    until: 2027-01-15',
          '    reason: The checkout redesign replaces these screens first',
          '    by: jane@acme.dev',
          '',
        ].join('\n'),
      }],
      ['2026-10-05', { '.github/workflows/deploy.yml': workflow('v4.2.0') }],
      ['2026-11-16', { 'package.json': pkg('payments-api', { '@acme/ui': '3.2.0', '@acme/http': '2.1.0' }) }],
    ],
  },
  'search-service': {
    remote: 'https://git.acme.dev/acme/search-service.git',
    commits: [
      ['2026-03-02', { 'CODEOWNERS': '* @acme/search\n', 'go.mod': gomod('v1.3.0'), Dockerfile: docker('16.20.2') }],
      ['2026-06-08', { Dockerfile: docker('20.11.0') }],
      ['2026-08-03', { 'go.mod': gomod('v1.6.0') }],
      ['2026-10-26', { 'go.mod': gomod('v1.9.0') }],
    ],
  },
  'mobile-bff': {
    remote: 'https://git.acme.dev/acme/mobile-bff.git',
    commits: [
      ['2026-07-20', { 'CODEOWNERS': '* @acme/mobile\n', 'package.json': pkg('mobile-bff', { '@acme/ui': '2.9.0', '@acme/http': '1.2.0' }), Dockerfile: docker('18.19.0') }],
      ['2026-09-28', { 'package.json': pkg('mobile-bff', { '@acme/ui': '3.4.0', '@acme/http': '1.2.0' }) }],
    ],
  },
};

/** git without the machine's configuration, authored and committed at noon UTC of `date`. */
function git(dir, date, ...args) {
  const when = `${date}T12:00:00Z`;
  const env = { ...process.env, GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull };
  execFileSync('git', ['-c', 'user.name=Example', '-c', 'user.email=example@acme.dev', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, env, stdio: 'pipe' });
}

fs.rmSync(out, { recursive: true, force: true });
for (const [name, { remote, commits }] of Object.entries(ORG)) {
  const dir = path.join(repos, name);
  fs.mkdirSync(dir, { recursive: true });
  git(dir, commits[0][0], 'init', '-q');
  git(dir, commits[0][0], 'remote', 'add', 'origin', remote);
  for (const [date, files] of commits) {
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    git(dir, date, 'add', '-A');
    git(dir, date, 'commit', '-q', '-m', `change of ${date}`);
  }
}

if (!fs.existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run build` first (npm run example:report does)');
  process.exit(2);
}
const html = path.join(out, 'report.html');
const args = ['report', repos, '--catalog', catalog, '--today', EXAMPLE_TODAY, '--since', '2026-06-01', '--every', '7d', '--fail-on', 'never'];
execFileSync(process.execPath, [cli, ...args, '--format', 'html', '--out', html], { stdio: 'inherit' });
execFileSync(process.execPath, [cli, ...args, '--format', 'json', '--out', path.join(out, 'report.json')], { stdio: 'inherit' });
console.log(`The adoption report of ${Object.keys(ORG).length} example repositories, with a weekly history since 2026-06-01:\n${html}`);

if (values.screenshot) {
  const { launchBrowser } = await import('./vscode/browser.mjs');
  const browser = await launchBrowser({ viewport: { width: 1000, height: 800 } });
  try {
    await browser.page.goto(pathToFileURL(html).href);
    const target = path.resolve(values.screenshot);
    const box = await browser.page.locator('section.history').boundingBox();
    if (!box) throw new Error('the report has no "Over time" section');
    await browser.page.screenshot({ path: target, fullPage: true, clip: { x: 0, y: Math.max(0, box.y - 16), width: 1000, height: Math.min(box.height + 16, 1350) } });
    console.log(`screenshot: ${target}`);
  } finally {
    await browser.close();
  }
}
