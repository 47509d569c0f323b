// The same integration suites through @vscode/test-electron, for contributors with the internet:
// it downloads a desktop VS Code once. The offline bench (runIntegration.mjs) is what CI runs.
//   npm run test:electron [-- suite-name...]
import { cpSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from './paths.mjs';
import { suites } from '../../test/integration/suites.mjs';

const wanted = process.argv.slice(2);
// Suites that need a placeholder extension or installed extensions are the offline bench's own.
const selected = suites.filter((s) => !s.extension && !s.install && !s.extra && (!wanted.length || wanted.includes(s.name)));
let failed = 0;
for (const suite of selected) {
  const scratch = mkdtempSync(join(tmpdir(), `pg-electron-${suite.name}-`));
  const workspace = join(scratch, 'workspace');
  cpSync(resolve(repoRoot, suite.workspace), workspace, { recursive: true });
  const userData = join(scratch, 'user');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ 'json.schemaDownload.enable': false, ...suite.settings }, null, 2));
  try {
    await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: resolve(repoRoot, suite.testsPath),
      extensionTestsEnv: { ...suite.env, PLATFORM_GUIDE_TEST_RESULTS: join(repoRoot, 'test-results', 'electron', `${suite.name}.json`) },
      launchArgs: [workspace, '--user-data-dir', userData, '--disable-extensions', ...(suite.trust ? [] : ['--disable-workspace-trust'])],
    });
  } catch (e) {
    console.error(`${suite.name}: ${e instanceof Error ? e.message : e}`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
