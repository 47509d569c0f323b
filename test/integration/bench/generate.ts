// The benchmark's inputs: one package.json with 1,000 dependencies, 100 of them platform packages
// of a generated catalog (20 on a deprecated major), and its package-lock.json. Deterministic.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const DEPENDENCIES = 1000;
export const PLATFORM = 100;
export const DEPRECATED = 20;

const platformName = (i: number) => `@bench/platform-${String(i).padStart(3, '0')}`;
const libName = (i: number) => `lib-${String(i).padStart(3, '0')}`;

export interface Generated {
  catalogFile: string;
  manifestText: string;
  /** The last deprecated platform dependency: the one the keystroke benchmark edits. */
  target: { name: string; line: number; versionStart: number };
}

export function generateCatalog(file: string): void {
  const teams = Array.from({ length: 5 }, (_, i) => `  - id: team-${i}\n    name: Team ${i}`);
  const components = Array.from({ length: PLATFORM }, (_, i) => [
    `  - id: platform-${i}`,
    `    name: Platform ${i}`,
    `    owner: team-${i % 5}`,
    `    docs: https://docs.bench.example/platform-${i}`,
    '    packages:',
    `      - npm: "${platformName(i)}"`,
    '    recommended: 2.4.0',
    '    deprecations:',
    '      - versions: "<2.0.0"',
    '        message: Version 1 is out of support.',
    `        sunset: 2027-0${1 + (i % 9)}-15`,
  ].join('\n'));
  fs.writeFileSync(file, `schema: platform-guide/v1\nteams:\n${teams.join('\n')}\ncomponents:\n${components.join('\n')}\n`);
}

/** Writes package.json and package-lock.json into `dir`. */
export function generateManifest(dir: string): Generated['manifestText'] {
  const deps: Record<string, string> = {};
  const locked: Record<string, string> = {};
  for (let i = 0; i < PLATFORM; i++) {
    const version = i < DEPRECATED ? '1.0.0' : `2.${i % 5}.0`;
    deps[platformName(i)] = `^${version}`;
    locked[platformName(i)] = version;
  }
  for (let i = 0; i < DEPENDENCIES - PLATFORM; i++) {
    const version = `${1 + (i % 7)}.${i % 10}.${i % 3}`;
    deps[libName(i)] = `^${version}`;
    locked[libName(i)] = version;
  }
  const manifest = { name: 'bench-app', version: '1.0.0', private: true, dependencies: deps };
  const text = JSON.stringify(manifest, null, 2) + '\n';
  fs.writeFileSync(path.join(dir, 'package.json'), text);
  const packages: Record<string, object> = { '': { name: manifest.name, version: manifest.version, dependencies: deps } };
  for (const [name, version] of Object.entries(locked)) {
    packages[`node_modules/${name}`] = {
      version,
      resolved: `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${version}.tgz`,
      integrity: `sha512-${Buffer.from(`${name}@${version}`).toString('base64')}`,
      license: 'MIT',
    };
  }
  fs.writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify({ name: manifest.name, version: manifest.version, lockfileVersion: 3, requires: true, packages }, null, 2) + '\n');
  return text;
}

export function generate(dir: string): Generated {
  const catalogFile = path.join(dir, 'bench.platform-catalog.yaml');
  generateCatalog(catalogFile);
  const manifestText = generateManifest(dir);
  const name = platformName(DEPRECATED - 1);
  const lines = manifestText.split('\n');
  const line = lines.findIndex((l) => l.includes(`"${name}": "^1.0.0"`));
  return { catalogFile, manifestText, target: { name, line, versionStart: lines[line]!.indexOf('^1.0.0') } };
}

/**
 * `count` small manifests under `members/` (not workspaces of the root manifest), each with three
 * platform dependencies of the generated catalog, one in three of them on a deprecated major: the
 * workspace the scan-time benchmark scans.
 */
export function generateMembers(dir: string, count: number): void {
  for (let m = 0; m < count; m++) {
    const deps: Record<string, string> = {};
    for (let k = 0; k < 3; k++) deps[platformName((m * 7 + k * 31) % PLATFORM)] = (m + k) % 3 === 0 ? '^1.2.0' : '^2.1.0';
    for (let k = 0; k < 10; k++) deps[libName((m + k * 13) % (DEPENDENCIES - PLATFORM))] = '^1.0.0';
    const folder = path.join(dir, 'members', `pkg-${String(m).padStart(5, '0')}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: `member-${m}`, version: '1.0.0', dependencies: deps }, null, 2) + '\n');
  }
}
