import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseCatalogText } from '../../../src/core/catalog/parse';
import { assertProblems, y, type Expected } from './helpers';

const FIXTURE = path.join(__dirname, '../../fixtures/catalogs/full.yaml');

/** Drops `source` (asserted separately) so the expected model stays readable. */
function withoutSources(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'source' ? undefined : v)));
}

describe('parseCatalogText: a valid catalog', () => {
  it('builds the full model from a catalog using every field', () => {
    const { document, problems } = parseCatalogText('full.yaml', readFileSync(FIXTURE, 'utf8'));
    assert.deepEqual(problems, []);
    assert.ok(document);
    assert.deepEqual(withoutSources(document), {
      file: 'full.yaml',
      policy: { sunsetWarningDays: 60 },
      teams: [
        {
          id: 'web-platform', name: 'Web Platform', contact: '#web-platform', docs: 'https://docs.acme.dev/web',
          feedback: [
            { kind: 'webhook', url: 'https://feedback.acme.dev/api/web-platform' },
            { kind: 'github', repo: 'acme/web-platform', labels: ['from-editor'], apiUrl: 'https://github.acme.dev/api/v3' },
            { kind: 'slack', url: 'https://hooks.slack.com/services/T000/B000/XXXX' },
            { kind: 'email', address: 'web-platform@acme.dev' },
          ],
        },
        { id: 'infra', name: 'Infrastructure', feedback: [] },
      ],
      components: [
        {
          id: 'acme-ui', name: 'Acme UI', owner: 'web-platform', description: 'Design system', docs: 'https://docs.acme.dev/ui',
          lifecycle: 'production',
          packages: [
            ['npm', '@acme/ui'], ['npm', '@acme/ui-*'], ['docker', 'registry.acme.dev/base/node'], ['action', 'acme/deploy-action'],
            ['go', 'github.com/acme/platform-go'], ['pypi', 'acme-sdk'], ['maven', 'io.acme:platform-bom'], ['gradle', 'io.acme:platform-bom'],
            ['terraform', 'app.terraform.io/acme/vpc/aws'], ['helm', 'acme-service'], ['gitlab-ci', 'acme/ci-templates'], ['runtime', 'node'],
          ].map(([ecosystem, pattern]) => ({ ecosystem, pattern })),
          recommended: '4.2.0',
          deprecations: [
            { versions: '<3.0.0', message: 'Acme UI 2 is out of support.', sunset: '2026-06-30', severity: 'error', migration: 'ui-3-to-4' },
            { versions: '>=3.0.0 <4.0.0', message: 'Acme UI 3 reaches its end of support soon.', sunset: '2027-03-31' },
          ],
          migrations: [
            {
              id: 'ui-3-to-4', title: 'Acme UI 3 → 4', from: '<4.0.0', to: '4.2.0', guide: 'https://docs.acme.dev/ui/migrate-4',
              steps: [
                { kind: 'rename', from: '@acme/ui-legacy', to: '@acme/ui' },
                { kind: 'replace', files: ['src/**/*.ts', 'src/**/*.tsx'], find: '@acme/ui/legacy', with: '@acme/ui' },
                { kind: 'replace', files: ['**/*.tsx'], regex: '<Button kind=', with: '<Button variant=' },
                { kind: 'json', files: ['tsconfig.json'], set: { 'compilerOptions.jsx': 'react-jsx' }, remove: ['compilerOptions.suppressImplicitAnyIndexErrors'] },
              ],
            },
          ],
        },
        {
          id: 'acme-legacy-grid', name: 'Acme Legacy Grid', owner: 'web-platform', lifecycle: 'deprecated', sunset: '2027-01-31',
          replacedBy: 'acme-ui', packages: [{ ecosystem: 'npm', pattern: '@acme/grid' }], deprecations: [], migrations: [],
        },
        {
          id: 'acme-infra-node', name: 'Node runtime', owner: 'infra', lifecycle: 'experimental',
          packages: [{ ecosystem: 'runtime', pattern: 'node' }], recommended: '20.0.0', deprecations: [], migrations: [],
        },
      ],
    });
  });

  it('records where each entry was written (0-based ranges of the entry node)', () => {
    const { document } = parseCatalogText('full.yaml', readFileSync(FIXTURE, 'utf8'));
    const ui = document!.components[0]!;
    assert.deepEqual(ui.source.range.start, { line: 19, character: 4 }); // `  - id: acme-ui` on line 20
    assert.equal(ui.source.file, 'full.yaml');
    assert.deepEqual(ui.source.fields?.owner, { start: { line: 21, character: 11 }, end: { line: 21, character: 23 } });
    assert.deepEqual(ui.packages[0]!.source.range, { start: { line: 26, character: 8 }, end: { line: 26, character: 23 } });
    assert.equal(document!.teams[0]!.source.range.start.line, 5);
    assert.equal(ui.migrations[0]!.steps[1]!.source.range.start.line, 56);
  });

  it('keeps dates as text, reads plain-number versions from their source text and coerces short ones', () => {
    const { document, problems } = parseCatalogText('c.yaml', y`
      schema: platform-guide/v1
      components:
        - id: a
          name: A
          owner: t
          packages: [{ npm: a }]
          recommended: 4.10
          deprecations:
            - { versions: 3, message: old, sunset: 2027-03-31 }
          migrations:
            - { id: m, title: M, from: 3.1, to: 4 }
            - { id: n, title: N, from: "<4", to: v4.2.0 }
    `);
    assert.deepEqual(problems, []);
    const c = document!.components[0]!;
    assert.equal(c.recommended, '4.10.0');
    assert.deepEqual(c.deprecations.map((d) => [d.versions, d.sunset]), [['3', '2027-03-31']]);
    assert.deepEqual(c.migrations.map((m) => [m.from, m.to]), [['3.1', '4.0.0'], ['<4', '4.2.0']]);
  });

  it('reads a tab-indented, pretty-printed JSON catalog', () => {
    const json = JSON.stringify(
      { schema: 'platform-guide/v1', teams: [{ id: 'web', name: 'Web' }], components: [{ id: 'ui', name: 'UI', owner: 'web', packages: [{ npm: '@acme/ui' }], recommended: '4.2.0' }] },
      null,
      '\t',
    );
    assert.ok(json.includes('\n\t\t{'));
    for (const file of ['catalog.json', 'catalog.yaml']) {
      const { document, problems } = parseCatalogText(file, json);
      assert.deepEqual(problems, [], file);
      assert.deepEqual(document!.components.map((c) => [c.id, c.owner, c.recommended, c.packages[0]!.pattern]), [['ui', 'web', '4.2.0', '@acme/ui']]);
      assert.deepEqual(document!.components[0]!.source.range.start, { line: 9, character: 2 });
    }
  });

  it('reads comments in a .json catalog as JSONC (yaml would fold them into a key)', () => {
    const text = '{\n\t// the org catalog\n\t"schema": "platform-guide/v1",\n\t"teams": [ { "id": "web", "name": "Web" } ]\n}\n';
    const { document, problems } = parseCatalogText('org.json', text);
    assert.deepEqual(problems, []);
    assert.deepEqual(document!.teams.map((t) => t.id), ['web']);
  });
});

// Line numbers below count from this base: line 6 is `- id: ui`, line 10 the package; extras start on line 11.
const BASE = y`
  schema: platform-guide/v1
  teams:
    - id: web
      name: Web
  components:
    - id: ui
      name: UI
      owner: web
      packages:
        - npm: "@acme/ui"
`;

const errorCases: readonly { name: string; text: string; expected: Expected }[] = [
  {
    name: 'unknown field with a close known one',
    text: BASE.replace('    owner: web', '    ownr: web'),
    expected: [['6:5 error', /missing the required field `owner`/], ['8:5 error', /unknown field `ownr` in this component; did you mean `owner`\?/]],
  },
  {
    name: 'unknown field with no close known one',
    text: BASE + '    colour: blue\n',
    expected: [['11:5 error', /unknown field `colour` in this component; the known fields are `id`, `name`, `owner`/]],
  },
  { name: 'unknown top-level field', text: BASE.replace('components:', 'component:'), expected: [['5:1 error', /unknown field `component`.*did you mean `components`\?/]] },
  { name: 'wrong type: number for text', text: BASE.replace('name: UI', 'name: 42'), expected: [['7:11 error', /`name` must be text, not the number 42; put it in quotes/]] },
  { name: 'wrong type: text for a list', text: BASE.replace('    packages:\n      - npm: "@acme/ui"\n', '    packages: "@acme/ui"\n'), expected: [['9:15 error', /`packages` must be a list, not the text "@acme\/ui"/]] },
  { name: 'empty value', text: BASE.replace('name: UI', 'name:'), expected: [['7:5 error', /`name` must be text, not empty/]] },
  { name: 'id with capitals', text: BASE.replace('id: ui', 'id: My UI'), expected: [['6:9 error', /ids use lowercase letters, digits and `-`/]] },
  { name: 'missing schema', text: BASE.replace('schema: platform-guide/v1\n', ''), expected: [['1:1 error', /missing the required field `schema`/]] },
  { name: 'wrong schema', text: BASE.replace('platform-guide/v1', 'platform-guide/v2'), expected: [['1:9 error', /`schema` must be exactly `platform-guide\/v1`/]] },
  { name: 'misspelt ecosystem key', text: BASE.replace('- npm:', '- nmp:'), expected: [['10:9 error', /unknown field `nmp` in this package; did you mean `npm`\?/]] },
  { name: 'two ecosystem keys in one package', text: BASE + '      - { npm: a, docker: b }\n', expected: [['11:19 error', /use only one of `npm`, `docker` in one package/]] },
  { name: 'no packages', text: BASE.replace('    packages:\n      - npm: "@acme/ui"\n', '    packages: []\n'), expected: [['9:15 error', /list at least one package/]] },
  { name: 'lifecycle typo', text: BASE + '    lifecycle: deprecatd\n', expected: [['11:16 error', /must be one of production, experimental, deprecated, not `deprecatd`; did you mean `deprecated`\?/]] },
  {
    name: 'a range with more alternatives than the limit',
    text: BASE + '    deprecations:\n      - versions: "' + Array.from({ length: 65 }, (_, i) => `^${i}.0.0`).join(' || ') + '"\n        message: old\n',
    expected: [['12:19 error', /`versions`: the range has 65 alternatives \(`\|\|`\), more than the 64 a range may have; merge neighbouring ones/]],
  },
  {
    name: 'invalid semver range',
    text: BASE + '    deprecations:\n      - versions: ">>3"\n        message: old\n',
    expected: [['12:19 error', /`versions`: `>>3` is not a valid version range; use npm semver syntax/]],
  },
  {
    name: 'date that does not exist',
    text: BASE + '    deprecations:\n      - versions: "<3"\n        message: old\n        sunset: 2026-02-30\n',
    expected: [['14:17 error', /2026-02-30 is not a real date: February 2026 has 28 days/]],
  },
  {
    name: 'date in another format',
    text: BASE + '    deprecations:\n      - versions: "<3"\n        message: old\n        sunset: 30.06.2026\n',
    expected: [['14:17 error', /dates are written YYYY-MM-DD/]],
  },
  { name: 'http docs link', text: BASE + '    docs: http://docs.acme.dev/ui\n', expected: [['11:11 error', /links must be https:\/\/ addresses.*write the https:\/\/ link/]] },
  { name: 'sunset without lifecycle deprecated', text: BASE + '    sunset: 2027-01-31\n', expected: [['11:5 error', /`sunset` only applies to a component with `lifecycle: deprecated`/]] },
  { name: 'replacedBy without lifecycle deprecated', text: BASE + '    replacedBy: ui\n', expected: [['11:5 error', /`replacedBy` only applies to a component with `lifecycle: deprecated`/]] },
  {
    name: 'severity outside info|warning|error',
    text: BASE + '    deprecations:\n      - { versions: "<3", message: old, severity: hint }\n',
    expected: [['12:51 error', /`severity` must be one of info, warning, error, not `hint`/]],
  },
  { name: 'recommended that is not a version', text: BASE + '    recommended: 4.x\n', expected: [['11:18 error', /`recommended`: `4.x` is not a version; write an exact version/]] },
  {
    name: 'regex that does not compile',
    text: BASE + '    migrations:\n      - id: m\n        title: M\n        from: "<4"\n        to: 4.0.0\n        steps:\n          - replace: { files: ["**/*.ts"], regex: "(unclosed", with: x }\n',
    expected: [['17:51 error', /`regex` is not a valid JavaScript regular expression \(.*\); fix it, or use `find`/]],
  },
  {
    name: 'replace with both find and regex',
    text: BASE + '    migrations:\n      - id: m\n        title: M\n        from: "<4"\n        to: 4.0.0\n        steps:\n          - replace: { files: [a], find: x, regex: y, with: z }\n',
    expected: [['17:45 error', /a replace step needs exactly one of `find` \(literal text\) or `regex`/]],
  },
  {
    name: 'replace with neither find nor regex',
    text: BASE + '    migrations:\n      - id: m\n        title: M\n        from: "<4"\n        to: 4.0.0\n        steps:\n          - replace: { files: [a], with: z }\n',
    expected: [['17:13 error', /a replace step needs exactly one of `find`/]],
  },
  {
    name: 'json step with neither set nor remove',
    text: BASE + '    migrations:\n      - id: m\n        title: M\n        from: "<4"\n        to: 4.0.0\n        steps:\n          - json: { files: [package.json] }\n',
    expected: [['17:13 error', /a json step needs `set`, `remove` or both/]],
  },
  {
    name: 'globs outside the folder',
    text: BASE + '    migrations:\n      - id: m\n        title: M\n        from: "<4"\n        to: 4.0.0\n        steps:\n          - replace:\n              files: ["../x/**", "/etc/*", "C:/x", "a/../../b", "ok/**"]\n              find: a\n              with: b\n',
    expected: [
      ['18:23 error', /globs are relative to the manifest's folder.*`\.\.` segment/],
      ['18:34 error', /globs are relative/],
      ['18:44 error', /globs are relative/],
      ['18:52 error', /globs are relative/],
    ],
  },
  {
    name: 'migration step of an unknown kind',
    text: BASE + '    migrations:\n      - id: m\n        title: M\n        from: "<4"\n        to: 4.0.0\n        steps:\n          - renam: { from: a, to: b }\n',
    expected: [['17:13 error', /unknown field `renam` in this migration step; did you mean `rename`\?/]],
  },
  {
    name: 'feedback channels',
    text: BASE.replace('    name: Web\n', '    name: Web\n    feedback:\n      - github: acme\n      - email: nobody\n      - webhook: http://x.dev/h\n'),
    expected: [['6:17 error', /write the repository as `owner\/repo`/], ['7:16 error', /write an email address/], ['8:18 error', /links must be https/]],
  },
  { name: 'policy days below zero', text: BASE + 'policy: { sunsetWarningDays: -1 }\n', expected: [['11:30 error', /`sunsetWarningDays` must be at least 0/]] },
  { name: 'policy days as text', text: BASE + 'policy: { sunsetWarningDays: "90" }\n', expected: [['11:30 error', /`sunsetWarningDays` must be a whole number, not the text "90"/]] },
  { name: 'key written twice', text: BASE.replace('    name: UI\n', '    name: UI\n    name: UI 2\n'), expected: [['8:5 error', /`name` is written twice in this mapping \(first on line 7\)/]] },
  { name: 'YAML syntax error', text: BASE.replace('name: UI', 'name: "UI'), expected: [['7:14 error', /YAML syntax error: Missing closing "quote/]] },
  { name: 'custom tag', text: BASE.replace('name: UI', 'name: !foo UI'), expected: [['7:11 error', /custom YAML tag `!foo` is not allowed/]] },
  { name: 'custom tag after an anchor', text: BASE.replace('name: UI', 'name: &n !foo UI'), expected: [['7:14 error', /custom YAML tag `!foo` is not allowed/]] },
  { name: 'alias to nothing', text: BASE.replace('name: UI', 'name: *nope'), expected: [['7:11 error', /alias `\*nope` has no anchor `&nope` before it/]] },
  { name: 'not a mapping', text: '- a\n- b\n', expected: [['1:1 error', /the catalog must be a mapping \(key: value\), not a list/]] },
  { name: 'empty text', text: '', expected: [['1:1 error', /the catalog is empty; start it with `schema: platform-guide\/v1`/]] },
  { name: 'several YAML documents', text: BASE + '---\nschema: platform-guide/v1\n', expected: [['11:1 error', /YAML syntax error: Source contains multiple documents/]] },
];

describe('parseCatalogText: problems at their exact place', () => {
  for (const c of errorCases) {
    it(c.name, () => {
      assertProblems(parseCatalogText('c.yaml', c.text).problems, c.expected, assert);
    });
  }

  it('still builds what it can from an invalid catalog, leaving invalid values out', () => {
    const { document, problems } = parseCatalogText('c.yaml', BASE + '    recommended: 4.x\n    deprecations:\n      - { versions: ">>3", message: old }\n      - { versions: "<2", message: older }\n');
    assert.equal(problems.filter((p) => p.severity === 'error').length, 2);
    const c = document!.components[0]!;
    assert.equal(c.recommended, undefined);
    assert.deepEqual(c.deprecations.map((d) => d.versions), ['<2']);
  });

  it('gives no document when the file is not a platform-guide/v1 catalog', () => {
    assert.equal(parseCatalogText('c.yaml', BASE.replace('/v1', '/v2')).document, undefined);
    assert.equal(parseCatalogText('c.yaml', 'a: [').document, undefined);
  });
});
