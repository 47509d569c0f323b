// How long a fresh process takes to parse a tree's workflows and Chart.yaml files and its catalog,
// with the `yaml` package alone and with the fast reader first (src/core/yamlFast.ts), each in its
// own process, as a CLI run is cold.
//   node bench/yamlCold.mjs <tree>      e.g. bench/.generated/mixed-10000
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const tree = path.resolve(process.argv[2] ?? '');
if (!fs.existsSync(tree)) throw new Error('usage: node bench/yamlCold.mjs <tree>');

// One bundle, as the CLI's: the reader and the package together.
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-cold-')), 'run.cjs');
await esbuild.build({
  stdin: {
    resolveDir: root,
    contents: `
      const fs = require('node:fs'), path = require('node:path');
      const { parseAllDocuments } = require('yaml');
      const { fastYaml, FAST_YAML_OPTIONS } = require('./src/core/yamlFast');
      const [mode, tree] = process.argv.slice(2);
      const files = [];
      const pending = [tree];
      while (pending.length) {
        const dir = pending.pop();
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
          const p = path.join(dir, e.name);
          if (e.isDirectory()) { if (e.name !== 'node_modules') pending.push(p); }
          else if (e.name === 'Chart.yaml' || e.name === 'catalog.yaml' || (dir.endsWith('workflows') && e.name.endsWith('.yml'))) files.push(p);
        }
      }
      const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
      let declined = 0;
      const t0 = process.hrtime.bigint(), c0 = process.cpuUsage();
      for (const text of texts) {
        const fast = mode === 'fast' ? fastYaml(text) : undefined;
        if (!fast) { if (mode === 'fast') declined++; parseAllDocuments(text, FAST_YAML_OPTIONS); }
      }
      const ms = Number(process.hrtime.bigint() - t0) / 1e6, c = process.cpuUsage(c0);
      console.log(mode.padEnd(8) + ' ' + texts.length + ' files  ' + ms.toFixed(0).padStart(5) + ' ms  (cpu ' + ((c.user + c.system) / 1000).toFixed(0) + ' ms)' + (mode === 'fast' ? '  ' + declined + ' declined' : ''));
    `,
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  outfile: out,
  logLevel: 'error',
});
for (const mode of ['package', 'fast']) {
  const r = spawnSync(process.execPath, [out, mode, tree], { encoding: 'utf8' });
  process.stdout.write(r.stdout + r.stderr);
}
fs.rmSync(path.dirname(out), { recursive: true, force: true });
