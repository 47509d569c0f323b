// The floor: what any tool must do at least — find the same files, read them, JSON.parse them.
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = process.argv[2];
const wanted = new Set(['package.json', 'package-lock.json']);
let parsed = 0;
const pending = [root];
while (pending.length) {
  const dir = pending.pop();
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== '.git') pending.push(p);
    } else if (wanted.has(e.name)) {
      JSON.parse(fs.readFileSync(p, 'utf8'));
      parsed++;
    }
  }
}
console.log(`${parsed} files parsed`);
