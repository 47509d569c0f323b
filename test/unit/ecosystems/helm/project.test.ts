import * as assert from 'node:assert/strict';
import { parseHelmLockfile } from '../../../../src/core/ecosystems/helm';
import { at } from '../helpers';
import { scanFiles } from '../scanFiles';

const CATALOG = `schema: platform-guide/v1
teams:
  - { id: k8s, name: Kubernetes Platform, contact: k8s@acme.dev }
components:
  - id: acme-service
    name: Acme service chart
    owner: k8s
    packages: [{ helm: acme-service }]
    deprecations:
      - { versions: "<5.0.0", message: Chart 4 runs as root. }
`;

/** Writes the files, scans the folder: each finding as `file:line constraint resolved`, the errors, where the lock pins. */
function scan(files: Record<string, string>): { findings: string[]; errors: string[]; lockRanges: string[] } {
  const r = scanFiles(files, CATALOG);
  return { ...r, findings: r.findings.map((f) => `${f.file}:${f.range.start.line + 1} ${f.constraint} ${f.resolved}`) };
}

const REPO = 'https://charts.acme.dev/platform';
type Entry = { version?: string; repository?: string; alias?: string; name?: string };
const entry = (e: Entry) =>
  `  - name: ${e.name ?? 'acme-service'}\n${e.alias ? `    alias: ${e.alias}\n` : ''}${e.version ? `    version: "${e.version}"\n` : ''}    repository: ${e.repository ?? REPO}\n`;
const chart = (...entries: Entry[]) => `apiVersion: v2\nname: shop\nversion: 1.0.0\ndependencies:\n${entries.map(entry).join('')}`;
const lock = (...entries: Array<{ version: string; repository?: string; name?: string }>) =>
  `dependencies:\n${entries.map((e) => `- name: ${e.name ?? 'acme-service'}\n  repository: ${e.repository ?? REPO}\n  version: ${e.version}\n`).join('')}digest: sha256:${'c'.repeat(64)}\ngenerated: "2026-11-02T10:15:00Z"\n`;

describe('ecosystems/helm: Chart.lock pins a Chart.yaml’s dependencies', () => {
  const table: Array<[string, Record<string, string>, string[]]> = [
    ['the lock beside it: its version is compared', { 'Chart.yaml': chart({ version: '>=4.0.0' }), 'Chart.lock': lock({ version: '4.2.7' }) }, ['Chart.yaml:6 >=4.0.0 4.2.7']],
    ['a pin outside the deprecation: no finding, though the range reaches into it', { 'Chart.yaml': chart({ version: '>=4.0.0' }), 'Chart.lock': lock({ version: '5.1.0' }) }, []],
    ['no lock: the range alone, inside the deprecation', { 'Chart.yaml': chart({ version: '~4.2' }) }, ['Chart.yaml:6 ~4.2 null']],
    ['no lock: a range that admits 5.x is no finding', { 'Chart.yaml': chart({ version: '>=4.0.0' }) }, []],
    ['no version, locked: the pin is compared', { 'Chart.yaml': chart({}), 'Chart.lock': lock({ version: '4.2.7' }) }, ['Chart.yaml:5 null 4.2.7']],
    [
      'a lock entry from another repository pins nothing',
      { 'Chart.yaml': chart({ version: '~4.2' }), 'Chart.lock': lock({ version: '4.2.7', repository: 'https://charts.example.org' }) },
      ['Chart.yaml:6 ~4.2 null'],
    ],
    [
      'a trailing slash does not make another repository',
      { 'Chart.yaml': chart({ version: '>=4.0.0', repository: `${REPO}/` }), 'Chart.lock': lock({ version: '4.2.7' }) },
      ['Chart.yaml:6 >=4.0.0 4.2.7'],
    ],
    [
      'aliases of one chart: the n-th use gets the lock’s n-th entry',
      {
        'Chart.yaml': chart({ alias: 'web', version: '>=4.0.0' }, { alias: 'worker', version: '>=4.0.0' }, { alias: 'cron', version: '>=4.0.0' }),
        'Chart.lock': lock({ version: '5.0.1' }, { version: '4.9.0' }, { version: '5.0.1' }),
      },
      ['Chart.yaml:11 >=4.0.0 4.9.0'],
    ],
    [
      'a lock out of date with fewer entries than aliases: the last alias is compared by its range',
      { 'Chart.yaml': chart({ alias: 'web', version: '>=4.0.0' }, { alias: 'worker', version: '~4.2' }), 'Chart.lock': lock({ version: '5.0.1' }) },
      ['Chart.yaml:11 ~4.2 null'],
    ],
    ['a lock in another folder does not apply', { 'charts/shop/Chart.yaml': chart({ version: '~4.2' }), 'Chart.lock': lock({ version: '5.0.0' }) }, ['charts/shop/Chart.yaml:6 ~4.2 null']],
    [
      'charts at any depth, each with its own lock',
      { 'charts/a/Chart.yaml': chart({ version: '>=4.0.0' }), 'charts/a/Chart.lock': lock({ version: '4.1.0' }), 'charts/b/Chart.yaml': chart({ version: '>=4.0.0' }), 'charts/b/Chart.lock': lock({ version: '5.1.0' }) },
      ['charts/a/Chart.yaml:6 >=4.0.0 4.1.0'],
    ],
    [
      'Helm 2: requirements.lock pins requirements.yaml, never Chart.lock',
      {
        'old/Chart.yaml': 'apiVersion: v1\nname: old\nversion: 0.1.0\n',
        'old/requirements.yaml': `dependencies:\n${entry({ version: '>=4.0.0' })}`,
        'old/requirements.lock': lock({ version: '4.0.3' }),
        'old/Chart.lock': lock({ version: '5.0.0' }),
      },
      ['old/requirements.yaml:3 >=4.0.0 4.0.3'],
    ],
  ];
  for (const [what, files, expected] of table) it(what, () => assert.deepEqual(scan(files).findings, expected));

  it('says where the lock pins the version', () => {
    const files = { 'Chart.yaml': chart({ alias: 'web', version: '>=4.0.0' }, { alias: 'worker', version: '>=4.0.0' }), 'Chart.lock': lock({ version: '4.1.0' }, { version: '4.2.7' }) };
    assert.deepEqual(scan(files).lockRanges, ['Chart.lock:4 4.1.0', 'Chart.lock:7 4.2.7']);
  });

  it('reports a lock that is not YAML where it breaks, and compares the range instead', () => {
    const r = scan({ 'Chart.yaml': chart({ version: '~4.2' }), 'Chart.lock': 'dependencies:\n- name: acme-service\n  version: [4.2.7\n' });
    assert.deepEqual(r.findings, ['Chart.yaml:6 ~4.2 null']);
    assert.deepEqual(r.errors, ['Chart.lock:4']);
  });
});

describe('ecosystems/helm: lock reading', () => {
  const pins = (text: string) => {
    const read = parseHelmLockfile(text, 'Chart.lock');
    assert.deepEqual(read.problems, []);
    return [...(read.lockfile ?? new Map()).values()].flat().map((p) => `${p.name} ${p.repository} ${p.version} @${p.locate().start.line + 1} ${at(text, p.locate())}`);
  };
  const table: Array<[string, string, string[]]> = [
    ['as helm writes it', lock({ version: '4.2.7' }, { name: 'acme-redis', version: '2.6.0', repository: 'oci://r.acme.dev/charts' }), [`acme-service ${REPO} 4.2.7 @4 4.2.7`, 'acme-redis oci://r.acme.dev/charts 2.6.0 @7 2.6.0']],
    ['a local chart without a repository', 'dependencies:\n- name: fixtures\n  repository: ""\n  version: 0.1.0\n', ['fixtures  0.1.0 @4 0.1.0']],
    ['an entry without a version pins nothing', 'dependencies:\n- name: x\n  repository: r\n', []],
    ['no dependencies at all', 'digest: sha256:abc\n', []],
    ['an empty file', '', []],
  ];
  for (const [what, text, expected] of table) it(`reads ${what}`, () => assert.deepEqual(pins(text), expected));
});
