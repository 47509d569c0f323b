import * as assert from 'node:assert/strict';
import { gitlabCiModule } from '../../../../src/core/ecosystems/gitlab-ci';
import { assertFilesAgree, seen } from '../helpers';

const CI = '.gitlab-ci.yml';

/** name, version text and the text under the finding's range of every use. */
function read(text: string, file = CI): Array<[string, string | null, string]> {
  return seen(gitlabCiModule, text, file).map((u) => {
    assert.equal(u.section, 'include');
    assert.equal(u.nameText, u.name);
    return [u.name, u.constraint, u.range];
  });
}

describe('ecosystems/gitlab-ci: files', () => {
  const table: Array<[string, boolean]> = [
    ['.gitlab-ci.yml', true],
    ['services/api/.gitlab-ci.yml', true],
    ['deploy.gitlab-ci.yml', true],
    ['ci/templates/release.gitlab-ci.yml', true],
    ['.gitlab/ci/build.yml', true],
    ['.gitlab/ci/jobs/test.yaml', true],
    ['services/api/.gitlab/ci/rules.yml', true],
    ['.gitlab-ci.yaml', false],
    ['.gitlab/ci/README.md', false],
    ['.gitlab/issue_templates/bug.yml', false],
    ['gitlab/ci/build.yml', false],
    ['.gitlab-ci.yml.orig', false],
    ['.github/workflows/ci.yml', false],
  ];
  for (const [path, wanted] of table) {
    it(`${wanted ? 'reads' : 'skips'} ${path}`, () => assert.equal(gitlabCiModule.wants(path), wanted));
  }
  it('says the same with its globs as with wants', () => assertFilesAgree(gitlabCiModule, table.map(([p]) => p)));
});

describe('ecosystems/gitlab-ci: include', () => {
  const table: Array<[string, string, Array<[string, string | null, string]>]> = [
    ['a project with a ref', 'include:\n  - project: acme/ci-templates\n    ref: v2.3.1\n    file: /node.yml\n', [['acme/ci-templates', 'v2.3.1', 'v2.3.1']]],
    ['a project without ref (range on the project)', 'include:\n  - project: acme/ci-templates\n    file: /node.yml\n', [['acme/ci-templates', null, 'acme/ci-templates']]],
    ['a project with a list of files, one use', "include:\n  - project: 'acme/ci'\n    ref: 'main'\n    file:\n      - '/a.yml'\n      - '/b.yml'\n", [['acme/ci', 'main', 'main']]],
    ['a ref written before the project', 'include:\n  - ref: "1.8"\n    project: "acme/release"\n', [['acme/release', '1.8', '1.8']]],
    ['a numeric ref as written', 'include:\n  - project: acme/release\n    ref: 1.10\n', [['acme/release', '1.10', '1.10']]],
    ['a single mapping', 'include:\n  project: acme/release-tools\n  ref: 1.8\n  file: /release.yml\n', [['acme/release-tools', '1.8', '1.8']]],
    ['a flow mapping', 'include: [{ project: acme/ci, ref: v1, file: a.yml }]\n', [['acme/ci', 'v1', 'v1']]],
    ['a component with $CI_SERVER_FQDN', 'include:\n  - component: $CI_SERVER_FQDN/acme/ci/build@1.4.0\n', [['$CI_SERVER_FQDN/acme/ci/build', '1.4.0', '1.4.0']]],
    ['a component with ${CI_SERVER_FQDN}', 'include:\n  - component: ${CI_SERVER_FQDN}/acme/ci/build@1.4.0\n', [['${CI_SERVER_FQDN}/acme/ci/build', '1.4.0', '1.4.0']]],
    ['a component on a named host, quoted', 'include:\n  - component: "gitlab.acme.dev/acme/ci/scan@~latest"\n    inputs:\n      stage: test\n', [['gitlab.acme.dev/acme/ci/scan', '~latest', '~latest']]],
    ['a component pinned by SHA', "include:\n  - component: 'gitlab.com/acme/x@0f4c3a5b2e1d9c8b7a6f5e4d3c2b1a0f9e8d7c6b'\n", [['gitlab.com/acme/x', '0f4c3a5b2e1d9c8b7a6f5e4d3c2b1a0f9e8d7c6b', '0f4c3a5b2e1d9c8b7a6f5e4d3c2b1a0f9e8d7c6b']]],
    ['a component without version', 'include:\n  - component: gitlab.com/acme/x\n', [['gitlab.com/acme/x', null, 'gitlab.com/acme/x']]],
    ['a variable as ref', 'include:\n  - project: $CI_PROJECT_NAMESPACE/common\n    ref: $COMMON_REF\n', [['$CI_PROJECT_NAMESPACE/common', '$COMMON_REF', '$COMMON_REF']]],
    ['local, remote and template entries (none)', "include:\n  - local: '/.gitlab/ci/rules.yml'\n  - remote: https://example.com/ci.yml\n  - template: Jobs/SAST.gitlab-ci.yml\n", []],
    ['a bare string (local)', "include: '/templates/build.yml'\n", []],
    ['a list of bare strings', 'include:\n  - /templates/build.yml\n  - https://example.com/x.yml\n', []],
    ['a trigger project (none)', 'deploy:\n  trigger:\n    project: acme/deployer\n    branch: main\n', []],
    ['a child pipeline include (none)', 'child:\n  trigger:\n    include:\n      - project: acme/child\n        ref: v1\n', []],
    ['an empty include', 'include:\n', []],
    ['an empty project', 'include:\n  - project:\n    ref: v1\n', []],
  ];
  for (const [what, text, expected] of table) {
    it(`reads ${what}`, () => assert.deepEqual(read(text), expected));
  }

  it('reads every entry of a list, in order, with the others left out', () => {
    const text = [
      'include:',
      "  - local: '/.gitlab/ci/rules.gitlab-ci.yml'",
      '  - project: acme/ci-templates',
      '    ref: v2.3.1',
      '    file: [/a.yml, /b.yml]',
      '  - component: $CI_SERVER_FQDN/acme/ci/build@1.4.0',
      '    inputs: { stage: build }',
      '  - template: Jobs/SAST.gitlab-ci.yml',
      '  - project: acme/shared',
      '    file: /deploy.yml',
      '',
    ].join('\n');
    assert.deepEqual(read(text), [
      ['acme/ci-templates', 'v2.3.1', 'v2.3.1'],
      ['$CI_SERVER_FQDN/acme/ci/build', '1.4.0', '1.4.0'],
      ['acme/shared', null, 'acme/shared'],
    ]);
  });

  it('reads the configuration after a spec header document', () => {
    const text = 'spec:\n  inputs:\n    stage:\n      default: test\n---\ninclude:\n  - component: $CI_SERVER_FQDN/acme/ci/lint@2\n';
    assert.deepEqual(read(text, '.gitlab/ci/lint.yml'), [['$CI_SERVER_FQDN/acme/ci/lint', '2', '2']]);
  });

  it('reads a ref shared through an anchor at its definition, and !reference tags do not stop it', () => {
    const text = [
      '.pin: &pin v3.2.0',
      'include:',
      '  - project: acme/a',
      '    ref: *pin',
      '  - project: acme/b',
      '    ref: *pin',
      'test:',
      '  script:',
      '    - !reference [.setup, script]',
      '',
    ].join('\n');
    const uses = seen(gitlabCiModule, text, CI);
    assert.deepEqual(uses.map((u) => [u.name, u.constraint, u.range, u.line]), [['acme/a', 'v3.2.0', 'v3.2.0', 0], ['acme/b', 'v3.2.0', 'v3.2.0', 0]]);
  });

  it('reads Windows line ends and a byte order mark', () => {
    const text = '\ufeffinclude:\r\n  - project: "acme/ci"\r\n    ref: v1.2.0\r\n  - component: $CI_SERVER_FQDN/acme/x@1.0\r\n';
    assert.deepEqual(read(text), [['acme/ci', 'v1.2.0', 'v1.2.0'], ['$CI_SERVER_FQDN/acme/x', '1.0', '1.0']]);
  });

  it('compares names case-insensitively', () => assert.equal(gitlabCiModule.normaliseName('Acme/CI-Templates'), 'acme/ci-templates'));

  it('reports YAML it cannot read with its place, and reads no use', () => {
    const { uses, problems } = gitlabCiModule.parse('include:\n  - project: acme/ci\n    ref: [v1\n', CI);
    assert.deepEqual(uses, []);
    assert.ok(problems.length > 0);
    assert.match(problems[0]!.message, /YAML syntax error in \.gitlab-ci\.yml/);
    assert.ok(problems[0]!.range.start.line >= 2);
  });

  it('reports an alias with no anchor', () => {
    const { problems } = gitlabCiModule.parse('include:\n  - project: acme/ci\n    ref: *nowhere\n', CI);
    assert.deepEqual(problems.map((p) => [p.message, p.range.start.line, p.range.start.character]), [['alias `*nowhere` has no anchor `&nowhere` before it; define the anchor first', 2, 9]]);
  });
});
