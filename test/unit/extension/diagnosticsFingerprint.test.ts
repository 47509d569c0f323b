import * as assert from 'node:assert/strict';
import type { Catalog } from '../../../src/core/catalog';
import type { Finding } from '../../../src/core/scan';
import { diagnosticsFingerprint, docsLink } from '../../../src/extension/diagnosticsFingerprint';

const range = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });
const finding: Finding = {
  file: 'a/package.json', range: range(4, 17, 23), ecosystem: 'npm', package: '@acme/ui', constraint: '^2.3.0', resolved: null, resolvedFrom: null,
  component: 'acme-ui', owner: 'web', severity: 'warning', message: '@acme/ui ^2.3.0 is deprecated', reason: 'old', sunset: '2027-01-01',
  recommended: '4.0.0', migration: 'to-4', exception: null,
};
const catalogWith = (docs: string | undefined, guide?: string) =>
  ({ components: [{ id: 'acme-ui', docs, migrations: [{ id: 'to-4', guide }] }, { id: 'acme-ui', docs: 'https://second.example' }] }) as unknown as Catalog;

/**
 * The editor sends a file's diagnostics again only when what they are made of changed: a scan
 * that finds for a file what the workbench shows leaves it alone, and any change a user would see
 * in a diagnostic (place, severity, message, link, related places) makes the file go again.
 */
describe('editor: which files a scan sends to the workbench again', () => {
  const catalog = catalogWith('https://docs.example/ui');
  const same = (a: readonly Finding[], b: readonly Finding[], ca = catalog, cb = catalog) => diagnosticsFingerprint(a, ca) === diagnosticsFingerprint(b, cb);

  it('the same findings, made anew by another scan, are the same diagnostics', () => {
    assert.ok(same([finding, { ...finding, range: range(9, 2, 8) }], [{ ...finding }, { ...finding, range: range(9, 2, 8) }]));
    assert.ok(same([], []));
  });

  it('anything a diagnostic shows, changed, is another diagnostic', () => {
    const changed: Array<[string, Finding[]]> = [
      ['a range', [{ ...finding, range: range(4, 17, 24) }]],
      ['a line', [{ ...finding, range: range(5, 17, 23) }]],
      ['the severity', [{ ...finding, severity: 'error' }]],
      ['the message', [{ ...finding, message: '@acme/ui ^2.3.0 is deprecated!' }]],
      ['the component (its code)', [{ ...finding, component: 'acme-web' }]],
      ['the package', [{ ...finding, package: '@acme/web' }]],
      ['the locked version', [{ ...finding, resolved: '2.3.4' }]],
      ['a lockfile place', [{ ...finding, lockfile: { file: 'package-lock.json', range: range(1, 2, 3) } }]],
      ['a use elsewhere', [{ ...finding, usedBy: [{ file: 'b/pom.xml', range: range(1, 1, 2) }] }]],
      ['one finding more', [finding, finding]],
      ['none', []],
    ];
    for (const [what, findings] of changed) assert.ok(!same([finding], findings), what);
    const two = [finding, { ...finding, range: range(9, 2, 8) }];
    assert.ok(!same(two, [...two].reverse()), 'the order');
    // Texts that would run together if their lengths were not counted.
    assert.ok(!same([{ ...finding, package: 'ab', resolved: 'c' }], [{ ...finding, package: 'a', resolved: 'bc' }]), 'texts moved across fields');
  });

  it('a link the catalog gives in another way is another diagnostic', () => {
    assert.ok(!same([finding], [finding], catalog, catalogWith('https://docs.example/ui2')));
    assert.ok(!same([finding], [finding], catalog, catalogWith('https://docs.example/ui', 'https://docs.example/guide')));
    assert.ok(same([finding], [finding], catalog, catalogWith('https://docs.example/ui')), 'another catalog object that says the same');
  });

  it('links to the migration guide, else the docs, of the first component with the id', () => {
    assert.equal(docsLink(finding, catalogWith('https://docs.example/ui', 'https://docs.example/guide')), 'https://docs.example/guide');
    assert.equal(docsLink(finding, catalogWith('https://docs.example/ui')), 'https://docs.example/ui');
    assert.equal(docsLink({ ...finding, migration: null }, catalogWith(undefined)), undefined);
    assert.equal(docsLink(finding, undefined), undefined);
  });
});
