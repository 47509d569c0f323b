// The floor: what any tool must do at least — find the same files, read them, parse each with the
// usual parser for its format (the project's own dependencies: JSON.parse for JSON, yaml's parse
// for YAML, toml-eslint-parser for TOML, saxes for XML; the line formats — Dockerfile, go.mod,
// HCL, .nvmrc — split into lines), and write as many bytes as the tool printed.
//   node floor.mjs <root> [bytes to write]
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const root = process.argv[2];
const bytes = Number(process.argv[3] ?? 0);
/** A parser per kind of file, its library loaded the first time one is met (as a tool would). */
const lazy = (load) => {
  let parse;
  return (text) => (parse ??= load())(text);
};
const yaml = lazy(() => require('yaml').parse);
const toml = lazy(() => require('toml-eslint-parser').parseTOML);
const xml = lazy(() => {
  const { SaxesParser } = require('saxes');
  return (text) => new SaxesParser().write(text).close();
});
const lines = (text) => text.split('\n');
const PARSERS = { 'package.json': JSON.parse, 'package-lock.json': JSON.parse, 'Chart.yaml': yaml, 'pyproject.toml': toml, 'pom.xml': xml, Dockerfile: lines, 'go.mod': lines, 'main.tf': lines, '.nvmrc': lines };
const parserOf = (dir, name) => PARSERS[name] ?? (dir.endsWith(`${path.sep}.github${path.sep}workflows`) && name.endsWith('.yml') ? yaml : undefined);
let parsed = 0;
const pending = [root];
while (pending.length) {
  const dir = pending.pop();
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== '.git') pending.push(p);
      continue;
    }
    const parse = parserOf(dir, e.name);
    if (!parse) continue;
    parse(fs.readFileSync(p, 'utf8'));
    parsed++;
  }
}
// The output, in chunks of 64 KB as a tool that streams would write it.
const chunk = Buffer.alloc(64 * 1024, 'x');
for (let left = bytes; left > 0; left -= chunk.length) fs.writeSync(1, left >= chunk.length ? chunk : chunk.subarray(0, left));
process.stderr.write(`${parsed} files parsed\n`);
