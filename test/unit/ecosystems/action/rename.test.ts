import * as assert from 'node:assert/strict';
import { actionModule } from '../../../../src/core/ecosystems/action';
import { applySplices } from '../helpers';

const SHA = '8e5e7e5ab8b370d6c329ec480221332ada57f0ab';
const WF = '.github/workflows/ci.yml';

function renamed(text: string, from: string, to: string, file = WF): { text: string; notes: string[] } {
  const result = actionModule.rename(text, file, from, to);
  return { text: applySplices(text, result.splices), notes: result.notes };
}

describe('ecosystems/action: rename', () => {
  const table: Array<[string, string, string]> = [
    ['a tag', '- uses: acme/deploy@v2', '- uses: acme/ship@v2'],
    ['a SHA and its comment', `- uses: acme/deploy@${SHA}  # v4.1.1`, `- uses: acme/ship@${SHA}  # v4.1.1`],
    ['a tag= comment', `- uses: acme/deploy@${SHA} # tag=v4.1.1`, `- uses: acme/ship@${SHA} # tag=v4.1.1`],
    ['a double-quoted value', '- uses: "acme/deploy@v2"', '- uses: "acme/ship@v2"'],
    ['a single-quoted value', "- uses: 'acme/deploy@v2'", "- uses: 'acme/ship@v2'"],
    ['a flow mapping', '- {name: d, uses: acme/deploy@main}', '- {name: d, uses: acme/ship@main}'],
    ['another spelling of the name', '- uses: ACME/Deploy@v2', '- uses: acme/ship@v2'],
    ['a use without ref', '- uses: acme/deploy', '- uses: acme/ship'],
  ];
  for (const [what, before, after] of table) {
    it(`renames ${what}, keeping the ref and the comment`, () => {
      const text = `jobs:\n  a:\n    steps:\n      ${before}\n      - uses: acme/deploy-tools@v1\n      - uses: acme/deploy/cleanup@v1\n`;
      assert.deepEqual(renamed(text, 'acme/deploy', 'acme/ship'), {
        text: `jobs:\n  a:\n    steps:\n      ${after}\n      - uses: acme/deploy-tools@v1\n      - uses: acme/deploy/cleanup@v1\n`,
        notes: [],
      });
    });
  }

  it('renames reusable workflows and composite steps by their full path', () => {
    const wf = 'jobs:\n  r:\n    uses: acme/ci/.github/workflows/build.yml@v2\n';
    assert.equal(renamed(wf, 'acme/ci/.github/workflows/build.yml', 'acme/pipelines/.github/workflows/build.yml').text, 'jobs:\n  r:\n    uses: acme/pipelines/.github/workflows/build.yml@v2\n');
    const action = 'runs:\n  using: composite\n  steps:\n    - uses: acme/deploy@v1\r\n';
    assert.equal(renamed(action, 'acme/deploy', 'acme/ship', 'action.yml').text, 'runs:\n  using: composite\n  steps:\n    - uses: acme/ship@v1\r\n');
  });

  it('renames every use in the file, and an anchored use once', () => {
    const text = 'jobs:\n  a:\n    steps:\n      - uses: &d acme/deploy@v1\n      - uses: acme/deploy@v2\n  b:\n    steps:\n      - uses: *d\n';
    assert.equal(renamed(text, 'acme/deploy', 'acme/ship').text, 'jobs:\n  a:\n    steps:\n      - uses: &d acme/ship@v1\n      - uses: acme/ship@v2\n  b:\n    steps:\n      - uses: *d\n');
  });

  it('leaves local actions, docker images and run scripts alone', () => {
    const text = 'jobs:\n  a:\n    steps:\n      - uses: ./acme/deploy\n      - uses: docker://acme/deploy:1\n      - run: "use acme/deploy@v1"\n';
    assert.deepEqual(renamed(text, 'acme/deploy', 'acme/ship'), { text, notes: [] });
  });

  it('leaves a value written with escapes alone (the parser reports it, and reads no use from it)', () => {
    const text = 'jobs:\n  a:\n    steps:\n      - uses: "acme\\/deploy@v1"\n';
    const r = renamed(text, 'acme/deploy', 'acme/ship');
    assert.equal(r.text, text);
    assert.match(actionModule.parse(text, '.github/workflows/ci.yml').problems[0]?.message ?? '', /escape sequences/);
  });

  it('refuses a new name that would change what the YAML says', () => {
    const text = 'jobs:\n  a:\n    steps:\n      - uses: acme/deploy@v1\n';
    for (const to of ['acme/ship # x', 'acme ship', 'acme/ship@v2', '', "it's", '*a']) {
      const r = renamed(text, 'acme/deploy', to);
      assert.equal(r.text, text, to);
      assert.match(r.notes[0] ?? '', /nothing was renamed/, to);
    }
  });

  it('edits nothing in a file it cannot read, and says so', () => {
    const text = 'jobs:\n  a:\n    steps:\n      - uses: acme/deploy@v1\n  b: [\n';
    const r = renamed(text, 'acme/deploy', 'acme/ship');
    assert.equal(r.text, text);
    assert.match(r.notes[0] ?? '', /not renamed: YAML syntax error/);
  });
});
