import * as assert from 'node:assert/strict';
import { addDays, analyseHistory, combinePoints, percentile, type HistoryPoint, type HistoryRepository } from '../../../src/core/report/history';
import type { ReportComponent } from '../../../src/core/report/model';

const UI = (recommended: string | null): ReportComponent => ({ id: 'ui', name: 'UI', owner: 'web', lifecycle: 'production', recommended, sunset: null });

/**
 * `name: uses/supported/recommended [sunset=n ...]` for component ui, e.g. `a: 3/1/1 2027-01-31=2`.
 */
function repo(spec: string): HistoryRepository {
  const [name, rest] = spec.split(': ') as [string, string];
  const [counts, ...sunsets] = rest.split(' ');
  const [uses, supported, recommended] = counts!.split('/').map(Number) as [number, number, number];
  return {
    name, remote: null, commit: null, date: null, team: null,
    components: [{ component: 'ui', uses, supported, recommended, sunsets: Object.fromEntries(sunsets.map((s) => s.split('=')).map(([d, n]) => [d!, Number(n)])) }],
  };
}
function point(date: string, repos: string[], recommended: string | null = '4.0.0'): HistoryPoint {
  return { date, from: 'git', components: [UI(recommended)], repositories: repos.map(repo) };
}

describe('report history', () => {
  describe('adoption over time', () => {
    const h = analyseHistory([
      point('2026-01-01', ['a: 2/0/0 2026-06-30=2', 'b: 1/1/1']),
      point('2026-01-08', ['a: 2/1/1 2026-06-30=1', 'b: 1/1/1', 'c: 1/0/0 2026-06-30=1']),
      point('2026-01-15', ['a: 2/2/2', 'b: 0/0/0', 'c: 1/0/0 2026-06-30=1'], null),
    ]);
    const rows = h.components[0]!.adoption.map((a) => [a.date, `${a.uses.count}/${a.uses.total}`, `${a.repositories.count}/${a.repositories.total}`, a.recommendedUses && `${a.recommendedUses.count}/${a.recommendedUses.total}`]);
    const table: Array<[string, string, string, string | null, string]> = [
      ['2026-01-01', '1/3', '1/2', '1/3', 'b is on it, a is not'],
      ['2026-01-08', '2/4', '1/3', '2/4', 'a is half way, c arrives on a deprecated version'],
      ['2026-01-15', '2/3', '1/2', null, 'b no longer uses it; the catalog of that day names no recommended version'],
    ];
    for (const [i, [date, uses, repositories, recommended, why]] of table.entries()) {
      it(`${date}: ${why}`, () => assert.deepEqual(rows[i], [date, uses, repositories, recommended]));
    }
    it('sums every component for the overall series', () => assert.deepEqual(h.adoption.map((a) => a.uses.count), [1, 2, 2]));
  });

  describe('burndown per sunset', () => {
    const SUNSET = '2026-03-01';
    /** Weekly points from 2026-01-05 with these uses left (each repository `r<i>` one use). */
    const weekly = (counts: number[], sunset = SUNSET) =>
      counts.map((n, i) => point(addDays('2026-01-05', 7 * i), Array.from({ length: n }, (_, r) => `r${r}: 1/0/0 ${sunset}=1`)));
    const cases: Array<{ name: string; counts: number[]; sunset?: string; expect: Partial<{ done: boolean; onTrack: boolean; projected: string | null; trendPerWeek: number | null; neededPerWeek: number | null; missing: string[] }> }> = [
      // Each repository has one use: on its own it has not moved, whatever the pace of the whole.
      { name: 'falling fast enough: on time, yet the repositories that have not moved are named', counts: [6, 5, 4, 3], expect: { onTrack: true, projected: '2026-02-16', trendPerWeek: -1, neededPerWeek: 0.6, missing: ['r0', 'r1', 'r2'] } },
      { name: 'flat: no projection, every repository left misses it', counts: [2, 2, 2, 2], expect: { onTrack: false, projected: null, trendPerWeek: 0, missing: ['r0', 'r1'] } },
      { name: 'nothing left: done', counts: [2, 1, 0, 0], expect: { done: true, onTrack: true, projected: null, neededPerWeek: null, missing: [] } },
      { name: 'one point only: no pace', counts: [3], expect: { onTrack: false, trendPerWeek: null, projected: null } },
      { name: 'sunset already passed: nothing can be needed, it is late', counts: [3, 2, 1], sunset: '2026-01-10', expect: { onTrack: false, neededPerWeek: null, projected: '2026-01-26' } },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const [b] = analyseHistory(weekly(c.counts, c.sunset)).components[0]!.burndowns;
        assert.ok(b);
        const got = { done: b.done, onTrack: b.onTrack, projected: b.projected, trendPerWeek: b.trendPerWeek, neededPerWeek: b.neededPerWeek, missing: b.missing.map((m) => m.repository) };
        assert.deepEqual(Object.fromEntries(Object.keys(c.expect).map((k) => [k, got[k as keyof typeof got]])), c.expect);
        assert.deepEqual(b.points.map((p) => p.uses), c.counts);
      });
    }

    it('fits the pace on the last points only: an old drop does not hide a recent stall', () => {
      const [b] = analyseHistory(weekly([9, 1, 1, 1, 1, 1, 1, 1])).components[0]!.burndowns;
      assert.equal(b!.trendPerWeek, 0);
      assert.equal(b!.projected, null);
      const [short] = analyseHistory(weekly([9, 1, 1, 1, 1, 1, 1, 1]), 8).components[0]!.burndowns;
      assert.ok(short!.trendPerWeek! < 0, 'over all eight points the drop counts');
    });

    it('names the repositories whose own pace misses the sunset, most uses first', () => {
      const points = [
        point('2026-01-05', ['fast: 4/0/0 2026-03-01=4', 'slow: 5/0/0 2026-03-01=5', 'stuck: 1/0/0 2026-03-01=1']),
        point('2026-01-12', ['fast: 4/2/2 2026-03-01=2', 'slow: 5/0/0 2026-03-01=5', 'stuck: 1/0/0 2026-03-01=1']),
        point('2026-01-19', ['fast: 4/3/3 2026-03-01=1', 'slow: 5/1/1 2026-03-01=4', 'stuck: 1/0/0 2026-03-01=1']),
      ];
      const [b] = analyseHistory(points).components[0]!.burndowns;
      assert.deepEqual(b!.missing, [
        { repository: 'slow', uses: 4, projected: '2026-03-19' },
        { repository: 'stuck', uses: 1, projected: null },
      ]);
    });
  });

  describe('time to adopt', () => {
    it('counts days from when a version became recommended, or from a repository\'s first use if later', () => {
      const [t, u] = analyseHistory([
        point('2026-01-01', ['a: 1/1/0', 'b: 1/1/0', 'gone: 1/1/0'], '3.0.0'),
        point('2026-01-11', ['a: 1/1/0', 'b: 1/1/0', 'gone: 1/1/0'], '4.0.0'),
        point('2026-01-21', ['a: 1/1/1', 'b: 1/1/0', 'late: 1/1/0'], '4.0.0'),
        point('2026-02-10', ['a: 1/1/1', 'b: 1/1/0', 'late: 1/1/1'], '4.0.0'),
      ]).components[0]!.timeToAdopt;
      assert.deepEqual([t!.version, t!.since, t!.fromStart, t!.adopted, t!.never], ['3.0.0', '2026-01-01', true, 0, ['a', 'b', 'gone']]);
      assert.deepEqual(
        { ...u, repositories: u!.repositories.map((r) => [r.repository, r.days]) },
        { version: '4.0.0', since: '2026-01-11', fromStart: false, repositories: [['a', 10], ['late', 20], ['b', null]], adopted: 2, median: 10, p90: 20, never: ['b'] },
        '"gone" stopped using it without moving: neither adopted nor stuck',
      );
    });
  });

  it('percentiles by nearest rank', () => {
    const table: Array<[number[], number, number | null]> = [
      [[], 50, null],
      [[7], 90, 7],
      [[1, 2, 3, 4], 50, 2],
      [[4, 1, 3, 2], 90, 4],
      [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    ];
    for (const [values, p, expected] of table) assert.equal(percentile(values, p), expected, `${p}th of ${values.join(',')}`);
  });

  it('puts points of one date together; the later part wins a repository; a missing one is carried; points after today are left out', () => {
    const combined = combinePoints(
      [
        { ...point('2026-01-08', ['a: 1/0/0']), from: 'snapshot' },
        point('2026-01-01', ['a: 1/0/0']),
        point('2026-01-08', ['a: 1/1/1', 'b: 1/1/1']),
        point('2026-01-15', ['b: 1/0/0']),
        { ...point('2026-01-22', ['b: 1/1/1']), from: 'current' },
        point('2026-02-01', ['a: 1/1/1']),
      ],
      '2026-01-31',
    );
    assert.deepEqual(combined.map((p) => [p.date, p.from, p.repositories.map((r) => `${r.name}:${r.components[0]!.supported}`)]), [
      ['2026-01-01', 'git', ['a:0']],
      ['2026-01-08', 'git', ['a:1', 'b:1']],
      ['2026-01-15', 'git', ['a:1', 'b:0']],
      ['2026-01-22', 'current', ['b:1']],
    ]);
  });
});
