import * as assert from 'node:assert/strict';
import { helmModule, type HelmDependency } from '../../../../src/core/ecosystems/helm';
import { assertFilesAgree, seen } from '../helpers';

const CHART = 'Chart.yaml';

/** name, version text, the text under the finding's range, and the alias (key) of every use. */
function read(text: string, file = CHART): Array<[string, string | null, string, string]> {
  const keys = helmModule.parse(text, file).uses.map((u) => u.key);
  return seen(helmModule, text, file).map((u, i) => {
    assert.equal(u.section, 'dependencies');
    assert.equal(u.nameText, u.name);
    return [u.name, u.constraint, u.range, keys[i]!];
  });
}

describe('ecosystems/helm: files', () => {
  const table: Array<[string, boolean]> = [
    ['Chart.yaml', true],
    ['charts/storefront/Chart.yaml', true],
    ['deploy/helm/api/charts/db/Chart.yaml', true],
    ['requirements.yaml', true],
    ['legacy/billing/requirements.yaml', true],
    ['Chart.yml', false],
    ['chart.yaml', false],
    ['MyChart.yaml', false],
    ['Chart.lock', false],
    ['requirements.lock', false],
    ['requirements.txt', false],
    ['values.yaml', false],
    ['templates/deployment.yaml', false],
  ];
  for (const [path, wanted] of table) {
    it(`${wanted ? 'reads' : 'skips'} ${path}`, () => assert.equal(helmModule.wants(path), wanted));
  }
  it('says the same with its globs as with wants', () => assertFilesAgree(helmModule, table.map(([p]) => p)));
  it('reads Chart.lock and requirements.lock as its project files', () => {
    assert.equal(helmModule.project?.wants('charts/api/Chart.lock'), true);
    assert.equal(helmModule.project?.wants('requirements.lock'), true);
    assert.equal(helmModule.project?.wants('Chart.yaml'), false);
    assert.equal(helmModule.project?.wants('package-lock.json'), false);
  });
});

describe('ecosystems/helm: dependencies', () => {
  const head = 'apiVersion: v2\nname: shop\nversion: 1.0.0\n';
  const table: Array<[string, string, Array<[string, string | null, string, string]>]> = [
    [
      'an entry with a repository and a tilde constraint',
      `${head}dependencies:\n  - name: acme-service\n    version: ~4.2\n    repository: https://charts.acme.dev\n`,
      [['acme-service', '~4.2', '~4.2', 'acme-service']],
    ],
    [
      'keys in any order, a quoted comma constraint',
      `${head}dependencies:\n  - condition: redis.enabled\n    repository: oci://registry.acme.dev/charts\n    version: ">= 2.1, < 3"\n    name: acme-redis\n`,
      [['acme-redis', '>= 2.1, < 3', '>= 2.1, < 3', 'acme-redis']],
    ],
    [
      'three aliases of one chart are three uses under the chart’s name',
      `${head}dependencies:\n- name: acme-service\n  alias: web\n  version: 4.2.x\n- name: acme-service\n  alias: worker\n  version: 4.2.x\n- name: acme-service\n  alias: cron\n  version: '^4.1'\n`,
      [
        ['acme-service', '4.2.x', '4.2.x', 'web'],
        ['acme-service', '4.2.x', '4.2.x', 'worker'],
        ['acme-service', '^4.1', '^4.1', 'cron'],
      ],
    ],
    [
      'no version: the range is on the name',
      `${head}dependencies:\n  - name: acme-metrics\n    repository: https://charts.acme.dev\n`,
      [['acme-metrics', null, 'acme-metrics', 'acme-metrics']],
    ],
    [
      'a number-looking version as written, not as a number',
      `${head}dependencies:\n  - name: acme-ingress\n    version: 1.10\n`,
      [['acme-ingress', '1.10', '1.10', 'acme-ingress']],
    ],
    [
      'a flow list, an or constraint, a hyphen range',
      `${head}dependencies: [{name: a, version: "^1.0 || ^2.0"}, {name: b, version: 1.2 - 1.4}]\n`,
      [
        ['a', '^1.0 || ^2.0', '^1.0 || ^2.0', 'a'],
        ['b', '1.2 - 1.4', '1.2 - 1.4', 'b'],
      ],
    ],
    [
      'a merge key: the version is the anchored definition’s, where the range points',
      `${head}x-platform: &platform\n  repository: https://charts.acme.dev\n  version: ~3.1\ndependencies:\n  - <<: *platform\n    name: acme-service\n`,
      [['acme-service', '~3.1', '~3.1', 'acme-service']],
    ],
    [
      'the chart’s own name and version, maintainers and other lists are not uses',
      `apiVersion: v2\nname: acme-service\nversion: 9.9.9\nmaintainers:\n  - name: shop-team\nsources:\n  - https://git.acme.dev/shop\n`,
      [],
    ],
    [
      'an entry without a name, a scalar entry and a nested dependencies key are skipped',
      `${head}dependencies:\n  - version: 1.0.0\n  - acme-service\n  - name: ok\n    version: 2.0.0\n    dependencies:\n      - name: nested\n        version: 1.0.0\n`,
      [['ok', '2.0.0', '2.0.0', 'ok']],
    ],
    [
      'CRLF line ends and a comment after the version',
      `${head.replace(/\n/g, '\r\n')}dependencies:\r\n  - name: acme-service # the platform chart\r\n    version: "4.2.1"   # pinned for the freeze\r\n`,
      [['acme-service', '4.2.1', '4.2.1', 'acme-service']],
    ],
    ['an empty file', '', []],
    ['dependencies that is not a list', `${head}dependencies:\n  name: acme-service\n`, []],
  ];
  for (const [what, text, expected] of table) {
    it(what, () => assert.deepEqual(read(text), expected));
  }

  it('reads a Helm 2 requirements.yaml the same way', () => {
    assert.deepEqual(read('dependencies:\n- name: acme-postgres\n  version: 9.1.x\n  repository: https://charts.acme.dev/stable\n', 'legacy/requirements.yaml'), [
      ['acme-postgres', '9.1.x', '9.1.x', 'acme-postgres'],
    ]);
  });

  it('keeps each entry’s repository and its occurrence among entries of that name and repository', () => {
    const text = `${head}dependencies:\n- {name: s, alias: a, repository: https://c.acme.dev}\n- {name: s, alias: b, repository: "https://c.acme.dev/"}\n- {name: s, repository: oci://r.acme.dev}\n- {name: s}\n`;
    const uses = helmModule.parse(text, CHART).uses as HelmDependency[];
    assert.deepEqual(uses.map((u) => [u.repository, u.occurrence]), [['https://c.acme.dev', 0], ['https://c.acme.dev/', 1], ['oci://r.acme.dev', 0], ['', 0]]);
  });

  it('reports a YAML syntax error with its place and reads no use from that file', () => {
    const text = `${head}dependencies:\n  - name: acme-service\n    version: [4.2\n  - name: other\n`;
    const parsed = helmModule.parse(text, 'charts/shop/Chart.yaml');
    assert.deepEqual(parsed.uses, []);
    assert.equal(parsed.problems.length, 1);
    assert.match(parsed.problems[0]!.message, /YAML syntax error in charts\/shop\/Chart\.yaml/);
    assert.deepEqual(parsed.problems[0]!.range.start, { line: 6, character: 2 });
  });

  it('reports a version written over several lines at its place and reads the rest', () => {
    const text = `${head}dependencies:\n  - name: a\n    version: ">= 1.2,\n      < 2"\n  - name: b\n    version: 2.0.0\n`;
    const parsed = helmModule.parse(text, CHART);
    assert.deepEqual(parsed.uses.map((u) => [u.name, u.constraint]), [['a', null], ['b', '2.0.0']]);
    assert.equal(parsed.problems.length, 1);
    assert.match(parsed.problems[0]!.message, /several lines/);
    assert.equal(parsed.problems[0]!.range.start.line, 5);
  });
  it('locates the uses of a chart of 9,000 dependencies in linear time, each at its own entry', () => {
    const entries = Array.from({ length: 9000 }, (_, i) => `  - name: a\n    alias: s${i}\n`);
    const text = `${head}dependencies:\n${entries.join('')}`;
    const uses = helmModule.parse(text, CHART).uses;
    const before = process.cpuUsage();
    const located = helmModule.locate(text, CHART, uses);
    const used = process.cpuUsage(before);
    assert.equal(located.length, 9000);
    const at = (i: number) => located[i]!.range.start.line;
    assert.deepEqual([at(0), at(1), at(8999)], [4, 6, 4 + 2 * 8999]);
    const ms = (used.user + used.system) / 1000;
    assert.ok(ms < 300, `locate took ${ms} ms of CPU`);
  });
});
