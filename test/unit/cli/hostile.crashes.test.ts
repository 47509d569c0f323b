import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCli, runCli, type CliRun } from '../../support/cli';

/**
 * Repositories and catalogs written to break the tool: years 0000–0099, JSON nested thousands of
 * levels deep, globs too large to compile, a replacement that would outgrow the largest string.
 * Each used to end in `internal error` and a stack trace (or a fatal out-of-memory); each must now
 * end normally, saying where the problem is and what to do, and the rest of the scan goes on.
 */

/** Generous for a slow machine, far below a hang. */
const LIMIT_MS = 10_000;
const DEEP = 5_000;

const CATALOG = (component: string) => `schema: platform-guide/v1
teams:
  - id: web
    name: Web
    contact: web@acme.dev
components:
  - id: acme-ui
    name: Acme UI
    owner: web
    packages:
      - npm: "@acme/ui"
${component}`;

describe('hostile repositories: no crash (a real process)', function () {
  let tmp: string;
  before(buildCli);
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-cli-hostile-'))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  function write(rel: string, text: string): string {
    const file = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  }
  const manifest = (name: string, range = '^2.0.0') => JSON.stringify({ name, dependencies: { '@acme/ui': range } }, null, 2) + '\n';
  const run = (args: string[]): CliRun => {
    const r = runCli(args, { cwd: tmp, timeoutMs: LIMIT_MS });
    assert.notEqual(r.status, null, `still running after ${LIMIT_MS} ms`);
    const all = r.stdout + r.stderr;
    assert.doesNotMatch(all, /internal error|\n\s+at .+:\d+:\d+\)?\n|FATAL ERROR/, all.slice(0, 2000));
    return r;
  };
  const check = (...extra: string[]) => run(['check', 'repo', '--catalog', 'catalog.yaml', '--today', '2026-11-21', '--format', 'text', ...extra]);

  describe('dates in years 0000–0099', () => {
    it('a catalog sunset of 0050-01-01 is long past, like any other past date', () => {
      write('catalog.yaml', CATALOG('    lifecycle: deprecated\n    sunset: 0050-01-01\n'));
      write('repo/app/package.json', manifest('app'));
      const r = check();
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stdout, /^app\/package\.json:4:18: error: .*Past its sunset on 0050-01-01\./m);
    });

    it('an exception until 0024-02-29 (a leap day) has expired, and says where it is', () => {
      write('catalog.yaml', CATALOG('    lifecycle: deprecated\n    sunset: 2026-01-31\n'));
      write('repo/.platform-guide.yaml', 'schema: platform-guide/v1\nexceptions:\n  - component: acme-ui\n    until: 0024-02-29\n    reason: Old waiver\n');
      write('repo/app/package.json', manifest('app'));
      const r = run(['check', 'repo', '--catalog', 'catalog.yaml', '--today', '2026-11-21', '--format', 'json']);
      const [finding] = JSON.parse(r.stdout).findings as Array<{ file: string; exception: { expired: boolean; until: string } | null }>;
      assert.equal(finding?.file, 'app/package.json');
      assert.deepEqual({ expired: finding?.exception?.expired, until: finding?.exception?.until }, { expired: true, until: '0024-02-29' });
    });
  });

  describe('JSON nested 5,000 levels deep', () => {
    const deepValue = '['.repeat(DEEP) + ']'.repeat(DEEP);

    it('a 10 KB package.json is an error at the level that is too deep; the other manifests are scanned', () => {
      write('catalog.yaml', CATALOG('    lifecycle: deprecated\n    sunset: 2026-01-31\n'));
      write('repo/deep/package.json', `{\n  "name": "deep",\n  "dependencies": { "@acme/ui": "^2.0.0" },\n  "x": ${deepValue}\n}\n`);
      write('repo/ok/package.json', manifest('ok'));
      const r = check();
      assert.match(r.stderr, /^deep\/package\.json:4:207: warning: This package\.json is nested more than 200 levels deep here, more than Platform Guide reads; flatten it$/m);
      assert.match(r.stdout, /^ok\/package\.json:4:18: error: /m);
    });

    it('a package-lock.json, valid or broken, never stops the scan', () => {
      write('catalog.yaml', CATALOG('    lifecycle: deprecated\n    sunset: 2026-01-31\n'));
      write('repo/a/package.json', manifest('a'));
      write('repo/a/package-lock.json', `{"lockfileVersion": 3, "packages": {"": {}}, "x": ${deepValue}}`);
      write('repo/b/package.json', manifest('b'));
      // Broken: JSON.parse refuses it, and explaining why used to walk it recursively.
      write('repo/b/package-lock.json', `{"lockfileVersion": 3, "x": ${'['.repeat(DEEP)}`);
      const r = check();
      assert.match(r.stdout, /^a\/package\.json:4:18: error: /m);
      assert.match(r.stdout, /^b\/package\.json:4:18: error: /m);
      assert.match(r.stderr, /^b\/package-lock\.json:1:228: warning: This JSON file is nested more than 200 levels deep here.*; flatten it$/m);
    });

    it('a catalog nested that deep is refused at the place, not read', () => {
      write('catalog.yaml', CATALOG(`    description: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n`));
      const r = run(['catalog', 'validate', 'catalog.yaml']);
      assert.equal(r.status, 2);
      assert.match(r.stdout + r.stderr, /catalog\.yaml:12:218: This file is nested more than 200 levels deep here.*; flatten it/);
    });

    it('migrate skips a file its json step cannot read, says where, and edits the rest', () => {
      write('catalog.yaml', CATALOG(migration('      - json: { files: ["*.json"], set: { "compilerOptions.strict": true } }\n')));
      write('repo/app/package.json', manifest('app'));
      write('repo/app/deep.json', `{"x": ${deepValue}}`);
      write('repo/app/tsconfig.json', '{ "compilerOptions": {} }\n');
      const r = run(['migrate', 'repo', '--migration', 'acme-ui/to-3', '--catalog', 'catalog.yaml', '--today', '2026-11-21']);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /skipped app\/deep\.json: step 1 \(json\): it is nested more than 200 levels deep \(at 1:206\); the json step left it alone/);
      assert.match(fs.readFileSync(path.join(tmp, 'repo/app/tsconfig.json'), 'utf8'), /"strict": true/);
    });
  });

  describe('globs too large to compile', () => {
    const huge = 'a'.repeat(70 * 1024);
    const nested = '+('.repeat(DEEP) + 'a' + ')'.repeat(DEEP);

    it('an exclude glob over 64 KiB in .platform-guide.yaml is refused at its place', () => {
      write('catalog.yaml', CATALOG('    lifecycle: deprecated\n    sunset: 2026-01-31\n'));
      write('repo/.platform-guide.yaml', `schema: platform-guide/v1\nexclude:\n  - legacy/**\n  - "${huge}"\n`);
      write('repo/app/package.json', manifest('app'));
      const r = check();
      assert.match(r.stderr, /^repo\/\.platform-guide\.yaml:4:5: `exclude`: the glob 'a{40}…' \(71680 characters\) is longer than 64 KiB; shorten it or split it into several globs/m);
    });

    it('an exception path that compiles to a regular expression too large is refused at its place', () => {
      write('catalog.yaml', CATALOG('    lifecycle: deprecated\n    sunset: 2026-01-31\n'));
      write('repo/.platform-guide.yaml', `schema: platform-guide/v1\nexceptions:\n  - component: acme-ui\n    until: 2030-01-01\n    reason: r\n    paths: ["${'{a,b}'.repeat(12_000)}"]\n`);
      write('repo/app/package.json', manifest('app'));
      const r = check();
      assert.match(r.stderr, /^repo\/\.platform-guide\.yaml:6:13: `paths`: the glob '\{a,b\}.*' \(60000 characters\) cannot be compiled \(Invalid regular expression: .*\); simplify it/m);
    });

    it('package.json workspaces and pnpm-workspace.yaml packages are scan errors at the glob; the scan goes on', () => {
      write('catalog.yaml', CATALOG('    lifecycle: deprecated\n    sunset: 2026-01-31\n'));
      write('repo/package.json', JSON.stringify({ name: 'root', workspaces: ['packages/*', nested] }, null, 2));
      write('repo/package-lock.json', JSON.stringify({ lockfileVersion: 3, packages: { '': {} } }));
      write('repo/pnpm-workspace.yaml', `packages:\n  - "${huge}"\n`);
      write('repo/packages/app/package.json', manifest('app'));
      const r = check();
      assert.match(r.stderr, /^package\.json:5:5: warning: workspaces: the glob '\+\(\+\(.*' \(15001 characters\) nests groups more than 32 levels deep; simplify it$/m);
      assert.match(r.stderr, /^pnpm-workspace\.yaml:2:5: warning: packages: the glob 'a+…' \(71680 characters\) is longer than 64 KiB; shorten it or split it into several globs$/m);
      assert.match(r.stdout, /^packages\/app\/package\.json:4:18: error: /m);
    });

    it("a migration step's files glob is refused by the catalog validator at its place", () => {
      write('catalog.yaml', CATALOG(migration(`      - replace: { files: ["${nested}"], find: a, with: b }\n`)));
      const r = run(['catalog', 'validate', 'catalog.yaml']);
      assert.equal(r.status, 2);
      assert.match(r.stdout + r.stderr, /catalog\.yaml:22:32: `files`: the glob '\+\(.*' \(15001 characters\) nests groups more than 32 levels deep; simplify it/);
    });
  });

  it('a literal replace that would outgrow the largest string skips the file, as for files over 1 MB', () => {
    write('catalog.yaml', CATALOG(migration(`      - replace: { files: ["*.txt"], find: "a", with: "${'b'.repeat(1000)}" }\n`)));
    write('repo/app/package.json', manifest('app'));
    write('repo/app/big.txt', 'a'.repeat(1_000_000));
    write('repo/app/small.txt', 'a\n');
    const r = run(['migrate', 'repo', '--migration', 'acme-ui/to-3', '--catalog', 'catalog.yaml', '--today', '2026-11-21']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /skipped app\/big\.txt: step 1 \(replace\): the result would be larger than 1 MB \(953\.7 MB, 1000000 replacements\); not edited/);
    assert.equal(fs.readFileSync(path.join(tmp, 'repo/app/big.txt'), 'utf8'), 'a'.repeat(1_000_000));
    assert.equal(fs.readFileSync(path.join(tmp, 'repo/app/small.txt'), 'utf8'), `${'b'.repeat(1000)}\n`);
  });
});

/** A deprecation with a migration to 3.0.0 whose steps are `steps`. */
function migration(steps: string): string {
  const indented = steps.replace(/^/gm, '    ').replace(/ +$/, '');
  return `    deprecations:
      - versions: "<3.0.0"
        message: Acme UI 2 is out of support.
        migration: to-3
    migrations:
      - id: to-3
        title: Acme UI 3
        from: "<3.0.0"
        to: 3.0.0
        steps:
${indented}`;
}
