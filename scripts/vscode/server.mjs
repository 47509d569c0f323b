// Starts the VS Code server that code-server bundles (not the code-server wrapper: that one rejects
// --enable-smoke-test-driver, which the test route needs), isolated in a throw-away folder.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeBin, serverMain } from './paths.mjs';

/** Settings every run gets; the caller's win. */
function baseSettings(workspaceTrust) {
  return {
    // Offline: the JSON language service would warn that it cannot download schemas.
    'json.schemaDownload.enable': false,
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': workspaceTrust,
    // With trust on, open straight into restricted mode (a banner) instead of a modal dialog that
    // would sit over the UI in e2e tests.
    'security.workspace.trust.startupPrompt': 'never',
    // Nothing should pop up over the editor in screenshots or steal focus from key presses.
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  };
}

/** Servers still running (process group id → data dir): killed synchronously if this process
 *  exits early (Ctrl+C, an exception, `| head` closing the pipe), so none outlives its runner. */
const running = new Map();
let hooked = false;
function hookExit() {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const [pid, dataDir] of running) {
      try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
      if (!process.env.PLATFORM_GUIDE_KEEP_TEST_DATA) rmSync(dataDir, { recursive: true, force: true });
    }
  });
  // Node's default for these signals skips 'exit' handlers; exiting explicitly runs them.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(sig, () => process.exit(130));
}

/** Asks the OS for a free port (tiny race until the server binds it; fine on a CI box). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (s.address());
      s.close(() => resolve(port));
    });
  });
}

/**
 * @param {{ workspaceTrust?: boolean, userSettings?: object, extensionDevelopmentPath?: string,
 *           installExtensions?: string[], installVsix?: string[], env?: Record<string, string>, port?: number,
 *           smokeTestDriver?: boolean, log?: (line: string) => void }} opts
 *   extensionDevelopmentPath: loaded through the URL payload (development mode).
 *   installExtensions: extension folders symlinked into the extensions dir, i.e. loaded as if
 *     installed; only these are subject to workspace trust (see the restricted suite).
 *   installVsix: .vsix files installed the way users install them (the server's
 *     --install-extension, which unpacks and registers them) before the server starts.
 *   env: added to the server's environment, which its extension hosts inherit (server-main
 *     builds their environment as {...process.env, ...login-shell env, ...payload env}); unlike
 *     the URL payload's extensionEnvironment it needs no extension under development and keeps
 *     the URL clean (npm start, e2e). The smoke suite checks that it arrives.
 *   smokeTestDriver (default true): --enable-smoke-test-driver, which the test route needs. It
 *     also stops the workbench from showing notification toasts (they only reach the
 *     notification center), so `npm start` turns it off.
 */
export async function startServer(opts = {}) {
  const { workspaceTrust = false, userSettings = {}, extensionDevelopmentPath, installExtensions = [], installVsix = [] } = opts;
  // Everything the server writes stays in one folder: its own TMPDIR (else vscode-ipc-*.sock
  // files pile up in /tmp), XDG dirs, user data, extensions.
  const dataDir = mkdtempSync(join(tmpdir(), 'pg-vscode-'));
  const dir = (...p) => { const d = join(dataDir, ...p); mkdirSync(d, { recursive: true }); return d; };
  const userDir = dir('user');
  // code-server's web client reads user settings from the server's --user-data-dir
  // (userRoamingDataHome = vscode-remote:<user-data-dir>/User), not from the browser's IndexedDB
  // as stock VS Code for the web does; so writing this file is enough, for the workbench and for
  // the extension host alike (the smoke suite checks it).
  const settings = { ...baseSettings(workspaceTrust), ...userSettings };
  writeFileSync(join(dir('user', 'User'), 'settings.json'), JSON.stringify(settings, null, 2));

  for (const folder of installExtensions) {
    const { publisher, name, version } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    symlinkSync(folder, join(dir('ext'), `${publisher}.${name}-${version}`), 'dir');
  }

  for (const vsix of installVsix) {
    const r = spawnSync(nodeBin, [
      serverMain, '--install-extension', vsix, '--accept-server-license-terms',
      '--server-data-dir', dir('server'), '--user-data-dir', userDir, '--extensions-dir', dir('ext'),
    ], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    if (r.status !== 0 || !/successfully installed/.test(r.stdout)) {
      throw new Error(`installing ${vsix} failed (exit ${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
    }
  }

  const port = opts.port ?? (await freePort());
  const args = [
    serverMain,
    '--host', '127.0.0.1', '--port', String(port),
    '--without-connection-token', '--accept-server-license-terms',
    '--disable-telemetry', '--telemetry-level', 'off',
    '--reconnection-grace-time', '5',
    '--server-data-dir', dir('server'), '--user-data-dir', userDir, '--extensions-dir', dir('ext'),
  ];
  // Exposes codeAutomationExit and the test route.
  if (opts.smokeTestDriver ?? true) args.push('--enable-smoke-test-driver');
  // The flag wins over the setting; without it, trust follows `security.workspace.trust.enabled`.
  if (!workspaceTrust) args.push('--disable-workspace-trust');

  const tmp = dir('tmp');
  const logFile = join(dataDir, 'server.log');
  const logStream = createWriteStream(logFile);
  // detached: the child calls setsid(), so it leads a process group we can kill as a whole;
  // killing only its pid would orphan the extension host, file watcher and pty host.
  const child = spawn(nodeBin, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...opts.env,
      TMPDIR: tmp,
      XDG_CONFIG_HOME: dir('xdg', 'config'),
      XDG_DATA_HOME: dir('xdg', 'data'),
      XDG_CACHE_HOME: dir('xdg', 'cache'),
      // Don't leak the runner's npm/Node 20 environment into the extension host.
      NODE_OPTIONS: '',
    },
  });
  child.stdout.pipe(logStream, { end: false });
  child.stderr.pipe(logStream, { end: false });
  if (opts.log) {
    child.stdout.on('data', (b) => opts.log?.(String(b).trimEnd()));
    child.stderr.on('data', (b) => opts.log?.(String(b).trimEnd()));
  }
  hookExit();
  running.set(child.pid, dataDir);
  let exited = false;
  const exitP = new Promise((resolve) => child.on('exit', () => { exited = true; resolve(undefined); }));

  const base = `http://127.0.0.1:${port}`;
  const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;

  async function stop({ keep = !!process.env.PLATFORM_GUIDE_KEEP_TEST_DATA } = {}) {
    if (!exited && child.pid) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      const t = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 5000);
      await exitP;
      clearTimeout(t);
      // Helpers may outlive the leader for a moment; make sure the group is gone.
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    }
    running.delete(child.pid);
    logStream.end();
    if (!keep) rmSync(dataDir, { recursive: true, force: true });
  }

  // HTTP answers 0.2–0.4 s after start; give a slow CI box 30 s.
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) {
      await stop({ keep: true });
      throw new Error(`VS Code server exited during start; log: ${logFile}`);
    }
    try {
      const r = await fetch(`${base}/version`, { signal: AbortSignal.timeout(1000) });
      await r.arrayBuffer();
      break;
    } catch { /* not yet */ }
    if (Date.now() > deadline) {
      await stop({ keep: true });
      throw new Error(`VS Code server did not answer on ${base} within 30 s; log: ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    port,
    dataDir,
    logFile,
    /**
     * The workbench URL opening `folder`. `payload` keys are VS Code's (extensionTestsPath,
     * extensionEnvironment, …); path values are turned into vscode-remote URIs here.
     * @param {string} folder absolute path on this machine
     * @param {{ extensionTestsPath?: string, extensionEnvironment?: Record<string, string> }} [payload]
     */
    url(folder, payload = {}) {
      const pairs = [];
      if (extensionDevelopmentPath) pairs.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
      if (payload.extensionTestsPath) pairs.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
      if (payload.extensionEnvironment) pairs.push(['extensionEnvironment', JSON.stringify(payload.extensionEnvironment)]);
      const q = `folder=${encodeURIComponent(folder)}`;
      return pairs.length ? `${base}/?${q}&payload=${encodeURIComponent(JSON.stringify(pairs))}` : `${base}/?${q}`;
    },
    stop,
  };
}
