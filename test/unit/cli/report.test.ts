import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReportSnapshot } from '../../../src/core/report/model';
import { buildCli, runCli } from '../../support/cli';
import { assertGolden } from '../../support/golden';
import { commitAll, git, makeReportRepos } from '../../support/reportRepos';

const TODAY = ['--today', '2026-11-30'];

describe('platform-guide report (a real process over real git repositories)', function () {
  let fx: ReturnType<typeof makeReportRepos>;
  before(() => {
    buildCli();
    fx = makeReportRepos();
  });
  after(() => fs.rmSync(fx.dir, { recursive: true, force: true }));

  const report = (args: string[]) => runCli(['report', ...args, '--catalog', fx.catalog, ...TODAY], { cwd: fx.dir });
  const snapshotOf = (args: string[]): ReportSnapshot => {
    const r = report([...args, '--fail-on', 'never']);
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as ReportSnapshot;
  };

  it('writes the snapshot of every repository in a folder, as the golden JSON says', () => {
    const r = report(['org', '--format', 'json', '--fail-on', 'never']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    // Fixed content and dates make the commits, and so the whole document, reproducible.
    assertGolden('report-snapshot.json', r.stdout);
  });

  for (const [format, golden] of [['markdown', 'report.md'], ['csv', 'report.csv']] as const) {
    it(`renders the ${format} report as the golden file says`, () => {
      const r = report(['org', '--format', format, '--fail-on', 'never']);
      assert.equal(r.status, 0, r.stderr);
      assertGolden(golden, r.stdout);
    });
  }

  it('shows catalog and repository text as written, never as markup or a formula', () => {
    const md = report(['org', '--format', 'markdown']).stdout;
    assert.ok(md.includes('Checkout &lt;b&gt;redesign&lt;/b&gt; first'));
    assert.ok(!/<b>|<script>/.test(md));
    assert.ok(!/@acme\/(payments|devex)(?!`)/.test(md), 'a team is code: posting the report notifies nobody');
    const csv = report(['org', '--format', 'csv']).stdout;
    assert.ok(csv.includes(`,"'@acme/log ^0.9.0 is deprecated: Pre-1.0 <script>alert(1)</script> loggers drop fields & lines.`), 'a message is quoted and cannot start a formula');
    assert.ok(csv.includes(',@acme/devex,package.json,npm,@acme/log,'), 'a scoped name stays as written');
  });

  it('writes one self-contained HTML file, readable without a script, with every text escaped', () => {
    const r = report(['org', '--format', 'html', '--fail-on', 'never']);
    assert.equal(r.status, 0, r.stderr);
    const html = r.stdout;
    assert.match(html, /^<!doctype html>/);
    assert.ok(!/<link|@import|url\(|src=/i.test(html), 'no external script, style, font or image');
    // One inline script (sortable tables), and the page's policy allows it alone, by its hash.
    const scripts = [...html.matchAll(/<script>([^]*?)<\/script>/g)].map((m) => m[1]!);
    assert.equal(scripts.length, 1);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
    assert.match(csp, /^default-src 'none';/);
    assert.ok(csp.includes(`script-src 'sha256-${createHash('sha256').update(scripts[0]!).digest('base64')}'`), csp);
    assert.ok(html.includes('Pre-1.0 &lt;script&gt;alert(1)&lt;/script&gt; loggers drop fields &amp; lines.'), 'a catalog message is text');
    assert.ok(html.includes('Checkout &lt;b&gt;redesign&lt;/b&gt; first'), 'a repository reason is text');
    // One bar chart per component, a bar per version; the deprecated ones in the warning colour.
    const charts = html.match(/<svg[^]*?<\/svg>/g) ?? [];
    assert.equal(charts.length, 2);
    assert.deepEqual(charts.map((c) => (c.match(/<rect class="(ok|old)"/g) ?? []).length), [3, 3]);
    assert.equal((charts[0]!.match(/class="old"/g) ?? []).length, 2, 'acme-ui: 2.3.4 and ^3.1.0 are deprecated');
    assert.match(html, /<b>57% \(4\/7\)<\/b>adoption \(uses\)/);
  });

  it('names each repository, its remote without credentials, its commit, date and consuming team', () => {
    const s = snapshotOf(['org']);
    assert.equal(s.schema, 'platform-guide/report-v1');
    assert.deepEqual(
      s.repositories.map((r) => [r.name, r.remote, r.date, r.team, r.teamFrom]),
      [
        ['payments-api', 'git@git.acme.dev:acme/payments-api.git', '2026-11-02T10:00:00+01:00', '@acme/payments', 'codeowners'],
        ['tools', null, '2026-10-01T12:00:00+00:00', '@acme/devex', 'codeowners'],
        ['web-shop', 'https://git.acme.dev/acme/web-shop.git', '2026-11-20T09:30:00+00:00', 'storefront', 'config'],
      ],
    );
    assert.ok(s.repositories.every((r) => /^[0-9a-f]{40}$/.test(r.commit ?? '')));
    assert.ok(!JSON.stringify(s).includes('s3cret'));
  });

  it('lists every use, flagged or not, with its pinned version, finding and exception', () => {
    const s = snapshotOf(['org']);
    const uses = s.repositories.flatMap((r) => r.uses.map((u) => [r.name, u.file, u.component, u.version, u.severity, u.onRecommended, u.exception?.expired ?? null]));
    assert.deepEqual(uses, [
      ['payments-api', 'package.json', 'acme-log', '2.1.3', null, true, null],
      ['payments-api', 'package.json', 'acme-ui', '2.3.4', 'error', false, null],
      ['tools', 'package.json', 'acme-log', '^0.9.0', 'error', false, true],
      ['tools', 'package.json', 'acme-ui', '4.2.1', null, true, null],
      ['web-shop', 'apps/admin/package.json', 'acme-ui', '4.2.1', null, true, null],
      ['web-shop', 'package.json', 'acme-log', '1.4.0', null, false, null],
      ['web-shop', 'package.json', 'acme-ui', '^3.1.0', 'hint', false, false],
    ]);
    const excepted = s.repositories[2]!.uses.at(-1)!.exception;
    assert.deepEqual(excepted, { until: '2026-12-15', reason: 'Checkout <b>redesign</b> first', expired: false, by: 'jane@acme.dev' });
  });

  it('takes one repository as it is, and exits as check does on the uses found', () => {
    const r = report(['org/payments-api']);
    assert.equal(r.status, 1, 'an error-level use fails the default --fail-on error');
    assert.deepEqual((JSON.parse(r.stdout) as ReportSnapshot).repositories.map((x) => x.name), ['payments-api']);
    assert.equal(report(['org/web-shop']).status, 0, 'a hint does not fail --fail-on error');
    assert.equal(report(['org/web-shop', '--fail-on', 'hint']).status, 1);
  });

  it('reports a folder outside git by its name, with no remote, commit or date', () => {
    const plain = path.join(fx.dir, 'plain-folder');
    fs.mkdirSync(plain);
    fs.writeFileSync(path.join(plain, 'package.json'), '{"dependencies":{"@acme/ui":"4.2.0"}}');
    const [repo] = snapshotOf(['plain-folder']).repositories;
    assert.deepEqual([repo!.name, repo!.remote, repo!.commit, repo!.date, repo!.team, repo!.uses.length], ['plain-folder', null, null, null, null, 1]);
  });

  it('writes to --out and nothing to stdout', () => {
    const r = report(['org', '--out', 'snap.json', '--fail-on', 'never']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal((JSON.parse(fs.readFileSync(path.join(fx.dir, 'snap.json'), 'utf8')) as ReportSnapshot).repositories.length, 3);
  });

  describe('merging snapshots', () => {
    it('merges snapshot files with scanned repositories; of the same repository the newest commit wins', () => {
      const old = report(['org', '--out', 'before.json', '--fail-on', 'never']);
      assert.equal(old.status, 0, old.stderr);
      // web-shop moves on: a newer commit, checked out elsewhere (as another CI job would).
      const copy = path.join(fx.dir, 'ci', 'web-shop');
      fs.cpSync(path.join(fx.dir, 'org', 'web-shop'), copy, { recursive: true });
      fs.writeFileSync(path.join(copy, 'package.json'), JSON.stringify({ dependencies: { '@acme/ui': '4.3.0', '@acme/log': '2.0.0' } }));
      commitAll(copy, '2026-11-25T08:00:00Z', 'upgrade');
      for (const args of [['before.json', 'ci/web-shop'], ['ci/web-shop', 'before.json']]) {
        const s = snapshotOf(args);
        assert.deepEqual(s.repositories.map((r) => r.name), ['payments-api', 'tools', 'web-shop'], args.join(' '));
        const shop = s.repositories[2]!;
        assert.equal(shop.date, '2026-11-25T08:00:00+00:00', args.join(' '));
        assert.deepEqual(shop.uses.map((u) => u.version), ['4.2.1', '2.0.0', '4.3.0'], args.join(' '));
        assert.ok(shop.uses.every((u) => u.severity === null), args.join(' '));
      }
    });

    it('refuses a file that is not a snapshot, saying which field is wrong', () => {
      fs.writeFileSync(path.join(fx.dir, 'bad.json'), JSON.stringify({ schema: 'platform-guide/report-v1', today: '2026-11-30', components: [], repositories: [{ name: 'x', remote: null, commit: null, date: null, team: null, scanned: '2026-11-30', uses: [{ file: 'a' }], errors: [] }] }));
      const r = report(['bad.json']);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^bad\.json: repositories\[0\]\.uses\[0\]\.ecosystem must be string; write the snapshot again with 'platform-guide report DIR --format json'\n$/);
      fs.writeFileSync(path.join(fx.dir, 'check.json'), '{"schema":"platform-guide/check-v1"}');
      assert.match(report(['check.json']).stderr, /check\.json: not a report snapshot: its "schema" must be "platform-guide\/report-v1"/);
    });

    it('merges snapshots alone, without scanning anything', () => {
      report(['org', '--out', 'alone.json', '--fail-on', 'never']);
      const s = snapshotOf(['alone.json']);
      assert.equal(s.repositories.length, 3);
      assert.deepEqual(s.components.map((c) => c.id), ['acme-log', 'acme-ui']);
    });
  });

  it('reports a repository without commits, and says why it has none', () => {
    const empty = path.join(fx.dir, 'fresh');
    fs.mkdirSync(empty);
    git(empty, '2026-11-30T00:00:00Z', 'init', '-q');
    fs.writeFileSync(path.join(empty, 'package.json'), '{"dependencies":{"@acme/ui":"4.2.0"}}');
    const r = report(['fresh', '--fail-on', 'never']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^platform-guide: fresh: no commit to report \(.+\)\n$/);
    const [repo] = (JSON.parse(r.stdout) as ReportSnapshot).repositories;
    assert.deepEqual([repo!.name, repo!.commit, repo!.date, repo!.uses.length], ['fresh', null, null, 1]);
  });

  it('stops at a repository whose .platform-guide.yaml is invalid, naming where', () => {
    const broken = path.join(fx.dir, 'broken-config');
    fs.mkdirSync(broken);
    fs.writeFileSync(path.join(broken, '.platform-guide.yaml'), 'schema: platform-guide/v1\nteam: [a]\n');
    const r = report(['broken-config']);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /broken-config\/\.platform-guide\.yaml:2:7: `team` must be text, not a list\n$/);
  });

  it('says so when --out cannot be written, and exits 2', () => {
    const r = report(['org', '--out', 'no/such/folder/r.json']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot write no\/such\/folder\/r\.json: ENOENT/);
  });

  it('refuses an argument that is neither a folder nor a snapshot', () => {
    const r = report(['nowhere']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /'nowhere' is neither a folder nor a \.json snapshot/);
  });
});
