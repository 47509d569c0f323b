// Try the extension from source in a real VS Code in your browser, no VS Code install needed:
// installs the bench if needed, builds, starts the server with this repository as the extension
// under development, opens FOLDER (default examples/workspace) and runs until Ctrl+C.
//   node scripts/vscode/start.mjs [FOLDER] [--port N]
// After a rebuild (`npm run build`), run "Developer: Reload Window" in the browser.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureInstalled } from './install.mjs';
import { repoRoot } from './paths.mjs';
import { startServer } from './server.mjs';

const args = process.argv.slice(2);
const portAt = args.indexOf('--port');
const port = portAt >= 0 ? Number(args.splice(portAt, 2)[1]) : process.env.PORT ? Number(process.env.PORT) : undefined;
const folder = resolve(args[0] ?? resolve(repoRoot, 'examples', 'workspace'));
if (!existsSync(folder)) {
  console.error(`no such folder: ${folder}`);
  process.exit(2);
}

try {
  ensureInstalled();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
const build = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const server = await startServer({ port, extensionDevelopmentPath: repoRoot });
console.log(`\nVS Code with Platform Guide from source: ${server.url(folder)}`);
console.log('(the server listens on 127.0.0.1 only; forward the port to reach it from elsewhere)');
console.log(`server log: ${server.logFile}\nCtrl+C to stop.`);
// server.mjs kills the server's process group and removes its data when this process exits;
// here we only keep the event loop alive.
setInterval(() => {}, 1 << 30);
