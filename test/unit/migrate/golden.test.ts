import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, applyPlan, planMigration, type MigrationPlan, type Skipped } from '../../../src/core/migrate';
import { assertSameTree, FIXTURES, loadMigration, tempDir } from './helpers';

/**
 * Golden cases: test/fixtures/migrate/<case>/input is copied to a temporary folder, the case's
 * migration is planned and applied, and the tree must equal <case>/expected byte for byte, with
 * exactly the skipped entries of <case>/skipped.json. A case may name several manifests (a Dockerfile
 * and the compose file beside it), migrated in turn. `UPDATE_GOLDEN=1` rewrites both (review the diff).
 * What git cannot hold (symbolic links, node_modules, .git, a file over 1 MB) is made at test time.
 */
interface Case {
  /** Makes what cannot be committed; returns the paths (relative to the copy) the tree comparison leaves out. */
  setup?: (repo: string, outside: string) => string[];
  /** Checks on what setup made. */
  verify?: (repo: string, outside: string, plan: MigrationPlan) => void;
  regexTimeoutMs?: number;
}

const NODE_MODULES_TEXT = "export * from '@acme/ui/legacy';\n";

const CASES: Record<string, Case> = {
  steps: {
    setup: (repo) => {
      write(repo, 'packages/app/node_modules/@acme/ui/legacy.ts', NODE_MODULES_TEXT);
      write(repo, 'packages/app/src/node_modules/x/index.ts', NODE_MODULES_TEXT);
      return ['packages/app/node_modules', 'packages/app/src/node_modules'];
    },
    verify: (repo) => {
      assert.equal(read(repo, 'packages/app/node_modules/@acme/ui/legacy.ts'), NODE_MODULES_TEXT);
      assert.equal(read(repo, 'packages/app/src/node_modules/x/index.ts'), NODE_MODULES_TEXT);
    },
  },
  encodings: {},
  docker: {},
  action: {},
  'gitlab-ci': {},
  safety: {
    setup: (repo, outside) => {
      write(outside, 'secret.ts', NODE_MODULES_TEXT);
      write(outside, 'dir/inner.ts', NODE_MODULES_TEXT);
      fs.symlinkSync(path.join(outside, 'secret.ts'), path.join(repo, 'app/src/outside.ts'));
      fs.symlinkSync('../../../outside/secret.ts', path.join(repo, 'app/src/relative-outside.ts'));
      fs.symlinkSync(path.join(outside, 'dir'), path.join(repo, 'app/src/linked-dir'));
      fs.symlinkSync('real.ts', path.join(repo, 'app/src/alias.ts'));
      fs.symlinkSync('nowhere.ts', path.join(repo, 'app/src/dangling.ts'));
      write(repo, 'app/node_modules/@acme/ui/legacy.ts', NODE_MODULES_TEXT);
      write(repo, 'app/.git/hooks/pre-commit.ts', NODE_MODULES_TEXT);
      // Over 1 MB by one byte, and it holds the text the step replaces.
      write(repo, 'app/src/huge.ts', NODE_MODULES_TEXT + 'x'.repeat(1024 * 1024 + 1 - NODE_MODULES_TEXT.length));
      return ['app/node_modules', 'app/.git', 'app/src/huge.ts'];
    },
    verify: (repo, outside, plan) => {
      assert.equal(read(outside, 'secret.ts'), NODE_MODULES_TEXT, 'the file outside is untouched');
      assert.equal(read(outside, 'dir/inner.ts'), NODE_MODULES_TEXT, 'a linked folder outside is never entered');
      assert.equal(read(repo, 'app/node_modules/@acme/ui/legacy.ts'), NODE_MODULES_TEXT);
      assert.equal(read(repo, 'app/.git/hooks/pre-commit.ts'), NODE_MODULES_TEXT);
      assert.equal(fs.statSync(path.join(repo, 'app/src/huge.ts')).size, 1024 * 1024 + 1);
      assert.ok(read(repo, 'app/src/huge.ts').startsWith(NODE_MODULES_TEXT));
      assert.ok(fs.lstatSync(path.join(repo, 'app/src/alias.ts')).isSymbolicLink(), 'a link stays a link');
      assert.equal(plan.files.filter((f) => f.file === 'app/src/real.ts').length, 1, 'a file reached by two paths is edited once');
    },
  },
};

describe('migrations: golden trees', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(name, () => {
      const dir = path.join(FIXTURES, name);
      // `manifests`: planned and applied in turn, as `migrate` does, each on what the one before wrote.
      const spec = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8')) as { manifest?: string; manifests?: string[]; migration: string };
      const { component, migration } = loadMigration(path.join(dir, 'catalog.yaml'), spec.migration);
      const tmp = tempDir(`pg-migrate-${name}-`);
      try {
        const repo = path.join(tmp, 'repo');
        const outside = path.join(tmp, 'outside');
        fs.mkdirSync(outside);
        fs.cpSync(path.join(dir, 'input'), repo, { recursive: true });
        const made = new Set(c.setup?.(repo, outside) ?? []);
        const skipped: Skipped[] = [];
        let plan: MigrationPlan | undefined;
        for (const manifest of spec.manifests ?? [spec.manifest!]) {
          plan = planMigration({ root: repo, manifest, component, migration, ...(c.regexTimeoutMs ? { regexTimeoutMs: c.regexTimeoutMs } : {}) });
          for (const f of plan.files) assert.equal(applyEdits(f.before, f.edits), f.after, `${f.file}: the edits give the planned text`);
          applyPlan(repo, plan);
          skipped.push(...plan.skipped);
        }

        const skippedFile = path.join(dir, 'skipped.json');
        if (process.env.UPDATE_GOLDEN) {
          fs.rmSync(path.join(dir, 'expected'), { recursive: true, force: true });
          fs.cpSync(repo, path.join(dir, 'expected'), { recursive: true, filter: (src) => !isMade(path.relative(repo, src), made) && !fs.lstatSync(src).isSymbolicLink() });
          fs.writeFileSync(skippedFile, JSON.stringify(skipped, null, 2) + '\n');
        }
        assertSameTree(repo, path.join(dir, 'expected'), (rel) => isMade(rel, made));
        assert.deepEqual(skipped, JSON.parse(fs.readFileSync(skippedFile, 'utf8')) as Skipped[]);
        c.verify?.(repo, outside, plan!);
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });
  }
});

function isMade(rel: string, made: ReadonlySet<string>): boolean {
  const posix = rel.split(path.sep).join('/');
  return [...made].some((m) => posix === m || posix.startsWith(`${m}/`));
}

function write(dir: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
}

function read(dir: string, rel: string): string {
  return fs.readFileSync(path.join(dir, rel), 'utf8');
}
