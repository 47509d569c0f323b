import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_CATALOG_BYTES, parseCatalogText } from '../../../src/core/catalog/parse';
import { parseRepoConfig } from '../../../src/core/catalog/repoConfig';
import { LineIndex, comparePositions } from '../../../src/core/positions';
import { assertProblems, y } from './helpers';

describe('parseCatalogText: hostile input', () => {
  it('stops a billion-laughs alias bomb quickly, with an error', () => {
    const lines = ['schema: platform-guide/v1', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    const names = 'abcdefghi';
    for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(',')}]`);
    const started = Date.now();
    const { document, problems } = parseCatalogText('bomb.yaml', lines.join('\n') + '\n');
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
    assert.equal(document, undefined);
    const bomb = problems.find((p) => /aliases expand to more than/.test(p.message));
    assert.ok(bomb, problems.map((p) => p.message).join('\n'));
    assert.equal(bomb.severity, 'error');
    assert.equal(bomb.range.start.line, 5); // the first alias that goes over the budget, in `e: …`
  });

  it('still reads ordinary anchors and aliases', () => {
    const { document, problems } = parseCatalogText('c.yaml', y`
      schema: platform-guide/v1
      teams:
        - id: a
          name: A
          feedback: &fb
            - email: platform@acme.dev
        - id: b
          name: B
          feedback: *fb
    `);
    assert.deepEqual(problems, []);
    assert.deepEqual(document!.teams.map((t) => t.feedback), [[{ kind: 'email', address: 'platform@acme.dev' }], [{ kind: 'email', address: 'platform@acme.dev' }]]);
  });

  it('refuses an alias that would make a cycle', () => {
    assertProblems(parseCatalogText('c.yaml', 'schema: platform-guide/v1\nteams: &t [*t]\n').problems, [['2:12 error', /refers to the node that contains it/]], assert);
  });

  it('reports `!!js/function` and other custom tags at the tag', () => {
    const { problems } = parseCatalogText('c.yaml', 'schema: platform-guide/v1\npolicy: !!js/function "function () { return 90 }"\nteams: !!set { a }\n');
    assertProblems(problems, [
      ['2:9 error', /custom YAML tag `!!js\/function` is not allowed/],
      ['2:23 error', /`policy` must be a mapping/],
      ['3:8 error', /custom YAML tag `!!set` is not allowed/],
      ['3:14 error', /`teams` must be a list/],
    ], assert);
  });

  it('treats `__proto__` and `constructor` as plain keys and never touches prototypes', () => {
    const { document, problems } = parseCatalogText('c.yaml', y`
      schema: platform-guide/v1
      __proto__: { polluted: true }
      constructor: { polluted: true }
      components:
        - id: a
          name: A
          owner: t
          packages: [{ npm: a }]
          migrations:
            - id: m
              title: M
              from: "<2"
              to: 2.0.0
              steps:
                - json: { files: [package.json], set: { __proto__: { polluted: true }, constructor: 1 } }
    `);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
    assertProblems(problems, [['2:1 error', /unknown field `__proto__`/], ['3:1 error', /unknown field `constructor`/]], assert);
    const step = document!.components[0]!.migrations[0]!.steps[0]!;
    assert.equal(step.kind, 'json');
    if (step.kind !== 'json') return;
    assert.deepEqual(Object.keys(step.set), ['__proto__', 'constructor']);
    assert.equal(Object.getPrototypeOf(step.set), null);
    assert.deepEqual(step.set.__proto__, Object.assign(Object.create(null) as object, { polluted: true }));
  });

  it('refuses text over the size cap with one problem', () => {
    const big = 'schema: platform-guide/v1\n' + '#'.repeat(MAX_CATALOG_BYTES) + '\n';
    const { document, problems } = parseCatalogText('big.yaml', big);
    assert.equal(document, undefined);
    assertProblems(problems, [['1:1 error', /big\.yaml is larger than 5 MB/]], assert);
    // Counted in UTF-8 bytes, not in characters.
    const wide = '# ' + 'é'.repeat(MAX_CATALOG_BYTES / 2) + '\n';
    assert.ok(wide.length < MAX_CATALOG_BYTES);
    assertProblems(parseCatalogText('wide.yaml', wide).problems, [['1:1 error', /larger than 5 MB/]], assert);
  });

  it('refuses documents nested absurdly deep without overflowing the stack', () => {
    const deep = 'schema: platform-guide/v1\nteams: ' + '['.repeat(300) + ']'.repeat(300) + '\n';
    const { problems } = parseCatalogText('deep.yaml', deep);
    assert.ok(problems.some((p) => p.severity === 'error' && /nested more than 200 levels/.test(p.message)), problems.map((p) => p.message).join('\n'));
  });

  it('refuses JSON and YAML 5,000 levels deep at the bracket, before a parser recurses or runs out of memory', () => {
    for (const file of ['deep.yaml', 'deep.json']) {
      const text = `{"schema": "platform-guide/v1", "teams": ${'['.repeat(5000)}${']'.repeat(5000)}}\n`;
      const { problems } = parseCatalogText(file, text);
      assert.deepEqual(
        problems.map((p) => [p.range.start.line, p.range.start.character, p.message]),
        [[0, 41 + 199, 'This file is nested more than 200 levels deep here, more than Platform Guide reads; flatten it']],
      );
    }
  });
});

describe('parseCatalogText: properties', () => {
  const yamlish = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          'schema: platform-guide/v1\n', 'teams:\n', 'components:\n', '  - id: a\n', '    name: A\n', '    owner: a\n', '    packages:\n',
          '      - npm: x\n', 'deprecations: [{versions: "<3", message: m, sunset: 2026-02-30}]\n', '- ', ': ', '&a ', '*a ', '!!js/function ',
          '!foo ', '[', ']', '{', '}', ',', '"', "'", '\n', '\r\n', '\r', '  ', '\t', '# c\n', '__proto__: ', '? ', '|\n', '>-\n', '---\n', '...\n',
          '%YAML 1.2\n', '\ufeff', 'é', '😀', '\ud800', 'recommended: 4.x\n', 'regex: "("\n', 'docs: http://x\n', '<<: *a\n',
        ),
        fc.string({ maxLength: 8 }),
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join(''));

  const inside = (text: string, problems: ReturnType<typeof parseCatalogText>['problems']): boolean => {
    const index = new LineIndex(text);
    return problems.every((p) => {
      const { start, end } = p.range;
      const valid = (pos: typeof start): boolean => pos.line >= 0 && pos.character >= 0 && comparePositions(index.positionAt(index.offsetAt(pos)), pos) === 0;
      return valid(start) && valid(end) && comparePositions(start, end) <= 0 && p.message.length > 0;
    });
  };

  it('never throws and keeps every problem range inside the text', () => {
    const prop = fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), yamlish), fc.constantFrom('c.yaml', 'c.json'), (text, file) => {
      const { problems } = parseCatalogText(file, text);
      assert.ok(inside(text, problems), JSON.stringify(problems));
      assert.ok(!problems.some((p) => p.message.startsWith('internal error')), JSON.stringify(problems));
    });
    fc.assert(prop, { seed: 42, numRuns: 300 });
  });
});

describe('parseCatalogText: a file full of problems', () => {
  it('shows the first 1000 problems and says there are more', () => {
    const { problems } = parseCatalogText('c.yaml', 'schema: platform-guide/v1\n' + 'x: 1\n'.repeat(1500));
    assert.equal(problems.length, 1001);
    assert.match(problems[1000]!.message, /more than 1000 problems; fix these first/);
  });
});

describe('parseCatalogText: a file that is not a catalog', () => {
  // A catalog path can name any file (a `.npmrc`, a `.env`): its text may be a secret, and none
  // of it may end up in a message, a log or a CI transcript.
  const SECRET = 'npm_s3cretT0kenValue';
  const files: readonly [string, string][] = [
    ['.npmrc', `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${SECRET}\n`],
    ['.env', `TOKEN=${SECRET}\n`],
    ['one line', SECRET],
    ['a block scalar header', `a: |${SECRET}\n  b\n`],
    ['a broken flow list', `[${SECRET}\n`],
  ];
  for (const [name, text] of files) {
    it(`says so without quoting it: ${name}`, () => {
      for (const parse of [parseCatalogText, (f: string, t: string) => parseRepoConfig(f, t)]) {
        const { problems } = parse('c.yaml', text);
        assert.ok(problems.length > 0);
        for (const p of problems) assert.ok(!p.message.includes(SECRET.slice(0, 8)), p.message);
      }
    });
  }

  it('names what the whole file is instead', () => {
    assert.deepEqual(parseCatalogText('c.yaml', `TOKEN=${SECRET}\n`).problems.map((p) => p.message), ['the catalog must be a mapping (key: value), not plain text; is this file really a catalog?']);
    assert.deepEqual(parseRepoConfig('c.yaml', '- a\n').problems.map((p) => p.message), ['the repository file must be a mapping (key: value), not a list; is this file really a repository file?']);
  });
});
