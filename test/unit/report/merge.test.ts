import * as assert from 'node:assert/strict';
import { mergeSnapshots, parseSnapshot } from '../../../src/core/report/merge';
import type { ReportRepository, ReportSnapshot } from '../../../src/core/report/model';

const repo = (name: string, remote: string | null, date: string | null, commit = 'c'): ReportRepository => ({
  name, remote, commit, date, team: null, teamFrom: null, scanned: '2026-11-30', uses: [], errors: [], summary: { manifests: 0, dependencies: 0, platformDependencies: 0 },
});
const snap = (repositories: ReportRepository[], components = [{ id: 'ui', name: 'UI', owner: 'web', lifecycle: 'production', recommended: null, sunset: null }]): ReportSnapshot =>
  ({ schema: 'platform-guide/report-v1', today: '2026-11-30', components, repositories });

describe('report snapshots: reading', () => {
  const good = snap([repo('a', null, null)]);
  const cases: Array<[string, string, RegExp]> = [
    ['not JSON', '{"schema":', /^not JSON: /],
    ['another document', '{"schema":"platform-guide/check-v1"}', /^not a report snapshot: its "schema" must be "platform-guide\/report-v1"/],
    ['a list', '[]', /^not a report snapshot/],
    ['no repositories', JSON.stringify({ ...good, repositories: 3 }), /^"repositories" must be a list; write the snapshot again/],
    ['a repository without a name', JSON.stringify({ ...good, repositories: [{ ...repo('a', null, null), name: 7 }] }), /^repositories\[0\]\.name must be string/],
    ['an unknown severity', JSON.stringify(snap([{ ...repo('a', null, null), uses: [{ file: 'f', ecosystem: 'npm', package: 'p', component: 'ui', constraint: null, resolved: null, version: null, severity: 'fatal', sunset: null, message: null, onRecommended: null, exception: null }] } as never])), /^repositories\[0\]\.uses\[0\]\.severity must be error, warning, info, hint or null/],
    ['an exception without an end', JSON.stringify(snap([{ ...repo('a', null, null), uses: [{ file: 'f', ecosystem: 'npm', package: 'p', component: 'ui', constraint: null, resolved: null, version: null, severity: 'hint', sunset: null, message: 'm', onRecommended: null, exception: { reason: 'r', by: null } }] } as never])), /^repositories\[0\]\.uses\[0\]\.exception\.until must be string/],
    ['a component with only its id', JSON.stringify(snap([], [{ id: 'ui' } as never])), /^components\[0\]\.name must be string/],
  ];
  for (const [name, text, error] of cases) {
    it(`refuses ${name}`, () => {
      const read = parseSnapshot(text);
      assert.ok('error' in read, 'refused');
      assert.match(read.error, error);
    });
  }
  it('reads back what it wrote', () => assert.deepEqual(parseSnapshot(JSON.stringify(good)), { snapshot: good }));
});

describe('report snapshots: merging', () => {
  it('keeps one of each repository (by remote, else by name): the newest commit date', () => {
    const merged = mergeSnapshots(
      [
        snap([repo('api', 'git@h:o/api.git', '2026-11-02T10:00:00+01:00', 'old'), repo('tools', null, null, 'undated')]),
        // The same instant written in another zone is not newer; a later argument wins a tie.
        snap([repo('api', 'git@h:o/api.git', '2026-11-02T09:00:00Z', 'tie'), repo('tools', null, '2026-01-01T00:00:00Z', 'dated')]),
        snap([repo('api', 'git@h:o/api.git', '2026-10-01T00:00:00Z', 'older'), repo('api', 'git@h:o/fork-api.git', null, 'fork')]),
      ],
      '2026-12-01',
    );
    assert.deepEqual(merged.repositories.map((r) => [r.name, r.remote, r.commit]), [
      ['api', 'git@h:o/api.git', 'tie'],
      ['api', 'git@h:o/fork-api.git', 'fork'],
      ['tools', null, 'dated'],
    ]);
    assert.equal(merged.today, '2026-12-01', 'days are counted from the merging run');
    assert.deepEqual(merged.components.map((c) => c.id), ['ui']);
  });
});
