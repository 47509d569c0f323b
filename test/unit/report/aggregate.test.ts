import * as assert from 'node:assert/strict';
import { aggregate } from '../../../src/core/report/aggregate';
import { defaultOwner } from '../../../src/core/report/codeowners';
import { repositoryName, withoutCredentials } from '../../../src/core/report/git';
import type { ReportComponent, ReportRepository, ReportSnapshot, ReportUse } from '../../../src/core/report/model';
import type { Severity } from '../../../src/core/types';

const TODAY = '2026-11-30';
const COMPONENTS: ReportComponent[] = [
  { id: 'ui', name: 'UI', owner: 'web', lifecycle: 'production', recommended: '4.0.0', sunset: null },
  { id: 'log', name: 'Log', owner: 'obs', lifecycle: 'production', recommended: null, sunset: null },
  { id: 'img', name: 'Image', owner: 'web', lifecycle: 'production', recommended: null, sunset: null },
];

/** `component@version`, then optional severity, sunset, `ok` (on recommended) and exception. */
function use(spec: string, severity: Severity | null = null, extra: Partial<ReportUse> = {}): ReportUse {
  const [component, version] = spec.split('@') as [string, string];
  return {
    file: 'package.json', ecosystem: 'npm', package: `@acme/${component}`, component, constraint: version, resolved: null, version,
    severity, sunset: null, message: severity ? 'deprecated' : null, onRecommended: component === 'ui' ? !version.startsWith('3') : null, exception: null, ...extra,
  };
}
function repo(name: string, team: string | null, uses: ReportUse[]): ReportRepository {
  return { name, remote: null, commit: null, date: null, team, teamFrom: team ? 'config' : null, scanned: TODAY, uses, errors: [], summary: { manifests: 1, dependencies: uses.length, platformDependencies: uses.length } };
}
const snap = (...repositories: ReportRepository[]): ReportSnapshot => ({ schema: 'platform-guide/report-v1', today: TODAY, components: COMPONENTS, repositories });

const exc = (until: string, reason = 'r', by: string | null = null) => ({ exception: { until, reason, expired: until < TODAY, by } });

describe('report aggregation', () => {
  const fixture = snap(
    repo('a', 'pay', [use('ui@3.1.0', 'error', { sunset: '2026-10-01' }), use('log@1.0.0')]),
    repo('b', 'pay', [use('ui@4.1.0'), use('ui@3.1.0', 'hint', { sunset: '2027-01-31', ...exc('2026-12-15', 'redesign', 'jane') })]),
    repo('c', null, [use('ui@4.1.0'), use('img@1', 'warning', { sunset: '2027-01-31', ...exc('2026-11-01', 'late') })]),
  );
  const agg = aggregate(fixture);

  it('summarises repositories, components, adoption and uses past a sunset', () => {
    assert.deepEqual(
      { ...agg.summary, deprecated: { ...agg.summary.deprecated, sunsets: agg.summary.deprecated.sunsets.length } },
      {
        repositories: 3,
        components: 3,
        uses: 6,
        adoption: { repositories: { count: 0, total: 3 }, uses: { count: 3, total: 6 }, recommendedRepositories: { count: 1, total: 3 }, recommendedUses: { count: 2, total: 4 } },
        deprecated: { uses: 3, bySeverity: { error: 1, warning: 1, info: 0, hint: 1 }, sunsets: 2, pastSunset: 1 },
        exceptions: { active: 1, expiring: 1, expired: 1 },
      },
    );
  });

  it('groups components by owner team, worst first, with their version distribution', () => {
    assert.deepEqual(agg.owners.map((o) => [o.owner, o.components.map((c) => c.id)]), [['web', ['ui', 'img']], ['obs', ['log']]]);
    const ui = agg.owners[0]!.components[0]!;
    assert.deepEqual(ui.versions, [
      { version: '3.1.0', repositories: ['a', 'b'], uses: 2, deprecated: true },
      { version: '4.1.0', repositories: ['b', 'c'], uses: 2, deprecated: false },
    ]);
    assert.deepEqual(ui.adoption, { repositories: { count: 1, total: 3 }, uses: { count: 2, total: 4 }, recommendedRepositories: { count: 1, total: 3 }, recommendedUses: { count: 2, total: 4 } });
    assert.deepEqual(ui.deprecated.sunsets, [
      { sunset: '2026-10-01', days: -60, uses: 1, repositories: 1 },
      { sunset: '2027-01-31', days: 62, uses: 1, repositories: 1 },
    ]);
    assert.equal(agg.owners[1]!.components[0]!.adoption.recommendedUses, null, 'no recommended version, no share of it');
  });

  it('keeps the exceptions ledger: expired first, then expiring within 30 days, with reason and approver', () => {
    assert.deepEqual(
      agg.exceptions.map((e) => [e.repository, e.component, e.status, e.days, e.reason, e.by, e.uses]),
      [
        ['c', 'img', 'expired', -29, 'late', null, 1],
        ['b', 'ui', 'expiring', 15, 'redesign', 'jane', 1],
      ],
    );
  });

  it('gives each consuming team the same numbers; unclaimed repositories last among equals', () => {
    assert.deepEqual(
      agg.teams.map((t) => [t.team, t.repositories, t.components, t.adoption.uses, t.deprecated.pastSunset, t.exceptions]),
      [
        ['pay', ['a', 'b'], 2, { count: 2, total: 4 }, 1, { active: 1, expiring: 1, expired: 0 }],
        [null, ['c'], 2, { count: 1, total: 2 }, 0, { active: 0, expiring: 0, expired: 1 }],
      ],
    );
  });

  it('an empty snapshot has nothing to divide', () => {
    const empty = aggregate(snap());
    assert.deepEqual(empty.summary.adoption, { repositories: { count: 0, total: 0 }, uses: { count: 0, total: 0 }, recommendedRepositories: null, recommendedUses: null });
    assert.deepEqual([empty.owners, empty.teams, empty.exceptions], [[], [], []]);
  });
});

describe('report: repository facts', () => {
  const owners: Array<[string, string | null]> = [
    ['* @acme/a\n', '@acme/a'],
    ['* @acme/a\n/docs/ @acme/docs\n* @acme/b @c # later wins\n', '@acme/b'],
    ['# * @acme/commented\n*.js @acme/js\n', null],
    ['* @acme/a\n*\n', null],
    ['*\t@acme/tabs\r\n', '@acme/tabs'],
  ];
  for (const [text, owner] of owners) it(`CODEOWNERS ${JSON.stringify(text)} → ${owner}`, () => assert.equal(defaultOwner(text), owner));

  const remotes: Array<[string, string, string]> = [
    ['https://ci:tok@git.acme.dev/acme/x.git', 'https://git.acme.dev/acme/x.git', 'x'],
    ['ssh://git@git.acme.dev:22/acme/y', 'ssh://git.acme.dev:22/acme/y', 'y'],
    ['git@git.acme.dev:acme/z.git', 'git@git.acme.dev:acme/z.git', 'z'],
    ['https://git.acme.dev/acme/w/', 'https://git.acme.dev/acme/w/', 'w'],
  ];
  for (const [remote, shown, name] of remotes) {
    it(`remote ${remote} is shown as ${shown}, named ${name}`, () => {
      assert.equal(withoutCredentials(remote), shown);
      assert.equal(repositoryName(withoutCredentials(remote), '/repos/folder'), name);
    });
  }
  it('a repository without a remote is named after its folder', () => assert.equal(repositoryName(null, '/repos/folder'), 'folder'));
});
