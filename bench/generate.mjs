// Generates a monorepo of N workspace members with one package-lock.json (v3) and a catalog,
// deterministic for a given N, so benchmark runs compare like with like.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function generateMonorepo(dir, members) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // mulberry32: a small PRNG whose low bits are as random as its high ones.
  let seed = 12345;
  const rand = (n) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
  const thirdParty = Array.from({ length: 300 }, (_, i) => `lib-${i}`);
  const platform = Array.from({ length: 40 }, (_, i) => `@acme/pkg-${i}`);

  const components = platform.map((name, i) =>
    [
      `  - id: pkg-${i}`,
      `    name: Package ${i}`,
      `    owner: team-${i % 5}`,
      `    packages:`,
      `      - npm: "${name}"`,
      `    recommended: 3.0.0`,
      `    deprecations:`,
      `      - versions: "<2.0.0"`,
      `        message: Version 1 is out of support.`,
      `        sunset: 2027-0${1 + (i % 9)}-15`,
    ].join('\n'),
  );
  const teams = Array.from({ length: 5 }, (_, i) => `  - id: team-${i}\n    name: Team ${i}`);
  fs.writeFileSync(
    path.join(dir, 'catalog.yaml'),
    `schema: platform-guide/v1\nteams:\n${teams.join('\n')}\ncomponents:\n${components.join('\n')}\n`,
  );

  const lockPackages = { '': { name: 'bench-monorepo', workspaces: ['packages/*'] } };
  const hoisted = new Map();
  for (let m = 0; m < members; m++) {
    const folder = `packages/pkg-${String(m).padStart(5, '0')}`;
    const deps = {};
    const devDeps = {};
    for (let k = 0; k < 12; k++) deps[thirdParty[rand(thirdParty.length)]] = `^${1 + rand(5)}.${rand(10)}.0`;
    for (let k = 0; k < 3; k++) {
      // About one member in ten still depends on a deprecated major.
      deps[platform[rand(platform.length)]] = rand(10) === 0 ? `^1.${rand(9)}.0` : `^2.${rand(9)}.0`;
    }
    for (let k = 0; k < 4; k++) devDeps[thirdParty[rand(thirdParty.length)]] = `~${rand(4)}.${rand(10)}.${rand(10)}`;
    const manifest = { name: `@bench/pkg-${m}`, version: '1.0.0', private: true, scripts: { build: 'tsc -b', test: 'mocha' }, dependencies: deps, devDependencies: devDeps };
    fs.mkdirSync(path.join(dir, folder), { recursive: true });
    fs.writeFileSync(path.join(dir, folder, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
    lockPackages[folder] = { name: manifest.name, version: '1.0.0', dependencies: deps, devDependencies: devDeps };
    lockPackages[`node_modules/@bench/pkg-${m}`] = { resolved: folder, link: true };
    for (const [name, spec] of Object.entries({ ...deps, ...devDeps })) {
      const version = spec.replace(/^[\^~]/, '');
      const key = `node_modules/${name}`;
      if (!hoisted.has(key)) hoisted.set(key, version);
      else if (hoisted.get(key) !== version) lockPackages[`${folder}/node_modules/${name}`] = { version, license: 'MIT' };
    }
  }
  for (const [key, version] of hoisted) lockPackages[key] = { version, license: 'MIT' };
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'bench-monorepo', private: true, workspaces: ['packages/*'] }, null, 2) + '\n',
  );
  fs.writeFileSync(
    path.join(dir, 'package-lock.json'),
    JSON.stringify({ name: 'bench-monorepo', lockfileVersion: 3, requires: true, packages: lockPackages }, null, 2) + '\n',
  );
}
