import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_CONFIG_FILE, parseRepoConfig, readRepoConfig } from '../../../src/core/catalog/repoConfig';
import { assertProblems, y, type Expected } from './helpers';

const VALID = y`
  schema: platform-guide/v1
  catalogs:
    - tools/platform-catalog.yaml
  exclude:
    - "legacy/**"
  exceptions:
    - component: acme-ui
      versions: "<3.0.0"
      paths: ["packages/legacy/**"]
      until: 2026-12-31
      reason: Blocked on the vendor grid; JIRA-123
      by: jane@acme.dev
    - component: acme-grid
      until: 2027-01-15
      reason: Rewrite planned for Q1
`;

describe('parseRepoConfig', () => {
  it('reads every field', () => {
    const { config, problems } = parseRepoConfig('.platform-guide.yaml', VALID);
    assert.deepEqual(problems, []);
    assert.equal(config!.file, '.platform-guide.yaml');
    assert.deepEqual(config!.catalogs, ['tools/platform-catalog.yaml']);
    assert.deepEqual(config!.exclude, ['legacy/**']);
    assert.deepEqual(
      config!.exceptions.map(({ source, ...rest }) => ({ ...rest, line: source.range.start.line })),
      [
        { component: 'acme-ui', versions: '<3.0.0', paths: ['packages/legacy/**'], until: '2026-12-31', reason: 'Blocked on the vendor grid; JIRA-123', by: 'jane@acme.dev', line: 6 },
        { component: 'acme-grid', paths: [], until: '2027-01-15', reason: 'Rewrite planned for Q1', line: 12 },
      ],
    );
  });

  it('reads the team that owns the repository', () => {
    const { config, problems } = parseRepoConfig('f', 'schema: platform-guide/v1\nteam: payments\n');
    assert.deepEqual(problems, []);
    assert.equal(config!.team, 'payments');
  });

  it('accepts a file with only the schema line', () => {
    assert.deepEqual(parseRepoConfig('f', 'schema: platform-guide/v1\n'), { config: { file: 'f', catalogs: [], exclude: [], exceptions: [] }, problems: [] });
  });

  const exception = (lines: string): string => `schema: platform-guide/v1\nexceptions:\n  - component: acme-ui\n${lines}`;
  const cases: readonly { name: string; text: string; expected: Expected }[] = [
    {
      name: 'catalog paths that leave the repository',
      text: 'schema: platform-guide/v1\ncatalogs:\n  - ../org/catalog.yaml\n  - /etc/catalog.yaml\n  - C:\\catalog.yaml\n  - ok.yaml\n',
      expected: [['3:5 error', /a repository's catalogs are paths inside it, never URLs: write the path relative to the repository root/], ['4:5 error', /never URLs/], ['5:5 error', /never URLs/]],
    },
    {
      // However a URL is spelt, it is refused where it is written: a pull request must not make CI fetch.
      name: 'catalog entries that are URLs in any spelling',
      text: 'schema: platform-guide/v1\ncatalogs:\n  - http:/127.0.0.1:18765/x.yaml\n  - HTTP://127.0.0.1/x.yaml\n  - https:host/x\n  - file:/etc/passwd\n  - //host/x\n  - "\\\\\\\\host\\\\x"\n  - git+ssh://host/x\n  - ./http:/ok/x.yaml\n',
      expected: [3, 4, 5, 6, 7, 8, 9].map((line): [string, RegExp] => [`${line}:5 error`, /a repository's catalogs are paths inside it, never URLs/]),
    },
    { name: 'exclude glob with ..', text: 'schema: platform-guide/v1\nexclude: ["a/../../b"]\n', expected: [['2:11 error', /globs are relative to the repository root/]] },
    { name: 'missing until and reason', text: exception(''), expected: [['3:5 error', /missing the required field `until`/], ['3:5 error', /missing the required field `reason`/]] },
    { name: 'until that is not a date', text: exception('    until: 2026-02-30\n    reason: r\n'), expected: [['4:12 error', /2026-02-30 is not a real date: February 2026 has 28 days/]] },
    { name: 'month 13', text: exception('    until: 2026-13-01\n    reason: r\n'), expected: [['4:12 error', /2026-13-01 is not a real date: there is no month 13/]] },
    { name: 'empty reason', text: exception('    until: 2026-12-31\n    reason: ""\n'), expected: [['5:13 error', /give a reason/]] },
    { name: 'invalid versions', text: exception('    versions: "=>3"\n    until: 2026-12-31\n    reason: r\n'), expected: [['4:15 error', /`versions`: `=>3` is not a valid version range/]] },
    { name: 'misspelt field', text: exception('    until: 2026-12-31\n    reasn: r\n'), expected: [['3:5 error', /missing the required field `reason`/], ['5:5 error', /unknown field `reasn` in this exception; did you mean `reason`\?/]] },
    { name: 'a team that is not a name', text: 'schema: platform-guide/v1\nteam: [a, b]\n', expected: [['2:7 error', /team/]] },
    { name: 'wrong schema', text: 'schema: platform-guide/v0\n', expected: [['1:9 error', /`schema` must be exactly `platform-guide\/v1`/]] },
    { name: 'custom tag', text: 'schema: platform-guide/v1\nexclude: !!python/object:os.system ["x"]\n', expected: [['2:10 error', /custom YAML tag `!!python\/object:os\.system` is not allowed/]] },
  ];
  it('keeps only the catalog entries that are paths inside the repository', () => {
    const text = 'schema: platform-guide/v1\ncatalogs: [http:/127.0.0.1:18765/x.yaml, "HTTPS://h/x", tools/c.yaml, ./http:/ok.yaml]\n';
    assert.deepEqual(parseRepoConfig('f', text).config!.catalogs, ['tools/c.yaml', './http:/ok.yaml']);
  });

  for (const c of cases) {
    it(c.name, () => assertProblems(parseRepoConfig('.platform-guide.yaml', c.text).problems, c.expected, assert));
  }

  it('checks dates of years 0000–0099 by their own calendar, as the engine computes them', () => {
    // 0000 is a leap year (divisible by 400); 1900, which Date.UTC would have used, is not.
    const ok = parseRepoConfig('f', exception('    until: 0000-02-29\n    reason: r\n'));
    assert.deepEqual(ok.problems, []);
    assert.equal(ok.config!.exceptions[0]!.until, '0000-02-29');
    assertProblems(parseRepoConfig('f', exception('    until: 0100-02-29\n    reason: r\n')).problems, [['4:12 error', /February 100 has 28 days/]], assert);
  });

  it('leaves out what failed its checks, so a bad entry never widens anything', () => {
    const { config } = parseRepoConfig('f', 'schema: platform-guide/v1\ncatalogs: [../x.yaml, ok.yaml]\nexceptions:\n  - { component: a, versions: "=>3", until: 2026-12-31, reason: r }\n  - { component: b, paths: ["/abs"], until: 2026-12-31, reason: r }\n');
    assert.deepEqual(config!.catalogs, ['ok.yaml']);
    assert.deepEqual(config!.exceptions, []);
  });
});

describe('readRepoConfig', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pg-repo-'));
    mkdirSync(path.join(dir, 'with'));
    writeFileSync(path.join(dir, 'with', REPO_CONFIG_FILE), 'schema: platform-guide/v1\nexclude: [3]\n');
    mkdirSync(path.join(dir, 'odd', REPO_CONFIG_FILE), { recursive: true });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('has nothing to say about a repository without the file', async () => {
    assert.deepEqual(await readRepoConfig(dir), { problems: [] });
  });

  it('reads the file and names it as path.join(dir, REPO_CONFIG_FILE)', async () => {
    const { config, problems } = await readRepoConfig(path.join(dir, 'with'));
    assert.deepEqual(config!.exclude, []);
    assert.deepEqual(problems.map((p) => [p.file, p.range.start.line, p.message]), [[path.join(dir, 'with', REPO_CONFIG_FILE), 1, 'item 1 of `exclude` must be text, not the number 3; put it in quotes: "3"']]);
  });

  it('reports a file it cannot read', async () => {
    const { config, problems } = await readRepoConfig(path.join(dir, 'odd'));
    assert.equal(config, undefined);
    assert.match(problems[0]!.message, /cannot read .*\.platform-guide\.yaml: it is a directory/);
  });
});
