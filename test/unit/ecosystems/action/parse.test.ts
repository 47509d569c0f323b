import * as assert from 'node:assert/strict';
import { actionModule } from '../../../../src/core/ecosystems/action';
import { assertFilesAgree, seen } from '../helpers';

const SHA = '8e5e7e5ab8b370d6c329ec480221332ada57f0ab';
const WF = '.github/workflows/ci.yml';

/** A workflow with one job whose steps are the given lines (each a step's mapping, already indented). */
function workflow(...steps: string[]): string {
  return `on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n${steps.map((s) => `      ${s}\n`).join('')}`;
}

/** The single use read from one step line. */
function one(step: string): ReturnType<typeof seen>[number] | undefined {
  const uses = seen(actionModule, workflow(step), WF);
  assert.ok(uses.length <= 1, JSON.stringify(uses));
  return uses[0];
}

describe('ecosystems/action: files', () => {
  const table: Array<[string, boolean]> = [
    ['.github/workflows/ci.yml', true],
    ['.github/workflows/release.yaml', true],
    ['services/api/.github/workflows/x.yml', true],
    ['a/b/c/.github/workflows/deploy.yaml', true],
    ['action.yml', true],
    ['action.yaml', true],
    ['.github/actions/setup/action.yml', true],
    ['tools/deploy/cleanup/action.yaml', true],
    ['.github/workflows/sub/ci.yml', false],
    ['.github/workflows/README.md', false],
    ['.github/workflows/ci.yml.bak', false],
    ['.github/dependabot.yml', false],
    ['github/workflows/ci.yml', false],
    ['my-action.yml', false],
    ['action.yml/readme.md', false],
    ['.gitlab-ci.yml', false],
  ];
  for (const [path, wanted] of table) {
    it(`${wanted ? 'reads' : 'skips'} ${path}`, () => assert.equal(actionModule.wants(path), wanted));
  }
  it('says the same with its globs as with wants', () => assertFilesAgree(actionModule, table.map(([p]) => p)));
});

describe('ecosystems/action: uses of steps', () => {
  const table: Array<[string, string, { name: string; constraint: string | null; resolved?: string; range: string } | undefined]> = [
    ['a tag', '- uses: actions/checkout@v4', { name: 'actions/checkout', constraint: 'v4', range: 'v4' }],
    ['an exact version', '- uses: actions/setup-node@v4.1.1', { name: 'actions/setup-node', constraint: 'v4.1.1', range: 'v4.1.1' }],
    ['a version without v', '- uses: acme/deploy@1.4.0', { name: 'acme/deploy', constraint: '1.4.0', range: '1.4.0' }],
    ['a path inside the repository', '- uses: acme/deploy/cleanup@v2', { name: 'acme/deploy/cleanup', constraint: 'v2', range: 'v2' }],
    ['a branch', '- uses: acme/deploy@main', { name: 'acme/deploy', constraint: 'main', range: 'main' }],
    ['a double-quoted value', '- uses: "actions/checkout@v4"', { name: 'actions/checkout', constraint: 'v4', range: 'v4' }],
    ['a single-quoted value', "- uses: 'actions/checkout@v4'", { name: 'actions/checkout', constraint: 'v4', range: 'v4' }],
    ['a flow mapping', '- { name: Checkout, uses: actions/checkout@v3 }', { name: 'actions/checkout', constraint: 'v3', range: 'v3' }],
    ['a folded scalar', '- uses: >-\n          actions/cache@v4', { name: 'actions/cache', constraint: 'v4', range: 'v4' }],
    ['an expression as ref', '- uses: acme/deploy@${{ inputs.ref }}', { name: 'acme/deploy', constraint: '${{ inputs.ref }}', range: '${{ inputs.ref }}' }],
    ['no ref at all', '- uses: acme/deploy', { name: 'acme/deploy', constraint: null, range: 'acme/deploy' }],
    ['an empty ref', '- uses: acme/deploy@', { name: 'acme/deploy', constraint: null, range: 'acme/deploy' }],
    ['a local action', '- uses: ./.github/actions/setup', undefined],
    ['a local action one folder up', '- uses: ../shared/setup', undefined],
    ['the repository itself', '- uses: ./', undefined],
    ['a docker image', '- uses: docker://alpine:3.20', undefined],
    ['a quoted docker image', '- uses: "docker://ghcr.io/acme/tool@sha256:abc"', undefined],
    ['a run step', '- run: "echo uses: acme/x@v1"', undefined],
    ['an empty uses', '- uses:', undefined],
    ['a uses that is a list', '- uses: [acme/x@v1]', undefined],
    ['a step that is a string', '- actions/checkout@v4', undefined],
  ];
  for (const [what, step, expected] of table) {
    it(`reads ${what}`, () => {
      const use = one(step);
      if (expected === undefined) return assert.equal(use, undefined);
      assert.ok(use);
      assert.deepEqual({ name: use.name, constraint: use.constraint, resolved: use.resolved, range: use.range }, { resolved: undefined, ...expected });
      assert.equal(use.nameText, expected.name);
      assert.equal(use.section, 'jobs.build.steps');
    });
  }
});

describe('ecosystems/action: SHA pins and their version comments', () => {
  const table: Array<[string, string | undefined]> = [
    [`- uses: actions/checkout@${SHA}  # v4.1.1`, 'v4.1.1'],
    [`- uses: actions/checkout@${SHA} #v4.1.1`, 'v4.1.1'],
    [`- uses: actions/checkout@${SHA} # tag=v4.1.1`, 'v4.1.1'],
    [`- uses: actions/checkout@${SHA} # pin@v4.1.1`, 'v4.1.1'],
    [`- uses: actions/checkout@${SHA} # renovate: tag=v4.1.1`, 'v4.1.1'],
    [`- uses: actions/checkout@${SHA} # ratchet:actions/checkout@v4.1.1`, 'v4.1.1'],
    [`- uses: actions/checkout@${SHA} # 4.1.1`, '4.1.1'],
    [`- uses: actions/checkout@${SHA} # v4`, 'v4'],
    [`- uses: actions/checkout@${SHA} # v4.1.1 (2024-01-10)`, 'v4.1.1'],
    [`- uses: "actions/checkout@${SHA}" # v4.1.1`, 'v4.1.1'],
    [`- { uses: actions/checkout@${SHA} } # v4.1.1`, 'v4.1.1'],
    [`- uses: actions/checkout@${SHA}`, undefined],
    [`- uses: actions/checkout@${SHA} # main`, undefined],
    [`- uses: actions/checkout@${SHA} # see v4.1.1 notes`, undefined],
    [`- uses: actions/checkout@${SHA}#v4.1.1`, undefined],
    [`- uses: actions/checkout@v4 # v4.1.1`, undefined],
    [`- uses: actions/checkout@${SHA.slice(0, 7)} # v4.1.1`, undefined],
  ];
  for (const [step, resolved] of table) {
    it(`${step.slice(33)} → ${resolved ?? 'no resolved version'}`, () => {
      const use = one(step);
      assert.ok(use);
      assert.equal(use.name, 'actions/checkout');
      assert.equal(use.resolved, resolved);
      // The version text stays the ref as written; its range spans it.
      assert.equal(use.range, use.constraint);
    });
  }

  it('reads the comment of the same line only', () => {
    const use = one(`- uses: actions/checkout@${SHA}\n        # v4.1.1`);
    assert.equal(use?.resolved, undefined);
  });
});

describe('ecosystems/action: jobs, composite actions, layout', () => {
  it('reads reusable workflows called by a job, with their path', () => {
    const text = 'on: push\njobs:\n  release:\n    uses: acme/ci/.github/workflows/build.yml@v2\n    secrets: inherit\n  local:\n    uses: ./.github/workflows/local.yml\n';
    assert.deepEqual(seen(actionModule, text, WF).map((u) => [u.section, u.name, u.range]), [['jobs.release', 'acme/ci/.github/workflows/build.yml', 'v2']]);
  });

  it('reads the steps of every job, in the order of the text', () => {
    const text = 'jobs:\n  a:\n    steps:\n      - uses: acme/one@v1\n  b:\n    steps:\n      - uses: acme/two@v2\n      - uses: acme/three@v3\n';
    assert.deepEqual(seen(actionModule, text, WF).map((u) => [u.section, u.name, u.line]), [['jobs.a.steps', 'acme/one', 3], ['jobs.b.steps', 'acme/two', 6], ['jobs.b.steps', 'acme/three', 7]]);
  });

  it("reads a composite action's runs.steps", () => {
    const text = 'name: Setup\nruns:\n  using: composite\n  steps:\n    - uses: actions/setup-go@v5\n    - run: make\n      shell: bash\n    - uses: ./local\n';
    assert.deepEqual(seen(actionModule, text, 'tools/setup/action.yml').map((u) => [u.section, u.name, u.range]), [['runs.steps', 'actions/setup-go', 'v5']]);
  });

  it('reads nothing from a docker or node action', () => {
    const text = "name: Tool\nruns:\n  using: docker\n  image: docker://acme/tool:1.2\n---\nruns:\n  using: node20\n  main: dist/index.js\n";
    assert.deepEqual(seen(actionModule, text, 'action.yml'), []);
  });

  it('reads a step shared through an anchor once, at its definition', () => {
    const text = 'jobs:\n  a:\n    steps:\n      - &checkout\n        uses: actions/checkout@v3\n  b:\n    steps:\n      - *checkout\n      - uses: &setup actions/setup-node@v4\n  c:\n    steps:\n      - uses: *setup\n';
    assert.deepEqual(seen(actionModule, text, WF).map((u) => [u.name, u.line, u.range]), [['actions/checkout', 4, 'v3'], ['actions/setup-node', 8, 'v4']]);
  });

  it('reads Windows line ends and a byte order mark', () => {
    const text = '\ufeffjobs:\r\n  a:\r\n    steps:\r\n      - uses: actions/checkout@' + SHA + ' # v4.1.1\r\n      - uses: "acme/x@v2"\r\n';
    assert.deepEqual(seen(actionModule, text, WF).map((u) => [u.name, u.range, u.resolved, u.line]), [['actions/checkout', SHA, 'v4.1.1', 3], ['acme/x', 'v2', undefined, 4]]);
  });

  it('reports a value written over two lines where it is, and reads no use from it', () => {
    const text = workflow('- uses: acme/deploy\n          @v2');
    const parsed = actionModule.parse(text, WF);
    assert.deepEqual(parsed.uses, []);
    assert.equal(parsed.problems.length, 1);
    assert.match(parsed.problems[0]!.message, /written over several lines or with escape sequences; write it on one line/);
    assert.deepEqual([parsed.problems[0]!.range.start.line, parsed.problems[0]!.range.end.line], [5, 6]);
  });

  it('locates a use that is no longer in the text at the start, keeping the order', () => {
    const text = workflow('- uses: acme/a@v1', '- uses: acme/b@v2');
    const [a, b] = actionModule.parse(text, WF).uses;
    const gone = { ...a!, name: 'acme/gone' };
    const located = actionModule.locate(text, WF, [gone, b!]);
    assert.deepEqual(located.map((l) => [l.name, l.range.start.line, l.range.start.character, l.range.end.character]), [['acme/gone', 0, 0, 0], ['acme/b', 6, 21, 23]]);
  });

  it('keeps an unusual spelling of the name as written', () => {
    const use = one('- uses: Actions/Checkout@v4');
    assert.equal(use?.name, 'Actions/Checkout');
    assert.equal(actionModule.normaliseName('Actions/Checkout'), 'actions/checkout');
  });

  it('reads nothing, and says nothing, from files with no jobs or steps', () => {
    for (const text of ['', '# only a comment\n', 'on: push\n', 'jobs:\n', 'jobs: []\n', 'jobs:\n  a: 3\n', 'jobs:\n  a:\n    steps: {}\n', '- a\n- b\n', 'just text']) {
      assert.deepEqual(actionModule.parse(text, WF), { uses: [], problems: [] }, JSON.stringify(text));
    }
  });
});

describe('ecosystems/action: bad YAML', () => {
  const table: Array<[string, string, number]> = [
    ['a tab indentation', 'jobs:\n  a:\n\tsteps: []\n', 2],
    ['an unclosed flow mapping', 'jobs:\n  a:\n    steps:\n      - { uses: actions/checkout@v4\n', 4],
    ['an unclosed quote', 'jobs:\n  a:\n    steps:\n      - uses: "actions/checkout@v4\n', 4],
    ['an alias with no anchor', 'jobs:\n  a:\n    steps: *missing\n', 2],
  ];
  for (const [what, text, line] of table) {
    it(`reports ${what} with its place, and reads no use`, () => {
      const { uses, problems } = actionModule.parse(text, WF);
      assert.deepEqual(uses, []);
      assert.ok(problems.length > 0);
      const p = problems[0]!;
      assert.match(p.message, /YAML syntax error in \.github\/workflows\/ci\.yml|alias `\*missing` has no anchor/);
      assert.ok(p.range.start.line <= line && p.range.start.line >= line - 2, `${what}: line ${p.range.start.line}`);
    });
  }

  it('reads an alias bomb quickly, once per definition', () => {
    let text = 'x0: &a0 [acme]\n';
    for (let i = 1; i < 30; i++) text += `x${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}]\n`;
    text += 'jobs:\n  a:\n    steps: &s\n      - uses: acme/x@v1\n';
    for (let i = 0; i < 200; i++) text += `  j${i}:\n    steps: *s\n`;
    const started = Date.now();
    assert.deepEqual(seen(actionModule, text, WF).map((u) => u.name), ['acme/x']);
    assert.ok(Date.now() - started < 2000);
  });

  it('refuses nesting deeper than any workflow, before the parser could take the process down', () => {
    // A parser stack overflow at this depth can end in V8 aborting the process instead of throwing.
    for (const n of [1000, 10000, 100000]) {
      const { uses, problems } = actionModule.parse(`jobs:\n  a: ${'['.repeat(n)}${']'.repeat(n)}\n`, WF);
      assert.deepEqual(uses, []);
      assert.deepEqual(problems.map((p) => [p.message, p.range.start.line, p.range.start.character]), [
        ['.github/workflows/ci.yml nests brackets more than 200 deep; no CI file needs that, so it was not read', 1, 205],
      ]);
    }
    const indented = 'jobs:\n' + Array.from({ length: 300 }, (_, i) => `${' '.repeat(2 * i + 2)}k${i}:`).join('\n') + '\n';
    assert.match(actionModule.parse(indented, WF).problems[0]!.message, /indents a line more than 400 columns/);
  });

  it('reports a file too large to be a workflow instead of reading it', () => {
    const { uses, problems } = actionModule.parse('#'.repeat(5_000_001), WF);
    assert.deepEqual(uses, []);
    assert.match(problems[0]!.message, /larger than/);
  });
});
