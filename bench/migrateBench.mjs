// `npm run bench:migrate`: times planning the example catalog's `ui-3-to-4` migration (bump, rename,
// literal and regex replace, json edit) on one generated package of 2,000 source files of ~50 lines,
// a quarter of which the replace steps change. The engine is bundled from src/ with esbuild and run
// in-process, so the figure is the planner's own (no process start, no catalog discovery).
// Not part of the tests: timings belong in a benchmark, not in assertions.
//   BENCH_FILES=2000 (default)  BENCH_RUNS=5 (default)
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.join(here, '..');
const count = Number(process.env.BENCH_FILES ?? 2000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const out = path.join(here, '.generated');
const dir = path.join(out, `migrate-${count}`);

function generate() {
  fs.rmSync(dir, { recursive: true, force: true });
  const pkg = { name: 'big-app', version: '1.0.0', dependencies: { '@acme/ui': '^3.1.0', '@acme/ui-theme': '~3.0.0', react: '^18.3.1' } };
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    '{\n  "compilerOptions": {\n    "strict": true,\n    "suppressImplicitAnyIndexErrors": true\n  }\n}\n',
  );
  for (let i = 0; i < count; i++) {
    const folder = path.join(dir, 'src', `feature-${String(i % 40).padStart(2, '0')}`);
    fs.mkdirSync(folder, { recursive: true });
    const migrating = i % 4 === 0;
    const lines = [
      migrating ? "import { Button, Card } from '@acme/ui/legacy';" : "import { Button, Card } from '@acme/ui';",
      "import { useState } from 'react';",
      '',
      `export function Component${i}({ items }: { items: string[] }) {`,
      '  const [open, setOpen] = useState(false);',
    ];
    while (lines.length < 45) {
      const n = lines.length;
      lines.push(n % 7 === 0 && migrating ? `  // <Button kind="ghost"> row ${n}` : `  const value${n} = items.map((item) => item.trim() + '${n}').join(', ');`);
    }
    lines.push('  return (', '    <Card>', migrating ? '      <Button kind="primary" onClick={() => setOpen(!open)}>Toggle</Button>' : '      <Button variant="primary">OK</Button>', '    </Card>', '  );', '}', '');
    fs.writeFileSync(path.join(folder, `Component${i}.tsx`), lines.join('\n'));
  }
}

if (!fs.existsSync(path.join(dir, 'package.json'))) generate();

// The engine only: planMigration and the catalog parser, bundled as the CLI bundles them.
const engine = path.join(out, 'migrate-engine.cjs');
await esbuild.build({
  stdin: {
    contents: "export { planMigration } from './src/core/migrate'; export { parseCatalogText } from './src/core/catalog';",
    resolveDir: repoRoot,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  mainFields: ['module', 'main'],
  outfile: engine,
  logLevel: 'warning',
});
const { planMigration, parseCatalogText } = createRequire(import.meta.url)(engine);

const catalogFile = path.join(repoRoot, 'examples', 'platform-catalog.yaml');
const { document } = parseCatalogText(catalogFile, fs.readFileSync(catalogFile, 'utf8'));
const component = document.components.find((c) => c.id === 'acme-ui');
const migration = component.migrations.find((m) => m.id === 'ui-3-to-4');

const times = [];
let plan;
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  plan = planMigration({ root: dir, manifest: 'package.json', component, migration });
  times.push(performance.now() - t);
}
const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
const edits = plan.files.reduce((n, f) => n + f.edits.length, 0);
console.log(`package: ${count} source files (~50 lines) + package.json + tsconfig.json; ${migration.steps.length} steps`);
console.log(`plan: ${count + 2} files scanned, ${plan.files.length} changed, ${edits} edits, ${plan.skipped.length} skipped`);
console.log(`planMigration median of ${runs}: ${median.toFixed(0)} ms (runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms)`);
