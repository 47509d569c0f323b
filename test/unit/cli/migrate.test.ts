import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyPatch, parsePatch } from 'diff';
import { buildCli, ROOT, runCli } from '../../support/cli';

const EXAMPLE = path.join(ROOT, 'examples', 'workspace');
const CATALOG = path.join(ROOT, 'examples', 'platform-catalog.yaml');
const GOLDEN = path.join(ROOT, 'test', 'golden', 'example-migrate.diff');
const ARGS = ['--migration', 'acme-ui/ui-3-to-4', '--catalog', CATALOG, '--today', '2026-11-21'];

/** Every file under `dir` with the hash of its bytes. */
function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const p = path.join(e.parentPath, e.name);
    out[path.relative(dir, p)] = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
  }
  return out;
}

describe('platform-guide migrate (a real process)', function () {
  let tmp: string;
  let copy: string;
  before(buildCli);
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-cli-migrate-'));
    copy = path.join(tmp, 'workspace');
    fs.cpSync(EXAMPLE, copy, { recursive: true });
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('--dry-run prints a unified diff (the golden one), a summary on stderr, and changes nothing', () => {
    const before = hashes(copy);
    const r = runCli(['migrate', copy, ...ARGS, '--dry-run']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(hashes(copy), before);
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(GOLDEN, r.stdout);
    assert.equal(r.stdout, fs.readFileSync(GOLDEN, 'utf8'));
    assert.match(r.stdout, /^--- a\/apps\/admin\/package\.json\n\+\+\+ b\/apps\/admin\/package\.json\n@@ /);
    assert.equal(
      r.stderr,
      [
        'apps/admin/package.json: 4 changes in 3 files',
        '  changed apps/admin/package.json: 1 change',
        '  changed apps/admin/src/Dashboard.tsx: 2 changes',
        '  changed apps/admin/tsconfig.json: 1 change',
        '  skipped apps/admin/package.json: bump to 4.2.0: dependencies "@acme/ui-theme": "latest" names no version to bump; left as written',
        'apps/web/package.json: 7 changes in 4 files',
        '  changed apps/web/package.json: 2 changes',
        '  changed apps/web/src/App.tsx: 3 changes',
        '  changed apps/web/src/theme.ts: 1 change',
        '  changed apps/web/tsconfig.json: 1 change',
        'acme-ui/ui-3-to-4 (Acme UI 3 → 4): would make 11 changes in 7 files for 2 manifests, 1 skipped; dry run, nothing was written.',
        'Guide: https://docs.acme.dev/ui/migrate-4',
        '',
      ].join('\n'),
    );
  });

  it('writes the changes of the dry run, and then has nothing left to do', () => {
    // The dry run's diff, applied to a second copy, must give the tree the real run writes.
    const second = path.join(tmp, 'second');
    fs.cpSync(EXAMPLE, second, { recursive: true });
    for (const patch of parsePatch(runCli(['migrate', second, ...ARGS, '--dry-run']).stdout)) {
      const file = path.join(second, patch.oldFileName!.replace(/^a\//, ''));
      const patched = applyPatch(fs.readFileSync(file, 'utf8'), patch);
      assert.equal(typeof patched, 'string', `${file} takes the patch`);
      fs.writeFileSync(file, patched as string);
    }

    const r = runCli(['migrate', copy, ...ARGS]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^acme-ui\/ui-3-to-4 \(Acme UI 3 → 4\): made 11 changes in 7 files for 2 manifests, 1 skipped\. Run your package manager so the lockfile follows\.$/m);
    const read = (rel: string) => fs.readFileSync(path.join(copy, rel), 'utf8');
    assert.match(read('apps/web/package.json'), /"@acme\/ui": "\^4\.2\.0",[\s\S]*"ui-next": "npm:@acme\/ui@\^4\.2\.0"/);
    assert.match(read('apps/admin/package.json'), /"@acme\/ui": "\^4\.2\.0",\n    "@acme\/ui-theme": "latest"/);
    assert.doesNotMatch(read('apps/web/src/App.tsx'), /legacy|kind=/);
    assert.match(read('apps/web/src/App.tsx'), /<Button\n        variant="secondary"/);
    assert.equal(read('apps/admin/src/Dashboard.tsx').includes('<Button variant="danger">'), true);
    assert.match(read('apps/web/tsconfig.json'), /"jsx": "react-jsx"/);
    assert.doesNotMatch(read('apps/admin/tsconfig.json'), /suppressImplicitAnyIndexErrors/);
    assert.equal(read('packages/dashboard/package.json'), fs.readFileSync(path.join(EXAMPLE, 'packages/dashboard/package.json'), 'utf8'), 'already on 4');
    assert.deepEqual(hashes(copy), hashes(second));

    const again = runCli(['migrate', copy, ...ARGS]);
    assert.equal(again.status, 1, 'nothing left in the range');
  });

  it('exits 1 when no manifest is in the migration’s range', () => {
    const r = runCli(['migrate', path.join(copy, 'packages', 'dashboard'), ...ARGS]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^No manifest uses acme-ui in <4\.0\.0, the versions "Acme UI 3 → 4" applies to; nothing to migrate\.$/m);
  });

  describe('usage errors exit 2 and say what to do', () => {
    const cases: Array<[string, string[], RegExp]> = [
      ['an unknown migration', ['--migration', 'acme-ui/ui-9', '--catalog', CATALOG], /component 'acme-ui' has no migration 'ui-9'; its migrations: ui-3-to-4/],
      ['an unknown component', ['--migration', 'acme-nope/x', '--catalog', CATALOG], /no component 'acme-nope' in the catalogs; known migrations: acme-ui\/ui-3-to-4/],
      ['no --migration', ['--catalog', CATALOG], /migrate needs --migration COMPONENT\/ID/],
      ['a --migration without a slash', ['--migration', 'acme-ui', '--catalog', CATALOG], /--migration takes COMPONENT\/ID, not 'acme-ui'/],
      ['no catalog', ['--migration', 'acme-ui/ui-3-to-4'], /no catalog: name one with --catalog/],
    ];
    for (const [name, args, message] of cases) {
      it(name, () => {
        const before = hashes(copy);
        const r = runCli(['migrate', copy, ...args]);
        assert.equal(r.status, 2, r.stdout + r.stderr);
        assert.match(r.stderr, message);
        assert.deepEqual(hashes(copy), before);
      });
    }
  });
});
