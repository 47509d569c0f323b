import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bumpConstraint } from '../../../src/core/bump';
import { applyEdits, computeEdits, planMigration, type TextEdit } from '../../../src/core/migrate';
import { parsePackageJson, readPackageJson } from '../../../src/core/ecosystems/npm';
import { LineIndex } from '../../../src/core/positions';
import { component, migration, tempDir } from './helpers';

const RUNS = { seed: 42, numRuns: 200 };
const TO = '4.2.0';

/** Constraints in the styles people write, all below 4.2.0 so every one is bumped. */
const constraint = fc
  .tuple(
    fc.constantFrom('^#', '~#', '#', 'v#', '=#', '>=#', '>=# <@', '$.%.x', '^$', '~$.%', '$', '$.x.x', '>=$.%, <@', '$.*', '^#-beta.1'),
    fc.integer({ min: 0, max: 3 }),
    fc.integer({ min: 0, max: 9 }),
    fc.integer({ min: 0, max: 9 }),
  )
  .map(([shape, major, minor, patch]) =>
    shape.replace('#', `${major}.${minor}.${patch}`).replace('$', String(major)).replace('%', String(minor)).replace('@', String(major + 1)),
  );

/** A package.json in any of the formattings people have: indentation, line ends, BOM, final newline, alias, neighbours. */
const manifest = fc.record({
  constraint,
  section: fc.constantFrom('dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'),
  alias: fc.boolean(),
  before: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), fc.constantFrom('^1.0.0', 'latest', '~2.3.4', 'workspace:*')),
  after: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), fc.constantFrom('^1.0.0', '1.x', 'file:../x')),
  indent: fc.constantFrom('  ', '    ', '\t'),
  eol: fc.constantFrom('\n', '\r\n'),
  bom: fc.boolean(),
  finalNewline: fc.boolean(),
});

describe('migrations (properties)', () => {
  let root: string;
  before(() => {
    root = tempDir('pg-prop-');
    fs.writeFileSync(path.join(root, 'package.json'), '{}');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('a bump, re-parsed, gives the bumped constraint for that dependency and changes no other', () => {
    fc.assert(
      fc.property(manifest, (m) => {
        const key = m.alias ? 'ui-alias' : '@acme/ui';
        const value = m.alias ? `npm:@acme/ui@${m.constraint}` : m.constraint;
        const deps = { ...m.before, [key]: value, ...m.after };
        const json = JSON.stringify({ name: 'p', version: '1.0.0', [m.section]: deps }, null, m.indent);
        const text = (m.bom ? '\uFEFF' : '') + json.replace(/\n/g, m.eol) + (m.finalNewline ? m.eol : '');
        const plan = planMigration({ root, manifest: 'package.json', component: component(), migration: migration(), readText: () => text });
        const after = plan.files[0]?.after ?? text;
        assert.equal(applyEdits(text, plan.files[0]?.edits ?? []), after);

        const parsed = parsePackageJson(after);
        assert.ok(parsed.ok);
        const bumped = parsed.value.dependencies.find((d) => d.key === key && d.section === m.section)!;
        const expected = bumpConstraint(m.constraint, TO);
        assert.notEqual(expected, undefined, `${m.constraint} is a style the bump knows`);
        assert.equal(bumped.constraint, expected);
        const others = (t: string) => (readPackageJson(t) as { value: { dependencies: Array<{ key: string }> } }).value.dependencies.filter((d) => d.key !== key);
        assert.deepEqual(others(after), others(text));
        assert.equal(after.startsWith('\uFEFF'), m.bom, 'the BOM is kept');
        assert.equal(after.split('\r\n').length, text.split('\r\n').length, 'the line ends are kept');
        assert.equal(after.endsWith(m.eol), m.finalNewline);
      }),
      RUNS,
    );
  });

  /** Text with line ends of every kind, surrogate pairs, tabs and the strings the steps look for. */
  const fileText = fc
    .array(fc.constantFrom('a', 'b', ' ', '\t', '\n', '\r\n', '\r', '😀', 'é', '@acme/ui/legacy', 'kind=', '<Button ', '"'), { maxLength: 60 })
    .map((parts) => parts.join(''));

  it('edits change nothing outside their ranges, and give exactly the planned text', () => {
    const step = fc.oneof(
      fc.record({ find: fc.constantFrom('@acme/ui/legacy', 'a', 'b\n', '😀', '\r\n', 'kind='), with: fc.constantFrom('', '@acme/ui', 'X\r\nY', '\t', '😃') }),
      fc.record({ regex: fc.constantFrom('<Button(\\s+)kind=', 'a+', '\\r?\\n', '[😀é]', 'b$'), with: fc.constantFrom('<Button$1variant=', '', 'Z', '\n') }),
    );
    fc.assert(
      fc.property(fileText, step, fc.boolean(), (body, s, bom) => {
        const text = (bom ? '\uFEFF' : '') + body;
        const plan = planMigration({
          root,
          manifest: 'package.json',
          component: component(),
          migration: migration([{ replace: { files: ['package.json'], ...s } }]),
          readText: () => text,
        });
        const expected =
          'find' in s ? body.split(s.find).join(s.with) : body.replace(new RegExp(s.regex, 'g'), s.with);
        const file = plan.files[0];
        assert.equal(file?.after ?? text, (bom ? '\uFEFF' : '') + expected);
        if (!file) return;
        assertUntouchedOutside(text, file.edits, file.after);
      }),
      RUNS,
    );
  });

  it('computeEdits turns any text into any other, with sorted, separate edits that keep CRLFs and surrogate pairs whole', () => {
    fc.assert(
      fc.property(fileText, fileText, (a, b) => {
        const edits = computeEdits(a, b);
        assert.equal(applyEdits(a, edits), b);
        assertUntouchedOutside(a, edits, b);
      }),
      RUNS,
    );
  });
});

/**
 * Walks the original text and the result together: every character outside the edits' ranges is
 * in the result, in order, and each edit's range holds text its newText really changes.
 */
function assertUntouchedOutside(before: string, edits: readonly TextEdit[], after: string): void {
  const bom = before.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = before.slice(bom.length);
  const index = new LineIndex(body);
  const spans = edits.map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText }));
  let last = 0;
  let out = bom.length;
  for (const s of spans) {
    assert.ok(s.start >= last && s.end >= s.start, 'sorted and separate');
    assert.equal(after.slice(out, out + (s.start - last)), body.slice(last, s.start), 'text between edits is unchanged');
    assert.notEqual(body.slice(s.start, s.end), s.newText, 'an edit changes something');
    for (const at of [s.start, s.end]) {
      const prev = body.charCodeAt(at - 1);
      const next = body.charCodeAt(at);
      assert.ok(!(prev === 13 && next === 10), 'no edit boundary inside a CRLF');
      assert.ok(!(prev >= 0xd800 && prev <= 0xdbff && next >= 0xdc00 && next <= 0xdfff), 'no edit boundary inside a surrogate pair');
    }
    out += s.start - last + s.newText.length;
    last = s.end;
  }
  assert.equal(after.slice(out), body.slice(last), 'text after the last edit is unchanged');
  assert.equal(after.slice(0, bom.length), bom);
}
