import assert from 'node:assert/strict';
import { mergeCatalogs } from '../../../src/core/catalog/merge';
import { DEFAULT_SUNSET_WARNING_DAYS } from '../../../src/core/catalog/model';
import { parseCatalogText } from '../../../src/core/catalog/parse';
import { assertProblems, y, type Expected } from './helpers';

function merge(...files: (readonly [string, string])[]): ReturnType<typeof mergeCatalogs> {
  return mergeCatalogs(
    files.map(([file, text]) => {
      const { document, problems } = parseCatalogText(file, text);
      assert.deepEqual(problems, [], `${file} should parse cleanly`);
      return document!;
    }),
  );
}

const TEAMS = y`
  schema: platform-guide/v1
  teams:
    - id: web-platform
      name: Web Platform
    - id: infra
      name: Infra
`;

/** A catalog whose component `ui` starts on line 3; the extras start on line 8. */
const component = (extra: string): string =>
  'schema: platform-guide/v1\ncomponents:\n  - id: ui\n    name: UI\n    owner: web-platform\n    packages:\n      - npm: "@acme/ui"\n' + extra;

const cases: readonly { name: string; text: string; expected: Expected }[] = [
  { name: 'unknown owner, with a suggestion', text: component('').replace('owner: web-platform', 'owner: web-platfrom'), expected: [['5:12 error', /owner `web-platfrom` is not a team in the catalog; did you mean `web-platform`\?; add the team/]] },
  { name: 'unknown owner, nothing close', text: component('').replace('owner: web-platform', 'owner: payments'), expected: [['5:12 error', /owner `payments` is not a team in the catalog; add the team under `teams`/]] },
  { name: 'unknown replacedBy', text: component('    lifecycle: deprecated\n    replacedBy: acme-design\n'), expected: [['9:17 error', /replacedBy `acme-design` is not a component in the catalog; add it or fix the id/]] },
  { name: 'replacedBy itself', text: component('    lifecycle: deprecated\n    replacedBy: ui\n'), expected: [['9:17 error', /`replacedBy` names the component itself/]] },
  {
    name: 'unknown migration id',
    text: component('    deprecations:\n      - { versions: "<3", message: old, migration: ui-3-to4 }\n    migrations:\n      - { id: ui-3-to-4, title: T, from: "<4", to: 4.2.0 }\n'),
    expected: [['9:52 error', /migration `ui-3-to4` is not a migration of component `ui`; did you mean `ui-3-to-4`\?/]],
  },
  {
    name: 'migration named without any migrations',
    text: component('    deprecations:\n      - { versions: "<3", message: old, migration: m }\n'),
    expected: [['9:52 error', /migration `m` is not a migration of component `ui`; the component has no `migrations`/]],
  },
  {
    name: 'duplicate migration ids',
    text: component('    migrations:\n      - { id: m, title: A, from: "<4", to: 4.2.0 }\n      - { id: m, title: B, from: "<3", to: 3.9.0 }\n'),
    expected: [['10:15 error', /migration `m` is defined twice in component `ui` \(first at c\.yaml:9:15\)/]],
  },
  {
    name: 'overlapping deprecations warn',
    text: component('    deprecations:\n      - { versions: "<3.0.0", message: a }\n      - { versions: ">=2.5.0 <4.0.0", message: b }\n      - { versions: ">=5.0.0", message: c }\n'),
    expected: [['10:21 warning', /this deprecation \(`>=2.5.0 <4.0.0`\) overlaps the one at c\.yaml:9:21 \(`<3.0.0`\).*most severe/]],
  },
  {
    name: 'recommended inside a deprecation',
    text: component('    recommended: 2.9.0\n    deprecations:\n      - { versions: "<3.0.0", message: old }\n'),
    expected: [['8:18 error', /`recommended`: `2.9.0` is itself deprecated by `<3.0.0` \(c\.yaml:10:21\); a bump would move people onto a deprecated version/]],
  },
  {
    name: 'migration `to` inside a deprecation',
    text: component('    deprecations:\n      - { versions: "<3.0.0", message: old }\n    migrations:\n      - { id: m, title: M, from: "<2", to: 2.5.0 }\n'),
    expected: [['11:44 error', /migration `m` `to`: `2.5.0` is itself deprecated by `<3.0.0`/]],
  },
  {
    name: 'recommended on a deprecated component',
    text: component('    lifecycle: deprecated\n    recommended: 4.2.0\n'),
    expected: [['9:18 error', /`recommended`: component `ui` is `lifecycle: deprecated`; a bump would move people onto a deprecated version/]],
  },
  {
    name: 'migration of a deprecated component that stays on it',
    text: component('    lifecycle: deprecated\n    migrations:\n      - { id: m, title: M, from: "*", to: 4.2.0 }\n'),
    expected: [['10:43 error', /migration `m` `to`: component `ui` is `lifecycle: deprecated`/]],
  },
  {
    name: 'migration of a deprecated component that renames its way out is fine',
    text: component('    lifecycle: deprecated\n    migrations:\n      - id: m\n        title: M\n        from: "*"\n        to: 5.0.0\n        steps: [{ rename: { from: "@acme/ui", to: "@acme/design" } }]\n'),
    expected: [],
  },
  { name: 'a valid component', text: component('    recommended: 4.2.0\n    deprecations:\n      - { versions: "<3.0.0", message: old }\n'), expected: [] },
];

describe('mergeCatalogs: cross-references', () => {
  for (const c of cases) {
    it(c.name, () => {
      assertProblems(merge(['teams.yaml', TEAMS], ['c.yaml', c.text]).problems, c.expected, assert);
    });
  }
});

describe('mergeCatalogs: several documents', () => {
  it('reports an id defined twice at the second definition, naming the first, and keeps the first', () => {
    const local = y`
      schema: platform-guide/v1
      teams:
        - id: infra
          name: Infra (local copy)
      components:
        - id: ui
          name: UI again
          owner: infra
          packages: [{ npm: ui2 }]
    `;
    const { catalog, problems } = merge(['org.yaml', TEAMS + component('').replace('schema: platform-guide/v1\n', '')], ['local.yaml', local]);
    assertProblems(problems, [
      ['3:9 error', /team `infra` is defined twice; the first definition, at org\.yaml:5:9, is used/],
      ['6:9 error', /component `ui` is defined twice; the first definition, at org\.yaml:8:9, is used/],
    ], assert);
    assert.equal(problems[0]!.file, 'local.yaml');
    assert.equal(catalog.teams.get('infra')!.name, 'Infra');
    assert.deepEqual(catalog.components.map((c) => c.name), ['UI']);
    assert.deepEqual(catalog.files, ['org.yaml', 'local.yaml']);
  });

  it('lets a component reference a team of another document', () => {
    const { catalog, problems } = merge(['org.yaml', TEAMS], ['local.yaml', component('')]);
    assert.deepEqual(problems, []);
    assert.deepEqual([...catalog.teams.keys()], ['web-platform', 'infra']);
    assert.equal(catalog.components[0]!.source.file, 'local.yaml');
  });

  it('takes sunsetWarningDays from the first document that sets it, else the default', () => {
    const withDays = (n: number): string => `schema: platform-guide/v1\npolicy: { sunsetWarningDays: ${n} }\n`;
    assert.equal(merge(['a', TEAMS], ['b', withDays(30)], ['c', withDays(10)]).catalog.policy.sunsetWarningDays, 30);
    assert.equal(merge(['a', TEAMS]).catalog.policy.sunsetWarningDays, DEFAULT_SUNSET_WARNING_DAYS);
    assert.equal(mergeCatalogs([]).catalog.policy.sunsetWarningDays, 90);
  });
});
