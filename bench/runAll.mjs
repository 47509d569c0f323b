// Runs every bench/<prefix>*Bench.mjs in name order, one after the other, and fails if one does.
// `npm run bench:report` runs `report`'s: whichever of them are present.
//   node bench/runAll.mjs PREFIX
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const prefix = process.argv[2] ?? '';
const files = fs.readdirSync(here).filter((f) => f.startsWith(prefix) && f.endsWith('Bench.mjs')).sort();
if (files.length === 0) {
  console.error(`no bench/${prefix}*Bench.mjs`);
  process.exit(1);
}
for (const file of files) {
  console.log(`\n=== ${file}`);
  const r = spawnSync(process.execPath, [path.join(here, file)], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
