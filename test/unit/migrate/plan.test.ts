import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { componentHasPackage } from '../../../src/core/componentIndex';
import { applyPlan, migrationTargets, offeredMigrations, planMigration, PlanOutdatedError, unifiedDiff } from '../../../src/core/migrate';
import { component, migration, tempDir, writeTree } from './helpers';

describe('planMigration', () => {
  let root: string;
  beforeEach(() => {
    root = tempDir('pg-plan-');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const manifest = (deps: Record<string, string>) => JSON.stringify({ name: 'app', dependencies: deps }, null, 2) + '\n';
  const plan = (steps: Parameters<typeof migration>[0], extra: Partial<Parameters<typeof planMigration>[0]> = {}) =>
    planMigration({ root, manifest: 'app/package.json', component: component(), migration: migration(steps), ...extra });

  it('matches the component by its package patterns, wildcards included', () => {
    const c = component();
    assert.ok(componentHasPackage(c, 'npm', '@acme/ui'));
    assert.ok(componentHasPackage(c, 'npm', '@acme/ui-theme'));
    assert.ok(!componentHasPackage(c, 'npm', '@acme/uikit'));
    assert.ok(!componentHasPackage(c, 'docker', '@acme/ui'));
  });

  it('refuses globs that are absolute or climb out, and globs into node_modules or .git, and says so', () => {
    writeTree(root, { 'app/package.json': manifest({}), 'secret.ts': 'x', 'app/src/a.ts': 'x' });
    const p = plan([{ replace: { files: ['../secret.ts', '/etc/*', 'C:/x/*', 'src/../../secret.ts', 'node_modules/**', '.git/config', 'src/*.ts'], find: 'x', with: 'y' } }]);
    assert.deepEqual(
      p.skipped.map((s) => s.file + ': ' + s.reason),
      [
        "app/package.json: step 1 (replace): the glob '../secret.ts' reaches outside the folder the migration runs in with '..'; refused",
        "app/package.json: step 1 (replace): the glob '/etc/*' is absolute; globs are relative to the folder the migration runs in; refused",
        "app/package.json: step 1 (replace): the glob 'C:/x/*' is absolute; globs are relative to the folder the migration runs in; refused",
        "app/package.json: step 1 (replace): the glob 'src/../../secret.ts' reaches outside the folder the migration runs in with '..'; refused",
        "app/package.json: step 1 (replace): the glob 'node_modules/**' names node_modules, which is never edited",
        "app/package.json: step 1 (replace): the glob '.git/config' names .git, which is never edited",
      ],
    );
    assert.deepEqual(p.files.map((f) => [f.file, f.after]), [['app/src/a.ts', 'y']], 'the safe glob still runs');
    assert.equal(fs.readFileSync(path.join(root, 'secret.ts'), 'utf8'), 'x');
  });

  it('refuses a manifest path outside the repository or inside node_modules', () => {
    for (const m of ['../elsewhere/package.json', 'node_modules/x/package.json']) {
      const p = planMigration({ root, manifest: m, component: component(), migration: migration() });
      assert.equal(p.files.length, 0);
      assert.match(p.skipped[0]!.reason, /outside the repository|node_modules is never edited/);
    }
  });

  it('plans against an editor’s unsaved text when readText gives it', () => {
    writeTree(root, { 'app/package.json': manifest({ '@acme/ui': '^3.0.0' }), 'app/src/a.ts': 'import "@acme/ui/legacy";\n' });
    const unsaved = manifest({ '@acme/ui': '~3.5.0', react: '^18.0.0' });
    const p = plan([{ replace: { files: ['src/*.ts'], find: '@acme/ui/legacy', with: '@acme/ui' } }], {
      readText: (rel) => (rel === 'app/package.json' ? unsaved : undefined),
    });
    const pkg = p.files.find((f) => f.file === 'app/package.json')!;
    assert.equal(pkg.before, unsaved);
    assert.match(pkg.after, /"@acme\/ui": "~4\.2\.0"/);
    assert.equal(p.files.find((f) => f.file === 'app/src/a.ts')!.after, 'import "@acme/ui";\n');
  });

  it('takes a literal `with` literally and gives a regex its groups', () => {
    writeTree(root, { 'app/package.json': manifest({}), 'app/a.txt': 'kind=1 kind=2', 'app/b.txt': 'x.y x.y' });
    const p = plan([
      { replace: { files: ['a.txt'], regex: 'kind=(\\d)', with: 'variant=$1$$' } },
      { replace: { files: ['b.txt'], find: 'x.y', with: '$1$&' } },
    ]);
    assert.deepEqual(p.files.map((f) => f.after), ['variant=1$ variant=2$', '$1$& $1$&']);
  });

  it('stops a catastrophic regex within about a second, and does not run it on the files after', () => {
    writeTree(root, { 'app/package.json': manifest({}), 'app/1.txt': 'a'.repeat(30) + '!', 'app/2.txt': 'a'.repeat(30) + '!' });
    const t = performance.now();
    const p = plan([{ replace: { files: ['*.txt'], regex: '(a+)+$', with: 'b' } }]);
    const ms = performance.now() - t;
    assert.ok(ms < 2000, `took ${ms} ms`);
    assert.deepEqual(p.skipped.map((s) => s.file), ['app/1.txt', 'app/2.txt']);
    assert.match(p.skipped[0]!.reason, /ran longer than 1000 ms on this file and was stopped/);
    assert.match(p.skipped[1]!.reason, /not run, its regex was stopped on app\/1\.txt/);
  });

  it('keeps a renamed dependency’s place and version, and leaves both keys when the new name is taken', () => {
    writeTree(root, { 'app/package.json': '{\n  "dependencies": {\n    "a": "1",\n    "old": "^2.0.0",\n    "z": "1"\n  },\n  "devDependencies": { "old": "1", "new": "2" }\n}\n' });
    const p = plan([{ rename: { from: 'old', to: 'new' } }]);
    assert.equal(p.files[0]!.after, '{\n  "dependencies": {\n    "a": "1",\n    "new": "^2.0.0",\n    "z": "1"\n  },\n  "devDependencies": { "old": "1", "new": "2" }\n}\n');
    assert.deepEqual(p.skipped.map((s) => s.reason), ['step 1 (rename): devDependencies has both "old" and "new"; "old" was not renamed']);
  });

  it('edits JSON by dotted path, an array index where there is an array, comments kept', () => {
    writeTree(root, {
      'app/package.json': manifest({}),
      'app/tsconfig.json': '{\n  // why\n  "compilerOptions": { "lib": ["es2020", "dom"] },\n  "references": [{ "path": "a" }]\n}\n',
    });
    const p = plan([{ json: { files: ['tsconfig.json'], set: { 'references.0.path': 'b', 'compilerOptions.lib.1': 'dom.iterable' }, remove: ['nothing.here'] } }]);
    assert.equal(p.files[0]!.after, '{\n  // why\n  "compilerOptions": { "lib": ["es2020", "dom.iterable"] },\n  "references": [{ "path": "b" }]\n}\n');
  });

  it('does not enter nested packages: each package gets its own run', () => {
    writeTree(root, {
      'app/package.json': manifest({}),
      'app/src/a.ts': 'x',
      'app/packages/inner/package.json': manifest({}),
      'app/packages/inner/src/a.ts': 'x',
    });
    assert.deepEqual(plan([{ replace: { files: ['**/*.ts'], find: 'x', with: 'y' } }]).files.map((f) => f.file), ['app/src/a.ts']);
  });

  it('says which step first changed the text of each edit, so an editor can group its preview by step', () => {
    writeTree(root, {
      'app/package.json': manifest({ '@acme/ui-legacy': '^3.0.0', '@acme/ui': '^3.1.0' }),
      'app/src/a.tsx': "import { B } from '@acme/ui/legacy';\n\nconst x = <B kind=\"a\" />;\nconst y = '@acme/ui/legacy';\n",
      'app/tsconfig.json': '{ "compilerOptions": { "jsx": "react" } }\n',
    });
    const p = plan([
      { rename: { from: '@acme/ui-legacy', to: '@acme/ui-next' } },
      { replace: { files: ['src/*.tsx'], find: '@acme/ui/legacy', with: '@acme/ui' } },
      { replace: { files: ['src/*.tsx'], regex: '<B kind=', with: '<B variant=' } },
      { replace: { files: ['src/*.tsx'], find: "'@acme/ui'", with: '"@acme/ui"' } },
      { json: { files: ['tsconfig.json'], set: { 'compilerOptions.jsx': 'react-jsx' } } },
    ]);
    const byFile = Object.fromEntries(p.files.map((f) => [f.file, f.edits.map((e, i) => [e.newText, f.stepOf[i]])]));
    assert.deepEqual(byFile, {
      // The bump moved both packages of the component (ui-legacy matches @acme/ui-*), then step 1
      // renamed one on a line the bump had already changed: that one edit counts for the bump.
      'app/package.json': [['next": "^4.2', 0], ['4.2', 0]],
      // Step 4 rewrote what step 2 had made: the edit is counted for step 2, which first changed it.
      'app/src/a.tsx': [['"@acme/ui"', 2], ['variant', 3], ['"@acme/ui"', 2]],
      'app/tsconfig.json': [['-jsx', 5]],
    });
  });

  it('leaves the repository’s exclude globs alone', () => {
    writeTree(root, { 'app/package.json': manifest({}), 'app/src/a.ts': 'x', 'app/src/gen/b.ts': 'x' });
    const p = plan([{ replace: { files: ['src/**/*.ts'], find: 'x', with: 'y' } }], { exclude: ['**/gen/**'] });
    assert.deepEqual(p.files.map((f) => f.file), ['app/src/a.ts']);
  });
});

describe('applyPlan and unifiedDiff', () => {
  let root: string;
  beforeEach(() => {
    root = tempDir('pg-apply-');
    writeTree(root, { 'app/package.json': '{ "dependencies": { "@acme/ui": "^3.0.0" } }\n', 'app/a.ts': 'old\n', 'app/b.ts': 'old\n' });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));
  const plan = () =>
    planMigration({ root, manifest: 'app/package.json', component: component(), migration: migration([{ replace: { files: ['*.ts'], find: 'old', with: 'new' } }]) });

  it('writes every planned file', () => {
    assert.deepEqual(applyPlan(root, plan()).written, ['app/a.ts', 'app/b.ts', 'app/package.json']);
    assert.equal(fs.readFileSync(path.join(root, 'app/b.ts'), 'utf8'), 'new\n');
    assert.match(fs.readFileSync(path.join(root, 'app/package.json'), 'utf8'), /\^4\.2\.0/);
  });

  it('writes nothing when any file changed since it was planned', () => {
    const p = plan();
    fs.writeFileSync(path.join(root, 'app/b.ts'), 'edited meanwhile\n');
    assert.throws(() => applyPlan(root, p), (e: unknown) => e instanceof PlanOutdatedError && /app\/b\.ts changed since the migration was planned; nothing was written/.test(e.message));
    assert.equal(fs.readFileSync(path.join(root, 'app/a.ts'), 'utf8'), 'old\n', 'not even the files that did not change');
  });

  describe('a save that lands between the check and the write', () => {
    const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');
    const leftovers = () => fs.readdirSync(path.join(root, 'app')).filter((n) => n.endsWith('.tmp'));

    it('is kept and reported; the files replaced before it stay written and are listed, the manifest is not bumped', () => {
      const p = plan();
      const seen: string[] = [];
      const save = (file: string) => {
        seen.push(file);
        if (file === 'app/b.ts') fs.writeFileSync(path.join(root, file), 'saved meanwhile\n');
      };
      assert.throws(
        () => applyPlan(root, p, { testHookBeforeReplace: save }),
        (e: unknown) =>
          e instanceof PlanOutdatedError &&
          e.files.join() === 'app/b.ts' &&
          e.written.join() === 'app/a.ts' &&
          e.message === 'app/b.ts changed since the migration was planned and was left as it is; already written: app/a.ts. Plan it again to finish.',
      );
      assert.deepEqual(seen, ['app/a.ts', 'app/b.ts'], 'the manifest comes last and is not reached');
      assert.equal(read('app/b.ts'), 'saved meanwhile\n', 'the late save survives');
      assert.equal(read('app/a.ts'), 'new\n');
      assert.match(read('app/package.json'), /\^3\.0\.0/);
      assert.deepEqual(leftovers(), []);
    });

    it('before any file is replaced: nothing is written', () => {
      const p = plan();
      const save = (file: string) => void (file === 'app/a.ts' && fs.writeFileSync(path.join(root, file), 'saved meanwhile\n'));
      assert.throws(() => applyPlan(root, p, { testHookBeforeReplace: save }), /^PlanOutdatedError: app\/a\.ts changed since the migration was planned; nothing was written\. Plan it again\.$/);
      assert.equal(read('app/a.ts'), 'saved meanwhile\n');
      assert.equal(read('app/b.ts'), 'old\n');
      assert.match(read('app/package.json'), /\^3\.0\.0/);
      assert.deepEqual(leftovers(), []);
    });

    it('a file deleted meanwhile is reported, not created again', () => {
      const p = plan();
      const remove = (file: string) => void (file === 'app/b.ts' && fs.rmSync(path.join(root, file)));
      assert.throws(() => applyPlan(root, p, { testHookBeforeReplace: remove }), (e: unknown) => e instanceof PlanOutdatedError && e.files.join() === 'app/b.ts');
      assert.equal(fs.existsSync(path.join(root, 'app/b.ts')), false);
      assert.deepEqual(leftovers(), []);
    });
  });

  it('keeps each file’s permissions', function () {
    if (process.platform === 'win32') this.skip();
    fs.chmodSync(path.join(root, 'app/a.ts'), 0o755);
    fs.chmodSync(path.join(root, 'app/b.ts'), 0o600);
    applyPlan(root, plan());
    assert.equal(fs.statSync(path.join(root, 'app/a.ts')).mode & 0o777, 0o755);
    assert.equal(fs.statSync(path.join(root, 'app/b.ts')).mode & 0o777, 0o600);
    assert.deepEqual(fs.readdirSync(path.join(root, 'app')).sort(), ['a.ts', 'b.ts', 'package.json']);
  });

  it('refuses a read-only file before writing anything', function () {
    if (process.platform === 'win32') this.skip();
    fs.chmodSync(path.join(root, 'app/b.ts'), 0o444);
    assert.throws(() => applyPlan(root, plan()), /^Error: app\/b\.ts is read-only; nothing was written\. Make it writable to migrate it\.$/);
    assert.equal(fs.readFileSync(path.join(root, 'app/a.ts'), 'utf8'), 'old\n');
    assert.equal(fs.readFileSync(path.join(root, 'app/b.ts'), 'utf8'), 'old\n');
  });

  it('keeps the byte-order mark the file has on disk', () => {
    fs.writeFileSync(path.join(root, 'app/a.ts'), '\uFEFFold\n');
    const p = planMigration({
      root,
      manifest: 'app/package.json',
      component: component(),
      migration: migration([{ replace: { files: ['a.ts'], find: 'old', with: 'new' } }]),
      readText: (rel) => (rel === 'app/a.ts' ? 'old\n' : undefined), // an editor's text has no BOM
    });
    applyPlan(root, p);
    assert.equal(fs.readFileSync(path.join(root, 'app/a.ts'), 'utf8'), '\uFEFFnew\n');
  });

  it('prints a unified diff with a/ and b/ prefixes', () => {
    const diff = unifiedDiff(plan());
    assert.match(diff, /^--- a\/app\/a\.ts\n\+\+\+ b\/app\/a\.ts\n@@ -1,1 \+1,1 @@\n-old\n\+new\n/);
    assert.match(diff, /^-\{ "dependencies": \{ "@acme\/ui": "\^3\.0\.0" \} \}$/m);
    assert.doesNotMatch(diff, /^(Index:|====)/m);
  });
});

describe('migrationTargets', () => {
  const use = (file: string, constraint: string | null, resolved: string | null, comp = 'acme-ui') => ({ file, ecosystem: 'npm' as const, package: '@acme/ui', component: comp, constraint, resolved, resolvedFrom: resolved === null ? null : ('lockfile' as const), severity: null });
  it('compares the pinned version when there is one, else the whole range', () => {
    const uses = [
      use('pinned-in/package.json', '^4.0.0', '3.9.9'),
      use('pinned-out/package.json', '^3.0.0', '4.0.1'),
      use('range-in/package.json', '^3.1.0', null),
      use('range-straddles/package.json', '^3.0.0 || ^4.0.0', null),
      use('unknown/package.json', 'latest', null),
      use('other/package.json', '^1.0.0', null, 'acme-http'),
      use('range-in/package.json', '^2.0.0', null),
    ];
    assert.deepEqual(migrationTargets(uses, component(), migration()), ['pinned-in/package.json', 'range-in/package.json']);
  });
});

describe('offeredMigrations', () => {
  const withMigrations = () => ({ ...component(), migrations: [migration(), { ...migration(), id: 'ui-4-to-5', title: 'Acme UI 4 → 5', from: '>=4.0.0 <5.0.0', to: '5.0.0' }] });
  const trusted = { trusted: true, workspaceDefined: new Set<string>() };

  it('offers the migrations whose `from` holds the pinned version, else the whole range', () => {
    const ids = (use: { constraint: string | null; resolved: string | null }, trust = trusted) => offeredMigrations({ ecosystem: 'npm', ...use }, withMigrations(), trust).map((m) => m.id);
    assert.deepEqual(ids({ constraint: '^3.1.0', resolved: null }), ['ui-3-to-4']);
    assert.deepEqual(ids({ constraint: '^3.1.0', resolved: '4.0.1' }), ['ui-4-to-5'], 'the lockfile pin decides');
    assert.deepEqual(ids({ constraint: '^3.0.0 || ^4.0.0', resolved: null }), [], 'a range that straddles two is in neither');
    assert.deepEqual(ids({ constraint: 'latest', resolved: null }), []);
    assert.deepEqual(ids({ constraint: '^5.0.0', resolved: null }), []);
  });

  it('offers none from a catalog the untrusted repository supplies itself; one from the user’s catalog still is', () => {
    const use = { ecosystem: 'npm' as const, constraint: '^3.1.0', resolved: null };
    assert.deepEqual(offeredMigrations(use, withMigrations(), { trusted: false, workspaceDefined: new Set(['acme-ui']) }), []);
    assert.equal(offeredMigrations(use, withMigrations(), { trusted: true, workspaceDefined: new Set(['acme-ui']) }).length, 1, 'trusted: offered');
    assert.equal(offeredMigrations(use, withMigrations(), { trusted: false, workspaceDefined: new Set(['acme-http']) }).length, 1, 'another component’s catalog');
  });
});
