import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReportSnapshot } from '../../../src/core/report/model';
import { buildCli, runCli } from '../../support/cli';
import { makeHistoryRepo, makeHistoryRepos, npmManifest } from '../../support/reportRepos';
import { assertGolden } from '../../support/golden';

const WEEKLY = ['--since', '2026-09-07', '--every', '7d'];

describe('platform-guide report over time (a real process over real git histories)', function () {
  let fx: ReturnType<typeof makeHistoryRepos>;
  before(() => {
    buildCli();
    fx = makeHistoryRepos();
  });
  after(() => fs.rmSync(fx.dir, { recursive: true, force: true }));

  const report = (args: string[], today = '2026-11-30') => runCli(['report', ...args, '--catalog', fx.catalog, '--today', today, '--fail-on', 'never'], { cwd: fx.dir });
  const snapshotOf = (args: string[], today?: string): ReportSnapshot => {
    const r = report(args, today);
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as ReportSnapshot;
  };

  it('renders adoption over time, burndowns and time to adopt in Markdown, as the golden file says', () => {
    const r = report(['org', ...WEEKLY, '--format', 'markdown']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assertGolden('report-history.md', r.stdout);
  });

  it('adds the history to the snapshot: a point a week from git, then this run', () => {
    const s = snapshotOf(['org', ...WEEKLY]);
    const h = s.history!;
    assert.deepEqual(h.points.map((p) => [p.date, p.from, p.repositories.map((r) => r.name).join(',')]).slice(4, 7), [
      ['2026-10-05', 'git', 'alpha,beta'],
      ['2026-10-12', 'git', 'alpha,beta,gamma'],
      ['2026-10-19', 'git', 'alpha,beta,gamma'],
    ]);
    assert.deepEqual(h.points.at(-1)!.from, 'current');
    const ui = h.components.find((c) => c.id === 'acme-ui')!;
    assert.deepEqual(ui.adoption.map((a) => a.uses.count), [0, 0, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3]);
    const [burndown] = ui.burndowns;
    assert.deepEqual([burndown!.sunset, burndown!.points.map((p) => p.uses).join(' '), burndown!.missing.map((m) => m.repository)], ['2027-01-31', '3 3 2 2 1 2 2 2 1 1 1 1 1', ['gamma']]);
    assert.deepEqual(ui.timeToAdopt.map((t) => [t.version, t.median, t.p90, t.never]), [['4.2.0', 14, 56, ['gamma']]]);
    // The uses of today are untouched by the history.
    assert.equal(s.repositories.length, 3);
  });

  it('draws the charts in the HTML report, with no script but the table sorter, every name escaped', () => {
    const evil = path.join(fx.dir, 'evil', '<img src=x onerror=alert(1)>');
    makeHistoryRepo(evil, [{ date: '2026-09-01T00:00:00Z', files: { 'package.json': npmManifest({ '@acme/ui': '3.0.0' }) } }]);
    const r = report(['org', 'evil', ...WEEKLY, '--format', 'html']);
    assert.equal(r.status, 0, r.stderr);
    const html = r.stdout;
    // The one inline script sorts tables (its hash is the page's only allowed script); the charts need none.
    const withoutSorter = html.replace(/<script>[^]*?<\/script>/, '');
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.ok(!/<script|<img|<link|src=x/i.test(withoutSorter.replace(/&lt;img src=x onerror=alert\(1\)&gt;/g, '')), 'no other script, no image; the name is text');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    const charts = html.match(/<svg class="chart"[^]*?<\/svg>/g) ?? [];
    // Overall adoption; per component (acme-log, acme-ui) adoption and one burndown each.
    assert.equal(charts.length, 5);
    assert.match(charts[0]!, /aria-label="adoption of every component over time"/);
    assert.ok(charts.some((c) => /aria-label="burndown of Acme UI uses before the sunset of 2027-01-31"/.test(c) && c.includes('sunset 2027-01-31') && c.includes('needed by the sunset')));
    fs.rmSync(path.join(fx.dir, 'evil'), { recursive: true, force: true });
  });

  it('reads earlier snapshots from --history, with the history they carry', () => {
    const hist = path.join(fx.dir, 'hist');
    fs.mkdirSync(hist, { recursive: true });
    assert.equal(report(['org', ...WEEKLY, '--out', 'hist/2026-11-30.json']).status, 0);
    // Another team's repository, from its own CI, a week later.
    const other = snapshotOf(['org/gamma'], '2026-12-07');
    fs.writeFileSync(path.join(hist, 'other.json'), JSON.stringify({ ...other, repositories: other.repositories.map((r) => ({ ...r, name: 'delta', remote: 'https://git.acme.dev/acme/delta.git' })) }));
    fs.writeFileSync(path.join(hist, 'notes.txt'), 'not a snapshot, not read');
    const s = snapshotOf(['org', '--history', 'hist'], '2026-12-14');
    const points = s.history!.points;
    assert.deepEqual(points.map((p) => p.from).join(' '), `${'snapshot '.repeat(14)}current`);
    assert.deepEqual(points.slice(-3).map((p) => [p.date, p.repositories.map((r) => r.name).join(',')]), [
      ['2026-11-30', 'alpha,beta,gamma'],
      // delta's own day: the others keep their last known state.
      ['2026-12-07', 'alpha,beta,delta,gamma'],
      ['2026-12-14', 'alpha,beta,gamma'],
    ]);
    fs.rmSync(hist, { recursive: true, force: true });
  });

  it('stops at a --history file that is not a snapshot, naming the file and the field', () => {
    const hist = path.join(fx.dir, 'bad-hist');
    fs.mkdirSync(hist);
    const s = snapshotOf(['org', ...WEEKLY]);
    const broken = { ...s, history: { ...s.history, points: [{ ...s.history!.points[0], date: '2026-13-01' }] } };
    fs.writeFileSync(path.join(hist, 'a.json'), JSON.stringify(broken));
    const r = report(['org', '--history', 'bad-hist']);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^bad-hist\/a\.json: history\.points\[0\]\.date must be a date as YYYY-MM-DD; write the snapshot again/);
    fs.rmSync(hist, { recursive: true, force: true });
  });

  it('says which repository has no git history, and reports it for today', () => {
    const plain = path.join(fx.dir, 'plain');
    fs.mkdirSync(plain);
    fs.writeFileSync(path.join(plain, 'package.json'), npmManifest({ '@acme/ui': '4.2.0' }));
    const r = report(['plain', ...WEEKLY]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, 'platform-guide: plain: not a git repository with commits; no history from it\n');
    assert.deepEqual((JSON.parse(r.stdout) as ReportSnapshot).history!.points.map((p) => p.date), ['2026-11-30']);
  });

  it('says when a shallow clone cuts the history short', () => {
    const source = path.join(fx.org, 'alpha');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${source}`, path.join(fx.dir, 'shallow', 'alpha')], { stdio: 'pipe' });
    const r = report(['shallow/alpha', ...WEEKLY]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, 'platform-guide: shallow/alpha: a shallow clone: no history before 2026-09-21 (clone it in full, e.g. fetch-depth: 0)\n');
    assert.deepEqual((JSON.parse(r.stdout) as ReportSnapshot).history!.points.map((p) => p.date).slice(0, 2), ['2026-09-21', '2026-09-28']);
  });

  const usage: Array<[string[], RegExp]> = [
    [['--every', '7d'], /--every needs --since DATE/],
    [['--since', '2026-02-30'], /--since takes a date as YYYY-MM-DD, not '2026-02-30'/],
    [['--since', '2026-11-30'], /--since 2026-11-30 is not before --today 2026-11-30/],
    [['--since', '2026-01-01', '--every', 'weekly'], /--every takes a number of days or weeks, as 7d or 2w, not 'weekly'/],
    [['--since', '2000-01-01', '--every', '1w'], /makes 1405 points, more than 520: take a larger --every/],
    [['--history', 'nowhere'], /--history nowhere: no such folder: it must be a folder of snapshots/],
  ];
  for (const [args, message] of usage) {
    it(`refuses ${args.join(' ')} before scanning anything`, () => {
      const r = report(['org', ...args]);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
    });
  }
});
