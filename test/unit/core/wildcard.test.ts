import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ComponentIndex } from '../../../src/core/componentIndex';
import { claimConflicts } from '../../../src/core/catalog/claims';
import { mergeCatalogs } from '../../../src/core/catalog/merge';
import type { Component } from '../../../src/core/catalog/model';
import { parseCatalogText } from '../../../src/core/catalog/parse';
import { matchWildcard, wildcardsIntersect } from '../../../src/core/wildcard';
import { y } from '../catalog/helpers';

/** What `*` means, written the slow, obvious way (only ever run on short texts). */
function reference(pattern: string, name: string): boolean {
  const body = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('[^]*');
  return new RegExp(`^${body}$`).test(name);
}

describe('catalog package patterns (`*`)', () => {
  const cases: Array<[string, string, boolean]> = [
    ['@acme/ui-*', '@acme/ui-button', true],
    ['@acme/ui-*', '@acme/ui-', true],
    ['@acme/ui-*', '@acme/ui', false],
    ['@acme/*-sdk', '@acme/pay-sdk', true],
    ['@acme/*-sdk', '@acme/pay-sdk-2', false],
    ['*', '', true],
    ['a*b*c', 'aXbYbZc', true],
    ['a*b*c', 'aXcYb', false],
    ['@acme/ui.*', '@acme/uiX', false],
  ];
  for (const [pattern, name, expected] of cases) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${name || '(empty)'}`, () => assert.equal(matchWildcard(pattern, name), expected));
  }

  it('agrees with the regular-expression reading on arbitrary patterns and names', () => {
    const text = fc.array(fc.constantFrom('a', 'b', '*', '.', '/'), { maxLength: 8 }).map((p) => p.join(''));
    fc.assert(fc.property(text, text.map((t) => t.replace(/\*/g, '')), (pattern, name) => assert.equal(matchWildcard(pattern, name), reference(pattern, name))), { seed: 7, numRuns: 2000 });
  });

  it('matches a hostile pattern in linear time (a backtracking RegExp runs for minutes)', () => {
    const pattern = '@acme/*a*a*a*a*a*a*a*a*a*a*a*a*b';
    const started = Date.now();
    for (let i = 0; i < 100; i++) assert.equal(matchWildcard(pattern, '@acme/' + 'a'.repeat(40)), false);
    assert.equal(matchWildcard(pattern, '@acme/' + 'a'.repeat(10_000) + 'b'), true);
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  });

  it('finds whether two patterns share a name, like a search over every short name', () => {
    const pattern = fc.array(fc.constantFrom('a', 'b', '*'), { maxLength: 4 }).map((p) => p.join(''));
    // A shared name, if any, needs at most the literals of both patterns: 8 letters.
    const names = [''];
    for (let len = 1; len <= 8; len++) for (let i = 0; i < 2 ** len; i++) names.push(i.toString(2).padStart(len, '0').replace(/0/g, 'a').replace(/1/g, 'b'));
    fc.assert(fc.property(pattern, pattern, (a, b) => assert.equal(wildcardsIntersect(a, b), names.some((n) => reference(a, n) && reference(b, n)), `${a} ∩ ${b}`)), { seed: 7, numRuns: 400 });
  });
});

describe('which component owns a package: the first claim wins', () => {
  const catalog = (file: string, text: string) => parseCatalogText(file, text).document!;
  const ORG = y`
    schema: platform-guide/v1
    teams:
      - { id: web, name: Web }
    components:
      - id: org-all
        name: Everything
        owner: web
        packages:
          - npm: "@acme/*"
      - id: org-ui
        name: UI
        owner: web
        packages:
          - npm: "@acme/ui"
  `;
  const LOCAL = y`
    schema: platform-guide/v1
    teams:
      - { id: mine, name: Mine }
    components:
      - id: mine-ui
        name: Mine
        owner: mine
        packages:
          - npm: "@acme/ui"
          - npm: "@acme/u*"
          - npm: "@other/x"
  `;
  const { catalog: merged, problems } = mergeCatalogs([catalog('org.yaml', ORG), catalog('local.yaml', LOCAL)]);
  const index = new ComponentIndex(merged);

  it("an earlier wildcard keeps a name listed exactly later, in its own catalog or a later one", () => assert.equal(index.lookup('npm', '@acme/ui')?.id, 'org-all'));
  it("a later catalog's wildcard gets nothing an earlier one claims", () => assert.equal(index.lookup('npm', '@acme/uikit')?.id, 'org-all'));
  it('an unclaimed name still goes to the later catalog', () => assert.equal(index.lookup('npm', '@other/x')?.id, 'mine-ui'));

  it('gives the same answer when asked again, also past the bound of the answers it keeps', () => {
    const names = ['@acme/ui', '@acme/uikit', '@other/x', '@other/y', 'left-pad'];
    const first = names.map((n) => index.lookup('npm', n)?.id ?? null);
    assert.deepEqual(first, ['org-all', 'org-all', 'mine-ui', null, null]);
    // Many other names, as an editor session's buffers may write, clear the kept answers once.
    for (let i = 0; i < 120_000; i++) index.lookup('npm', `pkg-${i}`);
    assert.deepEqual(names.map((n) => index.lookup('npm', n)?.id ?? null), first);
    assert.deepEqual(names.map((n) => index.lookup('npm', n)?.id ?? null), first);
    assert.equal(index.lookup('docker', '@acme/ui'), undefined, 'answers are kept per ecosystem');
  });

  it('reports every losing claim as a warning that names both places', () => {
    const shown = problems.map((p) => `${p.file}:${p.range.start.line + 1}:${p.range.start.character + 1} ${p.severity} ${p.message}`);
    assert.deepEqual(shown.map((s) => s.split(' ').slice(0, 2).join(' ')), ['org.yaml:14:9 warning', 'local.yaml:9:9 warning', 'local.yaml:10:9 warning'], shown.join('\n'));
    assert.match(shown[0]!, /package `@acme\/ui` \(npm\) is already claimed by component `org-all` \(`@acme\/\*` at org\.yaml:9:9\); the first claim wins, so `org-ui` does not get it/);
    assert.match(shown[1]!, /`@acme\/ui` .* component `org-all` \(`@acme\/\*` at org\.yaml:9:9\)/);
    assert.match(shown[2]!, /`@acme\/u\*` \(npm\) also matches packages already claimed by component `org-all` \(`@acme\/\*` at org\.yaml:9:9\)/);
  });

  it('compares a claim only with claims under an agreeing prefix: 6,000 packages in a few seconds at most (every pair took minutes)', () => {
    const source = { file: 'c.yaml', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
    const catalog = (names: (i: number) => string[]): Component[] =>
      Array.from({ length: 3000 }, (_, i) => ({ id: `c${i}`, packages: names(i).map((pattern) => ({ ecosystem: 'npm', pattern, source })) }) as unknown as Component);
    const started = Date.now();
    assert.deepEqual(claimConflicts(catalog((i) => [`@scope${i}/name-*`, `@scope${i}/exact-name`])), []);
    assert.deepEqual(claimConflicts(catalog((i) => [`@acme/p${i}-*`, `@acme/p${i}`])), []);
    assert.equal(claimConflicts(catalog((i) => ['@acme/*', `@acme/x${i}`])).length, 2 * 3000 - 2);
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  });
});
