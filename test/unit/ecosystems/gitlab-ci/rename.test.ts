import * as assert from 'node:assert/strict';
import { gitlabCiModule } from '../../../../src/core/ecosystems/gitlab-ci';
import { applySplices } from '../helpers';

function renamed(text: string, from: string, to: string): { text: string; notes: string[] } {
  const result = gitlabCiModule.rename(text, '.gitlab-ci.yml', from, to);
  return { text: applySplices(text, result.splices), notes: result.notes };
}

describe('ecosystems/gitlab-ci: rename', () => {
  const table: Array<[string, string, string, string, string]> = [
    ['a project, keeping its ref', 'include:\n  - project: acme/ci\n    ref: v1 # pinned\n', 'acme/ci', 'platform/ci', 'include:\n  - project: platform/ci\n    ref: v1 # pinned\n'],
    ['a quoted project', "include:\n  - project: 'acme/ci'\n    file: a.yml\n", 'acme/ci', 'platform/ci', "include:\n  - project: 'platform/ci'\n    file: a.yml\n"],
    ['a single include mapping', 'include:\n  project: Acme/CI\n  ref: main\n', 'acme/ci', 'platform/ci', 'include:\n  project: platform/ci\n  ref: main\n'],
    ['a component, keeping its version', 'include:\n  - component: $CI_SERVER_FQDN/acme/ci/build@1.4.0\n', '$CI_SERVER_FQDN/acme/ci/build', '$CI_SERVER_FQDN/platform/build', 'include:\n  - component: $CI_SERVER_FQDN/platform/build@1.4.0\n'],
    ['a quoted component with CRLF', 'include:\r\n  - component: "gitlab.com/acme/x@~latest"\r\n', 'gitlab.com/acme/x', 'gitlab.com/acme/y', 'include:\r\n  - component: "gitlab.com/acme/y@~latest"\r\n'],
  ];
  for (const [what, before, from, to, after] of table) {
    it(`renames ${what}`, () => assert.deepEqual(renamed(before, from, to), { text: after, notes: [] }));
  }

  it('leaves other projects, local files and trigger projects alone', () => {
    const text = 'include:\n  - project: acme/ci-extra\n  - local: acme/ci\n  - project: acme/ci\ndeploy:\n  trigger:\n    project: acme/ci\n';
    assert.equal(renamed(text, 'acme/ci', 'platform/ci').text, 'include:\n  - project: acme/ci-extra\n  - local: acme/ci\n  - project: platform/ci\ndeploy:\n  trigger:\n    project: acme/ci\n');
  });
});
