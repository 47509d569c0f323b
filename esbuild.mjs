// One esbuild context per output. Type-checking is a separate step (`npm run typecheck`).
//   node esbuild.mjs               build once (development)
//   node esbuild.mjs --production  minified, no source maps
//   node esbuild.mjs --watch       rebuild on change
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';

const { version, homepage } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
  // jsonc-parser's `main` is a UMD build that esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  define: { PLATFORM_GUIDE_VERSION: JSON.stringify(version), PLATFORM_GUIDE_HOMEPAGE: JSON.stringify(homepage) },
};

/**
 * In the extension's activation bundle, each library that only some files need is a forwarding
 * module (src/extension/lazy*.ts) that loads the library from its own bundle (dist/NAME.js) on
 * first use: `yaml` (a third of the engine), the TOML and XML parsers, and the glob compiler. The
 * fast reader of plain YAML is left out (src/extension/noFastYaml.ts).
 */
const LAZY_LIBRARIES = {
  yaml: { forwarder: 'lazyYaml.ts', bundle: 'yaml', entry: 'node_modules/yaml/dist/index.js' },
  'toml-eslint-parser': { forwarder: 'lazyToml.ts', bundle: 'toml', entry: 'node_modules/toml-eslint-parser/lib/index.mjs' },
  saxes: { forwarder: 'lazyXml.ts', bundle: 'xml', entry: 'node_modules/saxes/saxes.js' },
  picomatch: { forwarder: 'lazyGlobs.ts', bundle: 'globs', entry: 'node_modules/picomatch/index.js' },
};
const lazyLibraries = {
  name: 'lazy-libraries',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^(?:${Object.keys(LAZY_LIBRARIES).join('|')})$`) }, (args) => {
      const { forwarder } = LAZY_LIBRARIES[args.path];
      return args.importer.endsWith(forwarder) ? undefined : { path: new URL(`./src/extension/${forwarder}`, import.meta.url).pathname };
    });
    build.onResolve({ filter: /\/yamlFast$/ }, () => ({ path: new URL('./src/extension/noFastYaml.ts', import.meta.url).pathname }));
  },
};

/** Each output of the package; the extension and the webview script join this list. */
const targets = [
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [lazyLibraries],
  },
  {
    // The workspace scan's worker thread (src/extension/scanClient.ts), and the libraries the
    // activation bundle loads on first use (LAZY_LIBRARIES).
    ...common,
    entryPoints: { scanWorker: 'src/extension/scanWorker.ts', ...Object.fromEntries(Object.values(LAZY_LIBRARIES).map((l) => [l.bundle, l.entry])) },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    // Parts of the extension that activation does not need, loaded on first use (src/extension/lazy.ts).
    ...common,
    entryPoints: { feedback: 'src/extension/feedback/engine.ts', migrate: 'src/extension/migrationEngine.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    // The feedback panel's script. It lives in media/, the webview's only localResourceRoot.
    ...common,
    entryPoints: ['src/webview/feedback/main.ts'],
    outfile: 'media/feedback.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

// The codicon font for the webview, copied next to it (build output, git-ignored), so the
// webview never reads outside media/.
mkdirSync('media/codicons', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(`node_modules/@vscode/codicons/dist/${file}`, `media/codicons/${file}`);

const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching for changes…');
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
