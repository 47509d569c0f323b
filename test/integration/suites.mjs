// The integration suites, in one place. Paths are relative to the repository root.
//   name       shown in the summary; `npm run test:integration -- <name>` runs only that one
//   workspace  fixture folder opened in the editor
//   testsPath  compiled suite entry (scripts/vscode/buildTests.mjs writes it)
//   extension  the extension under development (URL payload; default: the repository itself).
//              VS Code runs tests only with one, and it is active even in restricted mode.
//   install    extension folders loaded as installed (symlinked into the extensions dir as
//              <publisher>.<name>-<version>): the way to see what workspace trust does to an
//              extension. '.' is the repository itself (needs dist/ built).
//   vsix       true = build the .vsix (npm run package) and install it into the server with
//              --install-extension, as a user does: the packaged extension, not the repository
//   trust      true = workspace trust on, the workspace opens in restricted mode; default off
//              (--disable-workspace-trust)
//   copy       open a fresh temporary copy of the workspace (for suites that edit files)
//   env        extra environment for the extension host (URL payload `extensionEnvironment`)
//   serverEnv  extra environment for the VS Code server, which extension hosts inherit
//   settings   extra user settings
//   extra      not run by a plain `npm run test:integration` (only when named): the benchmark
import { join } from 'node:path';
import { exampleEnv, exampleSettings, resultsDir } from '../../scripts/vscode/paths.mjs';

/**
 * @typedef {{ name: string, workspace: string, testsPath: string, extension?: string, install?: string[],
 *             vsix?: boolean, trust?: boolean, copy?: boolean, env?: Record<string, string>, serverEnv?: Record<string, string>,
 *             settings?: object, extra?: boolean }} Suite
 */


/** @type {Suite[]} */
export const suites = [
  {
    name: 'editor',
    workspace: 'examples/workspace',
    testsPath: 'out/test/integration/editor/index.js',
    copy: true,
    env: exampleEnv,
    settings: exampleSettings,
  },
  {
    // Proves the bench itself with a fixture extension that cannot break with the product.
    name: 'smoke',
    workspace: 'test/fixtures/vscode/smoke-workspace',
    testsPath: 'out/test/integration/smoke/index.js',
    extension: 'test/fixtures/vscode/smoke-extension',
    serverEnv: { PLATFORM_GUIDE_TEST_SERVER_ENV: 'inherited' },
  },
  {
    // Restricted mode: trust on, the example workspace untrusted. The extension under development
    // is exempt from trust, so a placeholder takes that role and Platform Guide is loaded as an
    // installed extension (the repository itself, symlinked; needs dist/ built).
    name: 'restricted',
    workspace: 'examples/workspace',
    testsPath: 'out/test/integration/restricted/index.js',
    extension: 'test/fixtures/vscode/test-host-extension',
    install: ['.'],
    trust: true,
    copy: true,
    env: exampleEnv,
    settings: exampleSettings,
  },
  {
    // The .vsix a release ships, installed as users install it (--install-extension), with the
    // placeholder under development running the tests: proves the package holds what runs.
    name: 'vsix',
    workspace: 'examples/workspace',
    testsPath: 'out/test/integration/vsix/index.js',
    extension: 'test/fixtures/vscode/test-host-extension',
    vsix: true,
    copy: true,
    env: exampleEnv,
    settings: exampleSettings,
  },
  {
    // `npm run bench:editor` (scripts/vscode/benchEditor.mjs): timings, not assertions. The
    // workspace starts without a package.json so the extension is not active until the test
    // has generated one and activates it itself.
    name: 'bench',
    workspace: 'test/fixtures/vscode/bench-workspace',
    testsPath: 'out/test/integration/bench/index.js',
    copy: true,
    env: { ...exampleEnv, PLATFORM_GUIDE_BENCH_OUT: join(resultsDir, 'bench', 'editor.json') },
    extra: true,
  },
];
