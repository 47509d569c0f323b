// `npm run bench:report`: runs every report benchmark present (bench/report*Bench.mjs), one after
// the other, so each part can live in its own file.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const parts = fs.readdirSync(here).filter((f) => /^report.*Bench\.mjs$/.test(f)).sort();
let failed = 0;
for (const part of parts) {
  console.log(`\n# ${part}`);
  const r = spawnSync(process.execPath, [path.join(here, part)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
