// The HTML adoption report as a platform team opens it: written by the real CLI (dist/cli.js) over
// three real git repositories and a merged snapshot, served from 127.0.0.1 and opened in headless
// Chromium. With JavaScript: the charts are there, nothing is fetched, nothing logs an error, the
// hostile catalog, repository and snapshot texts are shown as text and run nothing, and a table
// sorts from the keyboard. Without JavaScript: the same tables and charts, unsorted and complete.
// Every request the page makes is routed: anything but the page itself fails the scenario.
// Run by scripts/vscode/runE2e.mjs (browserOnly: no VS Code); screenshots in test-results/e2e/.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { devNull, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { launchBrowser } from '../../scripts/vscode/browser.mjs';
import { repoRoot } from '../../scripts/vscode/paths.mjs';

/** Texts that would run if the report ever wrote them as markup: each sets `window.__pwned`. */
const HOSTILE = {
  name: 'Acme UI <img src=x onerror="window.__pwned=1">',
  message: '<script>window.__pwned=2</script> Acme UI 2 is out of support.',
  description: '<script>window.__pwned=3</script>',
  reason: 'Checkout <img src=x onerror="window.__pwned=4"> first',
  owner: '<script>window.__pwned=5</script>batch-platform',
  team: '<img src=x onerror=window.__pwned=6>',
};

const CATALOG = `schema: platform-guide/v1
teams:
  - id: web-platform
    name: Web Platform
components:
  - id: acme-ui
    name: '${HOSTILE.name}'
    description: '${HOSTILE.description}'
    owner: web-platform
    packages:
      - npm: "@acme/ui"
    recommended: 4.2.0
    deprecations:
      - versions: "<3.0.0"
        message: '${HOSTILE.message}'
        sunset: 2026-06-30
      - versions: ">=3.0.0 <4.0.0"
        message: Acme UI 3 reaches the end of its support.
        sunset: 2027-01-31
  - id: acme-log
    name: Acme Log
    owner: web-platform
    packages:
      - npm: "@acme/log"
    recommended: 2.0.0
    deprecations:
      - versions: "<1.0.0"
        message: Pre-1.0 loggers drop fields.
        sunset: 2027-03-01
`;

const pkg = (deps) => JSON.stringify({ name: 'x', dependencies: deps }, null, 2) + '\n';
const REPOS = {
  'payments-api': { date: '2026-11-02T10:00:00+01:00', files: { 'package.json': pkg({ '@acme/ui': '^2.3.0', '@acme/log': '2.1.0' }) } },
  'web-shop': {
    date: '2026-11-20T09:30:00Z',
    files: {
      'package.json': pkg({ '@acme/ui': '^3.1.0', '@acme/log': '1.4.0' }),
      '.platform-guide.yaml': `schema: platform-guide/v1\nteam: storefront\nexceptions:\n  - component: acme-ui\n    until: 2026-12-15\n    reason: '${HOSTILE.reason}'\n`,
    },
  },
  tools: { date: '2026-10-01T12:00:00Z', files: { 'package.json': pkg({ '@acme/ui': '4.2.1', '@acme/log': '^0.9.0' }) } },
};

/** A snapshot from another CI job: its texts reach the report unchecked by any catalog schema. */
const SNAPSHOT = {
  schema: 'platform-guide/report-v1',
  today: '2026-11-30',
  components: [{ id: 'legacy-queue', name: 'Legacy queue', owner: HOSTILE.owner, lifecycle: 'deprecated', recommended: null, sunset: null }],
  repositories: [{
    name: 'old-batch', remote: null, commit: null, date: null, team: HOSTILE.team, teamFrom: 'config', scanned: '2026-11-30',
    uses: [{ file: 'package.json', ecosystem: 'npm', package: '@acme/queue', component: 'legacy-queue', constraint: '1.0.0', resolved: null, version: '1.0.0', severity: 'warning', sunset: null, message: 'Legacy queue is deprecated.', onRecommended: null, exception: null }],
    errors: [], summary: { manifests: 1, dependencies: 1, platformDependencies: 1 },
  }],
};

const dir = mkdtempSync(join(tmpdir(), 'pg-e2e-report-'));
function git(root, date, ...args) {
  const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: devNull };
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: root, env, stdio: 'pipe' });
}
for (const [name, { date, files }] of Object.entries(REPOS)) {
  const root = join(dir, 'org', name);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  git(root, date, 'init', '-q');
  git(root, date, 'add', '-A');
  git(root, date, 'commit', '-q', '-m', 'initial');
}
writeFileSync(join(dir, 'catalog.yaml'), CATALOG);
writeFileSync(join(dir, 'old-batch.json'), JSON.stringify(SNAPSHOT));
execFileSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'report', 'org', 'old-batch.json', '--format', 'html', '--out', 'report.html', '--catalog', 'catalog.yaml', '--today', '2026-11-30', '--fail-on', 'never'], { cwd: dir, stdio: 'pipe' });
const html = readFileSync(join(dir, 'report.html'));

/** Serves the report, and only it; anything else asked of it is recorded (and must never be). */
const strayToServer = [];
const server = createServer((req, res) => {
  if (req.url === '/report.html') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  strayToServer.push(req.url);
  res.writeHead(404).end();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
server.unref();
const url = `http://127.0.0.1:${server.address().port}/report.html`;

/** Opens the report on `page`, routing every request: the page itself passes, anything else is refused and recorded. */
async function openReport(page) {
  const seen = { requests: [], refused: [], consoleErrors: [], pageErrors: [] };
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') seen.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => seen.pageErrors.push(e.message));
  page.on('request', (r) => seen.requests.push(r.url()));
  await page.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue();
    seen.refused.push(route.request().url());
    return route.abort();
  });
  await page.goto(url);
  await page.waitForLoadState('load');
  return seen;
}

/** The repositories table: the one whose header names unreadable files. */
const repositoriesTable = (page) => page.locator('table', { has: page.locator('th', { hasText: 'unreadable files' }) });
const dates = (page) => repositoriesTable(page).locator('tbody tr td:nth-child(4)').allTextContents();

let seen;
let noScript;

export default {
  browserOnly: true,
  cleanup: async () => {
    await noScript?.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  },
  steps: {
    'the report opens with its charts, fetches nothing and logs no error': async (t) => {
      seen = await openReport(t.page);
      await t.page.getByRole('heading', { level: 1, name: /Platform adoption on 2026-11-30/ }).waitFor();
      // Every chart is an image with a name; more charts may come, the version charts must be there.
      const charts = t.page.locator('svg[role="img"]');
      assert.ok((await charts.count()) >= 1);
      for (const label of await charts.evaluateAll((svgs) => svgs.map((s) => s.getAttribute('aria-label') ?? ''))) assert.ok(label.trim() !== '', 'every chart has an accessible name');
      const ui = t.page.locator('svg[role="img"][aria-label^="versions of Acme UI"]');
      assert.equal(await ui.count(), 1);
      assert.equal(await ui.locator('rect').count(), 3, 'one bar per version in use: ^2.3.0, ^3.1.0, 4.2.1');
      assert.equal(await ui.locator('rect.old').count(), 2, 'the two deprecated ones in the warning colour');
      assert.ok(await ui.isVisible());
      await t.shot('report');
      assert.deepEqual(seen.requests, [url], 'the page is the only request');
      assert.deepEqual(seen.refused, []);
      assert.deepEqual(strayToServer, []);
      assert.deepEqual(seen.consoleErrors, [], 'no console error or warning (a refused script or style would log one)');
      assert.deepEqual(seen.pageErrors, []);
    },

    'catalog, repository and snapshot texts are shown as text and run nothing': async (t) => {
      assert.equal(await t.page.evaluate(() => window.__pwned), undefined);
      assert.equal(await t.page.locator('img').count(), 0, 'no <img> came out of a text');
      assert.equal(await t.page.locator('script').count(), 1, 'the report\'s own script only');
      for (const text of [HOSTILE.owner, HOSTILE.team, HOSTILE.reason]) {
        await t.page.getByText(text, { exact: false }).filter({ visible: true }).first().waitFor();
      }
      assert.ok((await t.page.locator('h4').allTextContents()).some((h) => h.includes(HOSTILE.name)), 'the component name is a heading, as written');
      await t.page.getByText(`${HOSTILE.message}`.slice(0, 30), { exact: false }).first().waitFor({ state: 'attached' });
    },

    'a table sorts when its header is activated from the keyboard, and says how it is sorted': async (t) => {
      const table = repositoriesTable(t.page);
      const before = await dates(t.page);
      assert.deepEqual(before, ['—', '2026-11-02T10:00:00+01:00', '2026-10-01T12:00:00+00:00', '2026-11-20T09:30:00+00:00'], 'by repository name at first');
      const date = table.getByRole('button', { name: 'date', exact: true });
      const header = table.locator('th', { has: t.page.getByRole('button', { name: 'date', exact: true }) });
      assert.equal(await header.getAttribute('aria-sort'), null);
      await date.focus();
      await t.page.keyboard.press('Enter');
      assert.deepEqual(await dates(t.page), ['—', '2026-10-01T12:00:00+00:00', '2026-11-02T10:00:00+01:00', '2026-11-20T09:30:00+00:00']);
      assert.equal(await header.getAttribute('aria-sort'), 'ascending');
      await t.page.keyboard.press('Space');
      assert.deepEqual(await dates(t.page), ['2026-11-20T09:30:00+00:00', '2026-11-02T10:00:00+01:00', '2026-10-01T12:00:00+00:00', '—']);
      assert.equal(await header.getAttribute('aria-sort'), 'descending');
      // Rows move whole: each date stays with its repository.
      const first = await table.locator('tbody tr').first().locator('td').first().textContent();
      assert.ok(first?.startsWith('web-shop'), first ?? '');
      // One column sorted at a time: sorting by another clears this one's state.
      await table.getByRole('button', { name: 'uses', exact: true }).press('Enter');
      assert.equal(await header.getAttribute('aria-sort'), null);
      await t.shot('sorted-by-uses');
      assert.deepEqual([seen.consoleErrors, seen.pageErrors, seen.refused], [[], [], []]);
    },

    'without JavaScript the same tables and charts are there, complete': async (t) => {
      noScript = await launchBrowser({ javaScriptEnabled: false });
      const page = noScript.page;
      const quiet = await openReport(page);
      await page.getByRole('heading', { level: 1, name: /Platform adoption/ }).waitFor();
      assert.equal(await page.locator('svg[role="img"]').count(), await t.page.locator('svg[role="img"]').count());
      assert.equal(await page.locator('table').count(), await t.page.locator('table').count());
      assert.equal(await page.locator('th button').count(), 0, 'headers are plain text when no script runs');
      assert.deepEqual(await dates(page), ['—', '2026-11-02T10:00:00+01:00', '2026-10-01T12:00:00+00:00', '2026-11-20T09:30:00+00:00']);
      await page.getByText(HOSTILE.owner, { exact: false }).filter({ visible: true }).first().waitFor();
      // A folded list opens without a script.
      const folded = page.locator('details summary').first();
      await folded.click();
      assert.equal(await page.locator('details[open]').count(), 1);
      await t.shot('without-javascript', page);
      assert.deepEqual([quiet.requests, quiet.refused, quiet.consoleErrors, quiet.pageErrors], [[url], [], [], []]);
    },
  },
};
