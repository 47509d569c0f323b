// Bundles the integration suites for the extension host:
//   test/integration/<suite>/{index,*.test}.ts → out/test/integration/<suite>/*.js
// One bundle per file (CommonJS, what the extension host `require`s), with `vscode` external (the
// host provides it) and `mocha` external (loaded from node_modules at run time; it is ESM with
// dynamic requires and does not bundle cleanly). Type-checking stays with `npm run typecheck`.
// Meant to become one more context in esbuild.mjs.
//   node scripts/vscode/buildTests.mjs [--watch]
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from './paths.mjs';

const srcDir = join(repoRoot, 'test', 'integration');
const outDir = join(repoRoot, 'out', 'test', 'integration');

/** Suites are the sub-folders with an index.ts; files at the top are shared helpers. */
const entryPoints = readdirSync(srcDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(srcDir, d.name))
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => relative(repoRoot, join(srcDir, d.name, f))));

// Stale bundles of deleted tests would still run: start clean.
rmSync(outDir, { recursive: true, force: true });
const ctx = await esbuild.context({
  absWorkingDir: repoRoot,
  entryPoints,
  outbase: 'test/integration',
  outdir: outDir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'mocha'],
  // The benchmark imports the core; as in esbuild.mjs, jsonc-parser's UMD `main` does not bundle.
  mainFields: ['module', 'main'],
  // Not minified, so stack traces into out/ stay readable; the extension host replaces
  // Error.prepareStackTrace, so Node's source-map support would not apply them anyway.
  sourcemap: 'linked', // for debuggers
  sourcesContent: false,
  logLevel: 'warning',
});
if (process.argv.includes('--watch')) {
  await ctx.watch();
  console.log('watching integration tests…');
} else {
  await ctx.rebuild();
  await ctx.dispose();
}
