// `npm run package`: the production bundles, then platform-guide-<version>.vsix, offline.
//   node scripts/package.mjs [--out FILE]
//
// package.json's `files` is the npm tarball's allow-list (the CLI); .vscodeignore is the
// extension's. vsce refuses a folder that has both ("VSCE does not support combining both
// strategies", whatever --ignoreFile says), so the package is made from a staging folder holding
// the candidates and a package.json without `files`; .vscodeignore still decides what goes in.
// The bundles carry every runtime dependency, hence --no-dependencies (no node_modules in it).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outIndex = process.argv.indexOf('--out');
const out = resolve(outIndex > 0 ? process.argv[outIndex + 1] : join(root, `${manifest.name}-${manifest.version}.vsix`));

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

run(process.execPath, ['esbuild.mjs', '--production'], root);

const stage = mkdtempSync(join(tmpdir(), 'pg-vsix-'));
try {
  // Everything .vscodeignore may let through; it filters again inside vsce.
  for (const entry of ['dist', 'media', 'schemas', 'images', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore']) {
    if (existsSync(join(root, entry))) cpSync(join(root, entry), join(stage, entry), { recursive: true });
  }
  const { files: _npmOnly, ...vsixManifest } = manifest;
  writeFileSync(join(stage, 'package.json'), JSON.stringify(vsixManifest, null, 2) + '\n');
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], stage);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
