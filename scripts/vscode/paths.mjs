// Where the test bench keeps things. One place, so install, server and runners agree.
// Versions are pinned: the test route uses VS Code's web internals (payload, smoke-test driver),
// which are not a stable API.
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const VSCODE_VERSION = '1.139.1';
export const CHROMIUM = '/usr/bin/chromium';
export const APT_LINE = 'apt-get update && apt-get install -y chromium libkrb5-dev';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The cache lives outside node_modules: code-server needs Node 24, the project runs on Node 20. */
export const cacheDir = resolve(process.env.PLATFORM_GUIDE_TEST_CACHE || join(repoRoot, '.cache', 'vscode-test'));
export const nodeDir = join(cacheDir, `node-v${NODE_VERSION}`);
export const nodeBin = join(nodeDir, 'bin', 'node');
export const codeServerDir = join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
export const serverMain = join(codeServerDir, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
export const markerFile = join(cacheDir, 'installed.json');

/** Screenshots and results files go here (git-ignored). */
export const resultsDir = join(repoRoot, 'test-results');

/**
 * The shipped example as the editor sees it: its catalog as the user's setting, and the date its
 * sunsets are designed around, so its severities never drift (`npm start`, integration, e2e).
 */
export const EXAMPLE_TODAY = '2026-11-21';
export const exampleCatalog = join(repoRoot, 'examples', 'platform-catalog.yaml');
export const exampleSettings = { 'platformGuide.catalogs': [exampleCatalog] };
export const exampleEnv = { PLATFORM_GUIDE_TODAY: EXAMPLE_TODAY };
