// The floor: what any tool must do at least — find the same files, read them, parse them (JSON.parse
// the JSON ones, split the others into lines), and write as many bytes as the tool printed.
//   node floor.mjs <root> [bytes to write]
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = process.argv[2];
const bytes = Number(process.argv[3] ?? 0);
const OTHERS = new Set(['Dockerfile', 'go.mod', 'pyproject.toml', 'pom.xml', 'main.tf', 'Chart.yaml', '.nvmrc']);
const wanted = (dir, name) =>
  name === 'package.json' || name === 'package-lock.json' || OTHERS.has(name) ||
  (dir.endsWith(`${path.sep}.github${path.sep}workflows`) && name.endsWith('.yml'));
let parsed = 0;
const pending = [root];
while (pending.length) {
  const dir = pending.pop();
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== '.git') pending.push(p);
    } else if (wanted(dir, e.name)) {
      const text = fs.readFileSync(p, 'utf8');
      if (e.name.endsWith('.json')) JSON.parse(text);
      else text.split('\n');
      parsed++;
    }
  }
}
// The output, in chunks of 64 KB as a tool that streams would write it.
const chunk = Buffer.alloc(64 * 1024, 'x');
for (let left = bytes; left > 0; left -= chunk.length) fs.writeSync(1, left >= chunk.length ? chunk : chunk.subarray(0, left));
process.stderr.write(`${parsed} files parsed\n`);
