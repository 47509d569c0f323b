// The benchmark's trees, deterministic for a given size, so runs compare like with like:
//   lockfile  N npm workspace members with one package-lock.json (v3); one use in ten deprecated
//   findings  N members in npm workspaces, no lockfile, about 20 platform dependencies each, a
//             third of them inside a deprecated range (tens of thousands of findings)
//   mixed     N members, and in one in ten a Dockerfile, in another one in ten a workflow, and in
//             one in twenty each a go.mod, a pyproject.toml, a pom.xml (a property version), a
//             main.tf, a Chart.yaml and an .nvmrc, with some flagged uses of each
// Each kind of file is one function in FILE_KINDS (and its components one function in
// COMPONENTS): another ecosystem's files join a tree by adding one of each and naming it in TREES.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Bumped whenever a tree's content changes, so an old generated tree is made again. */
export const GENERATOR_VERSION = 3;

/** mulberry32: a small PRNG whose low bits are as random as its high ones. `rand(n)` is in [0, n). */
export function prng(seed) {
  return (n) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const THIRD_PARTY = Array.from({ length: 300 }, (_, i) => `lib-${i}`);
const NPM_PLATFORM = Array.from({ length: 60 }, (_, i) => `@acme/pkg-${i}`);
const IMAGES = Array.from({ length: 10 }, (_, i) => `registry.acme.dev/base/image-${i}`);
const ACTIONS = Array.from({ length: 10 }, (_, i) => `acme/action-${i}`);
const GO_MODULES = Array.from({ length: 5 }, (_, i) => `github.com/acme/go-${i}`);
const PY_PACKAGES = Array.from({ length: 5 }, (_, i) => `acme-py-${i}`);
const JVM_ARTIFACTS = Array.from({ length: 5 }, (_, i) => `io.acme:jvm-${i}`);
const TF_MODULES = Array.from({ length: 5 }, (_, i) => `app.terraform.io/acme/tf-${i}/aws`);
const CHARTS = Array.from({ length: 5 }, (_, i) => `acme-chart-${i}`);

/** A catalog component: deprecated below 2.0.0, recommended 3.0.0. */
function component(id, i, key, name) {
  return [
    `  - id: ${id}`,
    `    name: ${id}`,
    `    owner: team-${i % 5}`,
    `    packages:`,
    `      - ${key}: "${name}"`,
    `    recommended: 3.0.0`,
    `    deprecations:`,
    `      - versions: "<2.0.0"`,
    `        message: Version 1 is out of support.`,
    `        sunset: 2027-0${1 + (i % 9)}-15`,
  ].join('\n');
}

/** Each ecosystem's components of the generated catalog. */
const COMPONENTS = {
  npm: (count) => NPM_PLATFORM.slice(0, count).map((name, i) => component(`pkg-${i}`, i, 'npm', name)),
  docker: () => IMAGES.map((name, i) => component(`image-${i}`, i, 'docker', name)),
  action: () => ACTIONS.map((name, i) => component(`action-${i}`, i, 'action', name)),
  languages: () => [
    ...GO_MODULES.map((name, i) => component(`go-${i}`, i, 'go', name)),
    ...PY_PACKAGES.map((name, i) => component(`py-${i}`, i, 'pypi', name)),
    ...JVM_ARTIFACTS.map((name, i) => component(`jvm-${i}`, i, 'maven', name)),
    ...TF_MODULES.map((name, i) => component(`tf-${i}`, i, 'terraform', name)),
    ...CHARTS.map((name, i) => component(`chart-${i}`, i, 'helm', name)),
    component('node', 0, 'runtime', 'node'),
  ],
};

function writeCatalog(dir, parts) {
  const teams = Array.from({ length: 5 }, (_, i) => `  - id: team-${i}\n    name: Team ${i}`);
  fs.writeFileSync(path.join(dir, 'catalog.yaml'), `schema: platform-guide/v1\nteams:\n${teams.join('\n')}\ncomponents:\n${parts.flat().join('\n')}\n`);
}

/**
 * One function per kind of file: `(rand, m, options)` returns the files member `m` gets of that
 * kind, as `[path relative to the member's folder, text]` pairs (none: `[]`).
 */
export const FILE_KINDS = {
  /** A workspace member's package.json: `platform` platform dependencies, `deprecatedShare` of them below 2.0.0. */
  packageJson(rand, m, { platform, platformCount, deprecatedShare, thirdParty = 12 }) {
    const deps = {};
    const devDeps = {};
    for (let k = 0; k < thirdParty; k++) deps[THIRD_PARTY[rand(THIRD_PARTY.length)]] = `^${1 + rand(5)}.${rand(10)}.0`;
    // Distinct platform packages, so each member has `platform` of them.
    const start = rand(platformCount);
    for (let k = 0; k < platform; k++) {
      const name = NPM_PLATFORM[(start + k * 7) % platformCount];
      deps[name] = rand(1000) < deprecatedShare * 1000 ? `^1.${rand(9)}.0` : `^2.${rand(9)}.0`;
    }
    for (let k = 0; k < 4; k++) devDeps[THIRD_PARTY[rand(THIRD_PARTY.length)]] = `~${rand(4)}.${rand(10)}.${rand(10)}`;
    const manifest = { name: `@bench/pkg-${m}`, version: '1.0.0', private: true, scripts: { build: 'tsc -b', test: 'mocha' }, dependencies: deps, devDependencies: devDeps };
    return [['package.json', JSON.stringify(manifest, null, 2) + '\n']];
  },
  /** A multi-stage Dockerfile on a platform image (a third on a deprecated major) and a public one. */
  dockerfile(rand, m, { every = 10, offset = 0 }) {
    if (m % every !== offset) return [];
    const image = IMAGES[rand(IMAGES.length)];
    const tag = rand(3) === 0 ? `1.${rand(9)}-alpine` : `2.${rand(9)}.${rand(9)}`;
    const text = [
      '# syntax=docker/dockerfile:1',
      `FROM ${image}:${tag} AS build`,
      'WORKDIR /app',
      'COPY package.json ./',
      'RUN npm install && npm run build',
      '',
      'FROM nginx:1.27-alpine',
      'COPY --from=build /app/dist /usr/share/nginx/html',
      '',
    ].join('\n');
    return [['Dockerfile', text]];
  },
  /** A workflow: a public action and two platform actions (a third on v1), one of them by SHA with its version comment. */
  workflow(rand, m, { every = 10, offset = 5 }) {
    if (m % every !== offset) return [];
    const action = () => ACTIONS[rand(ACTIONS.length)];
    const major = () => (rand(3) === 0 ? 1 : 2);
    const sha = (n) => (n * 2654435761 >>> 0).toString(16).padStart(8, '0').repeat(5);
    const text = [
      'name: ci',
      'on:',
      '  push:',
      '    branches: [main]',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      `      - uses: ${action()}@v${major()}`,
      '        with:',
      '          target: build',
      `      - uses: ${action()}@${sha(m)} # v${major()}.${rand(9)}.0`,
      '      - run: npm test',
      '',
    ].join('\n');
    return [['.github/workflows/ci.yml', text]];
  },
};

/** A version a third of the time below 2.0.0 (deprecated), else 2.x. */
function version(rand, prefix = '') {
  return rand(3) === 0 ? `${prefix}1.${rand(9)}.${rand(9)}` : `${prefix}2.${rand(9)}.${rand(9)}`;
}

/** Language and infrastructure files, one kind each in one member of `every`. */
Object.assign(FILE_KINDS, {
  goMod(rand, m, { every = 20, offset = 1 }) {
    if (m % every !== offset) return [];
    const text = `module example.com/bench/svc-${m}\n\ngo 1.22\n\nrequire (\n\t${GO_MODULES[rand(5)]} ${version(rand, 'v')}\n\tgithub.com/google/uuid v1.6.0\n)\n`;
    return [['go.mod', text]];
  },
  pyproject(rand, m, { every = 20, offset = 3 }) {
    if (m % every !== offset) return [];
    const text = `[project]\nname = "svc-${m}"\nversion = "0.1.0"\ndependencies = [\n    "${PY_PACKAGES[rand(5)]}==${version(rand)}",\n    "httpx>=0.27",\n]\n`;
    return [['pyproject.toml', text]];
  },
  pom(rand, m, { every = 20, offset = 7 }) {
    if (m % every !== offset) return [];
    const [g, a] = JVM_ARTIFACTS[rand(5)].split(':');
    const text = `<?xml version="1.0" encoding="UTF-8"?>\n<project>\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>dev.bench</groupId>\n  <artifactId>svc-${m}</artifactId>\n  <version>1.0.0</version>\n  <properties>\n    <acme.version>${version(rand)}</acme.version>\n  </properties>\n  <dependencies>\n    <dependency>\n      <groupId>${g}</groupId>\n      <artifactId>${a}</artifactId>\n      <version>\${acme.version}</version>\n    </dependency>\n  </dependencies>\n</project>\n`;
    return [['pom.xml', text]];
  },
  terraform(rand, m, { every = 20, offset = 11 }) {
    if (m % every !== offset) return [];
    const text = `module "net" {\n  source  = "${TF_MODULES[rand(5)]}"\n  version = "~> ${rand(3) === 0 ? 1 : 2}.${rand(9)}"\n\n  cidr = "10.0.0.0/16"\n}\n`;
    return [['main.tf', text]];
  },
  chart(rand, m, { every = 20, offset = 13 }) {
    if (m % every !== offset) return [];
    const text = `apiVersion: v2\nname: svc-${m}\nversion: 0.1.0\ndependencies:\n  - name: ${CHARTS[rand(5)]}\n    version: "~${version(rand)}"\n    repository: oci://registry.acme.dev/charts\n`;
    return [['Chart.yaml', text]];
  },
  nvmrc(rand, m, { every = 20, offset = 17 }) {
    if (m % every !== offset) return [];
    return [['.nvmrc', `${rand(3) === 0 ? 1 : 2}${rand(2) === 0 ? '' : `.${rand(9)}.0`}\n`]];
  },
});

/** Each tree: the catalog's parts, the files every member gets (kind and its options), a lockfile or not. */
const TREES = {
  lockfile: {
    catalog: () => [COMPONENTS.npm(40)],
    kinds: [['packageJson', { platform: 3, platformCount: 40, deprecatedShare: 0.1 }]],
    lockfile: true,
  },
  findings: {
    catalog: () => [COMPONENTS.npm(60)],
    kinds: [['packageJson', { platform: 20, platformCount: 60, deprecatedShare: 1 / 3, thirdParty: 10 }]],
    lockfile: false,
  },
  mixed: {
    catalog: () => [COMPONENTS.npm(40), COMPONENTS.docker(), COMPONENTS.action(), COMPONENTS.languages()],
    kinds: [
      ['packageJson', { platform: 3, platformCount: 40, deprecatedShare: 0.1 }],
      ['dockerfile', { every: 10, offset: 0 }],
      ['workflow', { every: 10, offset: 5 }],
      ['goMod', {}],
      ['pyproject', {}],
      ['pom', {}],
      ['terraform', {}],
      ['chart', {}],
      ['nvmrc', {}],
    ],
    lockfile: false,
  },
};
export const TREE_NAMES = Object.keys(TREES);

/** Writes tree `name`'s catalog.yaml into `dir`, for benchmarks that lay out their own files. */
export function writeTreeCatalog(dir, name) {
  writeCatalog(dir, TREES[name].catalog());
}

/** Generates tree `name` with `members` workspace members in `dir` (emptied first). */
export function generateTree(dir, name, members) {
  const tree = TREES[name];
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const rand = prng(12345);
  writeCatalog(dir, tree.catalog());
  const lock = tree.lockfile ? lockfileBuilder() : undefined;
  for (let m = 0; m < members; m++) {
    const folder = `packages/pkg-${String(m).padStart(5, '0')}`;
    for (const [kind, options] of tree.kinds) {
      for (const [file, text] of FILE_KINDS[kind](rand, m, options)) {
        fs.mkdirSync(path.dirname(path.join(dir, folder, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, folder, file), text);
        if (lock && file === 'package.json') lock.member(folder, JSON.parse(text));
      }
    }
  }
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-monorepo', private: true, workspaces: ['packages/*'] }, null, 2) + '\n');
  if (lock) fs.writeFileSync(path.join(dir, 'package-lock.json'), lock.text());
  fs.writeFileSync(path.join(dir, '.generated'), `${GENERATOR_VERSION}\n`);
}

/** Whether `dir` holds a complete tree of this generator's version. */
export function isGenerated(dir) {
  try {
    return fs.readFileSync(path.join(dir, '.generated'), 'utf8').trim() === String(GENERATOR_VERSION);
  } catch {
    return false;
  }
}

/** A package-lock.json (v3) of the members: hoisted where versions agree, nested where not. */
function lockfileBuilder() {
  const packages = { '': { name: 'bench-monorepo', workspaces: ['packages/*'] } };
  const hoisted = new Map();
  return {
    member(folder, manifest) {
      const { dependencies: deps, devDependencies: devDeps } = manifest;
      packages[folder] = { name: manifest.name, version: '1.0.0', dependencies: deps, devDependencies: devDeps };
      packages[`node_modules/${manifest.name}`] = { resolved: folder, link: true };
      for (const [name, spec] of Object.entries({ ...deps, ...devDeps })) {
        const version = spec.replace(/^[\^~]/, '');
        const key = `node_modules/${name}`;
        if (!hoisted.has(key)) hoisted.set(key, version);
        else if (hoisted.get(key) !== version) packages[`${folder}/node_modules/${name}`] = { version, license: 'MIT' };
      }
    },
    text() {
      for (const [key, version] of hoisted) packages[key] = { version, license: 'MIT' };
      return JSON.stringify({ name: 'bench-monorepo', lockfileVersion: 3, requires: true, packages }, null, 2) + '\n';
    },
  };
}

