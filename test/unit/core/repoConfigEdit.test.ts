import * as assert from 'node:assert/strict';
import { parseRepoConfig } from '../../../src/core/catalog/repoConfig';
import { addException, type NewException } from '../../../src/core/repoConfigEdit';

const GRID: NewException = { component: 'acme-grid', until: '2027-01-15', reason: 'Rewrite planned for Q1' };
const GRID_LINES = ['- component: acme-grid', '  until: 2027-01-15', '  reason: Rewrite planned for Q1'];

/** The lines of `GRID` at `indent`, as addException writes them. */
function gridAt(indent: number, eol = '\n'): string {
  return GRID_LINES.map((l) => ' '.repeat(indent) + l + eol).join('');
}

/** `after` is `before` with exactly `inserted` added at one place, every other byte the same. */
function assertOnlyInserted(before: string, after: string, inserted: string): void {
  const at = after.indexOf(inserted);
  assert.ok(at >= 0, `the new lines are missing from:\n${after}`);
  assert.equal(after.slice(0, at) + after.slice(at + inserted.length), before);
}

function parsedExceptions(text: string): unknown[] {
  const { config, problems } = parseRepoConfig('.platform-guide.yaml', text);
  assert.deepEqual(problems, []);
  return config!.exceptions.map(({ source: _source, ...rest }) => rest);
}

describe('addException', () => {
  it('starts a new file when there is none', () => {
    const expected = `schema: platform-guide/v1\nexceptions:\n${gridAt(2)}`;
    assert.equal(addException(undefined, GRID), expected);
    assert.equal(addException('', GRID), expected);
    assert.equal(addException('\n\n', GRID), expected);
    assert.deepEqual(parsedExceptions(expected), [{ ...GRID, paths: [] }]);
  });

  it('writes every field in the spec order, the date plain and the globs on one line', () => {
    const text = addException(undefined, { component: 'acme-ui', versions: '<3.0.0', paths: ['packages/legacy/**'], until: '2026-12-31', reason: 'Blocked', by: 'jane@acme.dev' });
    assert.equal(
      text,
      'schema: platform-guide/v1\nexceptions:\n  - component: acme-ui\n    versions: <3.0.0\n    paths: [packages/legacy/**]\n    until: 2026-12-31\n    reason: Blocked\n    by: jane@acme.dev\n',
    );
  });

  it('appends to an existing list and leaves every other byte alone', () => {
    const before = [
      '# Waivers agreed with the platform teams.',
      'schema: platform-guide/v1',
      '',
      'exclude:',
      '  - "legacy/**"   # old code',
      '',
      'exceptions:',
      '  # The vendor grid blocks this one.',
      '  - component: acme-ui',
      "    versions: '<3.0.0'",
      '    until: 2026-12-31',
      '    reason: Blocked on the vendor grid; JIRA-123  # ask Jane',
      '',
      '# Catalogs kept in this repository.',
      'catalogs: [tools/platform-catalog.yaml]',
      '',
    ].join('\n');
    const after = addException(before, GRID);
    assertOnlyInserted(before, after, gridAt(2));
    // Right after the last item, before the blank line and the comment that belong to the next key.
    assert.ok(after.includes(`# ask Jane\n${gridAt(2)}\n# Catalogs`), after);
    assert.equal(parsedExceptions(after).length, 2);
  });

  it('follows the indentation of the existing list', () => {
    const before = 'schema: platform-guide/v1\nexceptions:\n- component: acme-ui\n  until: 2026-12-31\n  reason: r\n';
    assertOnlyInserted(before, addException(before, GRID), gridAt(0));
  });

  it('adds the `exceptions` key when the file has none', () => {
    const before = 'schema: platform-guide/v1\n# Extra catalogs.\ncatalogs:\n  - tools/catalog.yaml  # local\n';
    const after = addException(before, GRID);
    assert.equal(after, `${before}exceptions:\n${gridAt(2)}`);
    assert.deepEqual(parsedExceptions(after), [{ ...GRID, paths: [] }]);
  });

  it('fills an empty `exceptions:` or `exceptions: []`', () => {
    assert.equal(addException('schema: platform-guide/v1\nexceptions:\nexclude: []\n', GRID), `schema: platform-guide/v1\nexceptions:\n${gridAt(2)}exclude: []\n`);
    assert.equal(addException('schema: platform-guide/v1\nexceptions: []\n', GRID), `schema: platform-guide/v1\nexceptions:\n${gridAt(2)}`);
  });

  it('adds to a file of comments only, keeping them', () => {
    assert.equal(addException('# to do\n', GRID), `# to do\nschema: platform-guide/v1\nexceptions:\n${gridAt(2)}`);
    assert.equal(addException('---\n# to do\n', GRID), `---\n# to do\nschema: platform-guide/v1\nexceptions:\n${gridAt(2)}`);
  });

  it('keeps CRLF line endings', () => {
    const before = 'schema: platform-guide/v1\r\n# waivers\r\nexceptions:\r\n  - component: acme-ui\r\n    until: 2026-12-31\r\n    reason: r\r\n\r\nexclude: []\r\n';
    const after = addException(before, GRID);
    assertOnlyInserted(before, after, gridAt(2, '\r\n'));
    assert.doesNotMatch(after.replace(/\r\n/g, ''), /\n/, 'no bare LF');
    assert.equal(addException('schema: platform-guide/v1\r\n', GRID), `schema: platform-guide/v1\r\nexceptions:\r\n${gridAt(2, '\r\n')}`);
  });

  it('ends the file with a newline when it had none', () => {
    const before = 'schema: platform-guide/v1\nexceptions:\n  - component: acme-ui\n    until: 2026-12-31\n    reason: r';
    assert.equal(addException(before, GRID), `${before}\n${gridAt(2)}`);
  });

  it('quotes a reason only when YAML needs it, and it reads back the same', () => {
    const tricky: NewException = {
      component: 'acme-ui',
      versions: '>=2.0.0 <3.0.0',
      paths: ['packages/legacy/**', '**/old/*', 'a, b'],
      until: '2026-12-31',
      reason: 'Blocked: vendor grid # see JIRA-123, "soon"',
      by: '@jane',
    };
    const text = addException('schema: platform-guide/v1\n', tricky);
    assert.match(text, /\n {4}until: 2026-12-31\n/);
    assert.match(text, /\n {4}reason: 'Blocked: vendor grid # see JIRA-123, "soon"'\n/);
    assert.deepEqual(parsedExceptions(text), [tricky]);
    // A plain reason stays plain.
    assert.match(addException(undefined, GRID), /reason: Rewrite planned for Q1\n/);
  });

  it('keeps a very long reason on one line', () => {
    const reason = 'word '.repeat(40).trim();
    assert.match(addException(undefined, { ...GRID, reason }), new RegExp(`reason: ${reason}\\n$`));
  });

  it('adds to a flow-style file without breaking it', () => {
    const after = addException('{schema: platform-guide/v1, exceptions: [{component: a, until: 2026-01-01, reason: r}]}\n', GRID);
    assert.deepEqual(
      parsedExceptions(after).map((e) => (e as { component: string }).component),
      ['a', 'acme-grid'],
    );
  });

  it('refuses a file that is not valid YAML, saying it must be fixed first', () => {
    for (const text of ['schema: platform-guide/v1\nexceptions: [\n', 'a: 1\na: 2\n', 'key: "unterminated\n']) {
      assert.throws(() => addException(text, GRID), /\.platform-guide\.yaml is not valid YAML \(line \d+, column \d+: .+\); fix it first/);
    }
  });

  it('refuses a file nested too deep to read, saying where (the yaml package would run out of memory)', () => {
    const text = `schema: platform-guide/v1\nexclude: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    assert.throws(() => addException(text, GRID), /\.platform-guide\.yaml nests more than 200 levels deep \(line 2, column 210\); fix it first/);
  });

  it('refuses a file whose shape cannot take an exception', () => {
    assert.throws(() => addException('- a\n- b\n', GRID), /must be a mapping.*fix it first/);
    assert.throws(() => addException('~\n', GRID), /must be a mapping.*fix it first/);
    assert.throws(() => addException('schema: platform-guide/v1\nexceptions: none\n', GRID), /`exceptions` .* must be a list; fix it first/);
  });
});
