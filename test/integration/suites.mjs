// The integration suites, in one place. Paths are relative to the repository root.
//   name       shown in the summary; `npm run test:integration -- <name>` runs only that one
//   workspace  fixture folder opened in the editor
//   testsPath  compiled suite entry (scripts/vscode/buildTests.mjs writes it)
//   extension  the extension under development (URL payload; default: the repository itself).
//              VS Code runs tests only with one, and it is active even in restricted mode.
//   install    extension folders loaded as installed (symlinked into the extensions dir): the
//              way to see what workspace trust does to an extension
//   trust      true = workspace trust on, the fixture opens in restricted mode; default off
//              (--disable-workspace-trust)
//   copy       open a fresh temporary copy of the workspace (for suites that edit files)
//   env        extra environment for the extension host
//   settings   extra user settings

/**
 * @type {{ name: string, workspace: string, testsPath: string, extension?: string, install?: string[],
 *          trust?: boolean, copy?: boolean, env?: Record<string, string>, settings?: object }[]}
 */
import { join } from 'node:path';
import { repoRoot } from '../../scripts/vscode/paths.mjs';

/** The date the example's sunsets are measured against, so its severities never drift. */
const EXAMPLE_TODAY = { PLATFORM_GUIDE_TODAY: '2026-11-21' };
const exampleCatalog = { 'platformGuide.catalogs': [join(repoRoot, 'examples', 'platform-catalog.yaml')] };

export const suites = [
  {
    name: 'editor',
    workspace: 'examples/workspace',
    testsPath: 'out/test/integration/editor/index.js',
    copy: true,
    env: EXAMPLE_TODAY,
    settings: exampleCatalog,
  },
  {
    name: 'smoke',
    workspace: 'test/fixtures/vscode/smoke-workspace',
    testsPath: 'out/test/integration/smoke/index.js',
    // The lead points this at the real extension (drop the line) once it exists.
    extension: 'test/fixtures/vscode/smoke-extension',
  },
  {
    name: 'restricted',
    workspace: 'test/fixtures/vscode/smoke-workspace',
    testsPath: 'out/test/integration/restricted/index.js',
    extension: 'test/fixtures/vscode/test-host-extension',
    install: ['test/fixtures/vscode/smoke-extension'],
    trust: true,
  },
];
