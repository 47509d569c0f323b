// `npm start`: try the extension from source in a real VS Code in your browser, no VS Code install
// needed. Installs the bench if needed, builds, and starts the server with this repository loaded
// as an installed extension (a symlink, so a rebuild is picked up on reload), until Ctrl+C.
//   node scripts/vscode/start.mjs                      a fresh copy of examples/workspace, the
//                                                       example catalog, the example's date
//   node scripts/vscode/start.mjs FOLDER [--catalog PATH|URL]...   your own folder, in place
//   --port N (or PORT=N) to choose the port
// The example is opened as a copy in a temporary folder (deleted on exit), so trying the quick
// fixes never dirties the checkout. Its sunsets are measured against 2026-11-21, the date it was
// written for; PLATFORM_GUIDE_TODAY=YYYY-MM-DD picks another, PLATFORM_GUIDE_TODAY= (empty) uses
// today. After a rebuild (`npm run build`), run "Developer: Reload Window" in the browser.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureInstalled } from './install.mjs';
import { EXAMPLE_TODAY, exampleCatalog, repoRoot } from './paths.mjs';
import { startServer } from './server.mjs';

const args = process.argv.slice(2);
const take = (flag) => {
  const values = [];
  for (let i = args.indexOf(flag); i >= 0; i = args.indexOf(flag)) values.push(args.splice(i, 2)[1]);
  return values;
};
const portArg = take('--port')[0] ?? process.env.PORT;
const port = portArg ? Number(portArg) : undefined;
const catalogs = take('--catalog').map((c) => (/^https?:\/\//i.test(c) ? c : resolve(c)));
const example = args[0] === undefined;

let folder;
let copyRoot;
if (example) {
  copyRoot = mkdtempSync(join(tmpdir(), 'platform-guide-example-'));
  folder = join(copyRoot, 'workspace');
  cpSync(join(repoRoot, 'examples', 'workspace'), folder, { recursive: true });
  process.on('exit', () => rmSync(copyRoot, { recursive: true, force: true }));
  if (!catalogs.length) catalogs.push(exampleCatalog);
} else {
  folder = resolve(args[0]);
  if (!existsSync(folder)) {
    console.error(`no such folder: ${folder}`);
    process.exit(2);
  }
}
// Set (even empty) wins; otherwise the example gets its date and your folder gets today.
const today = process.env.PLATFORM_GUIDE_TODAY ?? (example ? EXAMPLE_TODAY : '');

try {
  ensureInstalled();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
const build = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const server = await startServer({
  port,
  // Installed rather than under development: the URL payload that loads an extension under
  // development only takes effect with --enable-smoke-test-driver, and that flag hides
  // notification toasts (the quick fix's offer to update the lockfile is one).
  installExtensions: [repoRoot],
  smokeTestDriver: false,
  userSettings: catalogs.length ? { 'platformGuide.catalogs': catalogs } : {},
  // The extension host inherits the server's environment.
  env: { PLATFORM_GUIDE_TODAY: today },
});
console.log(`\nVS Code with Platform Guide from source: ${server.url(folder)}`);
console.log(example
  ? `Opened a copy of examples/workspace in ${folder}: edit freely, the repository is untouched; the copy is deleted on exit.`
  : `Opened ${folder} in place: quick fixes change its files.`);
console.log(catalogs.length ? `User setting platformGuide.catalogs: ${catalogs.join(', ')}` : 'No user catalogs: only the catalogs of the folder\'s .platform-guide.yaml apply (or pass --catalog).');
console.log(today
  ? `The date is pinned to ${today} (sunsets are measured against it). To use today: PLATFORM_GUIDE_TODAY= npm start`
  : 'Sunsets are measured against today\'s date.');
console.log('The server listens on 127.0.0.1 only; forward the port to reach it from elsewhere.');
console.log(`server log: ${server.logFile}\nCtrl+C to stop.`);
// server.mjs kills the server's process group and removes its data when this process exits;
// here we only keep the event loop alive.
setInterval(() => {}, 1 << 30);
