import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { parseTree, type ParseError } from 'jsonc-parser';
import { bumpConstraint } from '../../src/core/bump';
import { parseCatalogText } from '../../src/core/catalog/parse';
import { parseRepoConfig } from '../../src/core/catalog/repoConfig';
import type { Component } from '../../src/core/catalog/model';
import type { EcosystemModule } from '../../src/core/ecosystems/types';
import { bumpManifest, renameInManifest } from '../../src/core/migrate/manifest';
import { RegexRunner } from '../../src/core/migrate/regex';
import { editJson, replaceLiteral, replaceRegexAll } from '../../src/core/migrate/steps';
import { isWorkspaceMember, locatePackageJson, parseLockfile, parsePnpmWorkspace, readPackageJson, splitNpmSpec } from '../../src/core/ecosystems/npm';
import { readPackageJsonParsed } from '../../src/core/ecosystems/npm/packageJson';
import { ZERO_RANGE } from '../../src/core/positions';
import type { DeclaredDependency } from '../../src/core/types';
import * as arb from './arbitraries';
import type { Checks } from './checks';
import * as corpus from './corpus';
import { SHAPES, aliasBomb, ancientDate, deepJson, hugeGlob, longVersion, manySpaces, starName, wideOrRange, type Shape } from './hostile';
import { mutate } from './mutate';
import { registeredModules } from '../../src/core/ecosystems';
import { SAMPLES } from '../unit/ecosystems/samples';
import type { Rng } from './rng';

/** One input: the text a parser reads and the other arguments of the call (a `find`, a `to`…). */
export interface FuzzInput {
  readonly text: string;
  readonly args: readonly string[];
  /** The hostile shapes it was built with (hostile.ts), for KNOWN_OPEN. */
  readonly shapes: readonly Shape[];
}

export interface FuzzTarget {
  readonly name: string;
  /** Input number i of a run: the same Rng state gives the same input. */
  generate(rng: Rng): FuzzInput;
  /** Calls the parser; a throw is a crash, a violation recorded in `checks` an out-of-text position. */
  run(input: FuzzInput, checks: Checks): void;
}

/**
 * Hostile shapes whose defects are known and being fixed. The fixed-seed slice in `npm test`
 * leaves inputs of these shapes out so it stays green meanwhile; `npm run fuzz` tries them unless
 * given `--skip-known-open`. Remove a shape from here as soon as its fix lands.
 */
export const KNOWN_OPEN: readonly Shape[] = [];

interface Hostile {
  readonly shape: Shape;
  make(rng: Rng): { text: string; args?: readonly string[] };
}

interface TextTargetOptions {
  readonly name: string;
  /** Realistic files to mutate. */
  readonly corpus: readonly string[];
  /** Plausible files of the format, also mutated now and then. */
  readonly arbitrary: fc.Arbitrary<string>;
  readonly hostile?: readonly Hostile[];
  /** The call's other arguments for a generated text. */
  args?(rng: Rng): string[];
  run(input: FuzzInput, checks: Checks): void;
}

/**
 * A target whose input is a text: ~3% a known hostile shape, ~40% a structure-aware file, the
 * rest a mutation of a corpus file or of a generated one.
 */
export function textTarget(options: TextTargetOptions): FuzzTarget {
  const hostile = options.hostile ?? [];
  return {
    name: options.name,
    generate(rng) {
      const args = options.args?.(rng) ?? [];
      const r = rng.next();
      if (hostile.length > 0 && r < 0.03) {
        const h = rng.pick(hostile);
        const made = h.make(rng);
        return { text: made.text, args: made.args ?? args, shapes: [h.shape] };
      }
      if (r < 0.43) return { text: arb.sampleOne(options.arbitrary, rng.seed()), args, shapes: [] };
      const base = rng.chance(0.7) ? rng.pick(options.corpus) : arb.sampleOne(options.arbitrary, rng.seed());
      const mutated = mutate(base, rng, rng.pick(options.corpus));
      return { text: mutated.text, args, shapes: mutated.shapes };
    },
    run: options.run,
  };
}

/**
 * The target of one ecosystem module (src/core/ecosystems): `parse` never throws and its problems
 * lie inside the text; `locate` gives one place per use, each range spanning the version text (or
 * the name when there is none) and each name range the name; `rename` never throws and its splices
 * lie inside the text, in order, without overlap. `files` are relative paths to pass as `file`.
 */
export function ecosystemTarget(module: EcosystemModule, seeds: { files: readonly string[]; texts: readonly string[]; arbitrary?: fc.Arbitrary<string> }): FuzzTarget {
  return textTarget({
    name: `ecosystem-${module.id}`,
    corpus: seeds.texts,
    arbitrary: seeds.arbitrary ?? fc.string({ unit: 'binary', maxLength: 300 }),
    args: (rng) => [rng.pick(seeds.files), arb.sampleOne(arb.names, rng.seed())],
    run({ text, args }, checks) {
      const file = args[0] ?? seeds.files[0] ?? '';
      const parsed = module.parse(text, file);
      for (const p of parsed.problems) checks.inside(p.range, 'parse problem');
      const located = module.locate(text, file, parsed.uses);
      checks.ok(located.length === parsed.uses.length, `locate returned ${located.length} places for ${parsed.uses.length} uses`);
      for (const use of located) {
        const name = [use.name, use.key];
        checks.spans(use.range, use.constraint === null ? name : [use.constraint, ...name], `range of ${use.section} ${use.key}`);
        // A file that writes no name (`.nvmrc`) puts the name range on the version text, as its range.
        const unnamed = use.constraint !== null && JSON.stringify(use.nameRange) === JSON.stringify(use.range);
        checks.spans(use.nameRange, unnamed ? [use.constraint!, ...name] : name, `name range of ${use.section} ${use.key}`);
      }
      const from = parsed.uses[0]?.name ?? 'a';
      const renamed = module.rename(text, file, from, args[1] ?? 'renamed');
      let last = 0;
      for (const s of renamed.splices) {
        checks.ok(last <= s.start && s.start <= s.end && s.end <= text.length, `rename splice ${s.start}-${s.end} is outside the text or overlaps another`);
        last = s.end;
      }
    },
  });
}

// ---- the npm parsers -------------------------------------------------------------------------

const jsonHostile = (wrap: (inner: string) => string): Hostile[] => [
  { shape: SHAPES.deepJson, make: (rng) => ({ text: wrap(deepJson(rng, '"1.0.0"')) }) },
  { shape: SHAPES.longVersion, make: (rng) => ({ text: wrap(JSON.stringify(longVersion(rng))) }) },
  { shape: SHAPES.manySpaces, make: (rng) => ({ text: wrap(JSON.stringify(manySpaces(rng))) }) },
];

/** Dependencies to look up in a lockfile: the names and specs the corpus and generators use. */
const LOOKUPS: DeclaredDependency[] = ['', 'packages/a'].flatMap(() =>
  [
    ['@acme/ui', '@acme/ui', '^2.3.0'],
    ['@acme/ui', 'ui-next', '^3.1.0'],
    ['a', 'a', '1.0.0'],
    ['a', 'a', '^1.0.0'],
    ['c', 'c', '3.0.0'],
  ].map(([name, key, constraint]) => ({ ecosystem: 'npm' as const, name: name!, key: key!, constraint: constraint!, section: 'dependencies' })),
);

function lockfileTarget(name: string, basename: string, seeds: readonly string[], arbitrary: fc.Arbitrary<string>, hostile: Hostile[]): FuzzTarget {
  return textTarget({
    name,
    corpus: seeds,
    arbitrary,
    hostile,
    run({ text }, checks) {
      const read = parseLockfile(basename, text);
      if (!read.ok) {
        for (const p of read.problems) checks.inside(p.range, 'lockfile problem');
        return;
      }
      void read.value.members;
      for (const memberDir of ['', 'packages/a', 'apps/web']) {
        for (const dep of LOOKUPS) {
          const pin = read.value.resolve(memberDir, dep);
          // package-lock places a pin on its entry's key when the version is not where npm writes it.
          if (pin) checks.contains(pin.locate(), [pin.version, `node_modules/${dep.key}`], `pin of ${dep.key}@${dep.constraint ?? ''} in "${memberDir}"`);
        }
      }
    },
  });
}

const lineHostile = (line: (value: string) => string): Hostile[] => [
  { shape: SHAPES.longVersion, make: (rng) => ({ text: line(longVersion(rng)) }) },
  { shape: SHAPES.manySpaces, make: (rng) => ({ text: line(manySpaces(rng)) }) },
];

/** A component of one npm package pattern, for the bump of a manifest. */
function componentOf(pattern: string): Component {
  const source = { file: 'catalog.yaml', range: ZERO_RANGE };
  return { id: 'c', name: 'C', owner: 't', lifecycle: 'production', packages: [{ ecosystem: 'npm', pattern, source }], deprecations: [], migrations: [], source };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const regexRunner = new RegexRunner(200);
const PATTERNS = ['(a+)+$', '"(\\w+)"', '\\^(\\d+)', 'x(', '(?<v>\\d+)\\.', '', '.*', '\\s+$', '[', '(?=a)', '\\u{1F600}'];

/**
 * Every target of the fuzzer; the ecosystems' come from the registry (see the end of the list).
 */
export const TARGETS: readonly FuzzTarget[] = [
  textTarget({
    name: 'package-json',
    corpus: corpus.PACKAGE_JSON,
    arbitrary: arb.packageJson,
    hostile: [
      ...jsonHostile((v) => `{"dependencies":{"a":${v}}}`),
      { shape: SHAPES.starNames, make: (rng) => ({ text: JSON.stringify({ dependencies: { [starName(rng)]: '^1.0.0' } }) }) },
    ],
    run({ text }, checks) {
      const read = readPackageJson(text);
      // The one-pass reader reads what the JSON.parse path reads, and refuses what it refuses.
      checks.ok(isDeepStrictEqual(read, readPackageJsonParsed(text)), 'readPackageJson differs from the JSON.parse path');
      if (!read.ok) {
        for (const p of read.problems) checks.inside(p.range, 'package.json problem');
        return;
      }
      for (const dep of locatePackageJson(text, read.value.dependencies)) {
        const name = [dep.key, dep.name];
        checks.spans(dep.range, dep.constraint === null ? name : [dep.constraint, ...name], `range of ${dep.section} ${dep.key}`);
        checks.spans(dep.nameRange, name, `name range of ${dep.section} ${dep.key}`);
      }
    },
  }),
  textTarget({
    name: 'npm-spec',
    corpus: corpus.CONSTRAINTS.map((c) => `npm:@acme/ui@${c}`),
    arbitrary: arb.constraints,
    hostile: [{ shape: SHAPES.longVersion, make: (rng) => ({ text: `npm:a@${longVersion(rng)}` }) }],
    run({ text }, checks) {
      const spec = splitNpmSpec(text);
      if (spec.constraint !== null) {
        const at = text.slice(spec.constraintOffset, spec.constraintOffset + spec.constraint.length);
        checks.ok(at === spec.constraint, `constraintOffset ${spec.constraintOffset} points at ${JSON.stringify(at)}, not at the constraint`);
      }
    },
  }),
  lockfileTarget('package-lock', 'package-lock.json', corpus.PACKAGE_LOCK, arb.packageLock, [
    ...jsonHostile((v) => `{"lockfileVersion":3,"packages":{"node_modules/a":{"version":${v}}}}`),
  ]),
  lockfileTarget('yarn-lock', 'yarn.lock', [...corpus.YARN_CLASSIC, ...corpus.YARN_BERRY], arb.yarnLock, [
    ...lineHostile((v) => `a@^1.0.0:\n  version "${v}"\n`),
    ...lineHostile((v) => `__metadata:\n  version: 8\n\n"a@npm:^1.0.0":\n  version: ${v}\n`),
  ]),
  lockfileTarget('pnpm-lock', 'pnpm-lock.yaml', corpus.PNPM_LOCK, arb.pnpmLock, [
    ...lineHostile((v) => `lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      a:\n        specifier: 1.0.0\n        version: ${v}\n`),
    { shape: SHAPES.aliasBomb, make: () => ({ text: `lockfileVersion: '9.0'\n${aliasBomb('k')}` }) },
  ]),
  textTarget({
    name: 'pnpm-workspace',
    corpus: corpus.PNPM_WORKSPACE,
    arbitrary: arb.pnpmWorkspace,
    hostile: [
      { shape: SHAPES.aliasBomb, make: () => ({ text: `${aliasBomb('k')}packages: *a8\n` }) },
      { shape: SHAPES.hugeGlob, make: (rng) => ({ text: `packages:\n  - '${hugeGlob(rng)}'\n` }) },
    ],
    run({ text }) {
      const globs = parsePnpmWorkspace(text);
      for (const dir of ['packages/a', 'apps/web/x', '', 'a']) isWorkspaceMember(dir, globs);
    },
  }),
  textTarget({
    name: 'catalog',
    corpus: corpus.CATALOG,
    arbitrary: arb.catalog,
    hostile: [
      { shape: SHAPES.aliasBomb, make: () => ({ text: `schema: platform-guide/v1\n${aliasBomb('x')}` }) },
      { shape: SHAPES.ancientDate, make: (rng) => ({ text: corpus.CATALOG[0]!.replace('2026-12-31', ancientDate(rng)) }) },
      { shape: SHAPES.wideOrRange, make: (rng) => ({ text: corpus.CATALOG[0]!.replace('"<3.0.0"', JSON.stringify(wideOrRange(rng))) }) },
      { shape: SHAPES.longVersion, make: (rng) => ({ text: corpus.CATALOG[0]!.replace('"<3.0.0"', JSON.stringify(longVersion(rng))) }) },
      { shape: SHAPES.starNames, make: (rng) => ({ text: corpus.CATALOG[0]!.replace('"@acme/ui-*"', JSON.stringify(starName(rng))) }) },
    ],
    run({ text }, checks) {
      checks.allInside(parseCatalogText('platform-catalog.yaml', text), 'catalog');
    },
  }),
  textTarget({
    name: 'repo-config',
    corpus: corpus.REPO_CONFIG,
    arbitrary: arb.repoConfig,
    hostile: [
      { shape: SHAPES.aliasBomb, make: () => ({ text: aliasBomb('x') }) },
      { shape: SHAPES.ancientDate, make: (rng) => ({ text: corpus.REPO_CONFIG[0]!.replace('2027-01-31', ancientDate(rng)) }) },
      { shape: SHAPES.wideOrRange, make: (rng) => ({ text: corpus.REPO_CONFIG[0]!.replace('"^2"', JSON.stringify(wideOrRange(rng))) }) },
    ],
    run({ text }, checks) {
      checks.allInside(parseRepoConfig('.platform-guide.yaml', text), 'repository file');
    },
  }),
  textTarget({
    name: 'bump',
    corpus: corpus.CONSTRAINTS,
    arbitrary: arb.constraints,
    args: (rng) => [arb.sampleOne(arb.versions, rng.seed())],
    hostile: [
      { shape: SHAPES.manySpaces, make: (rng) => ({ text: manySpaces(rng), args: ['4.2.0'] }) },
      { shape: SHAPES.wideOrRange, make: (rng) => ({ text: wideOrRange(rng), args: ['4.2.0'] }) },
      { shape: SHAPES.longVersion, make: (rng) => ({ text: longVersion(rng), args: ['4.2.0'] }) },
    ],
    run({ text, args }, checks) {
      const bumped = bumpConstraint(text, args[0] ?? '');
      checks.ok(bumped === undefined || typeof bumped === 'string', `bumpConstraint returned ${typeof bumped}`);
    },
  }),
  textTarget({
    name: 'bump-manifest',
    corpus: corpus.PACKAGE_JSON,
    arbitrary: arb.packageJson,
    args: (rng) => [rng.chance(0.3) ? '*' : arb.sampleOne(arb.names, rng.seed()), arb.sampleOne(arb.versions, rng.seed())],
    hostile: [
      ...jsonHostile((v) => `{"dependencies":{"a":${v}}}`).map((h) => ({ ...h, make: (rng: Rng) => ({ ...h.make(rng), args: ['a', '4.2.0'] }) })),
      { shape: SHAPES.starNames, make: (rng) => ({ text: JSON.stringify({ dependencies: { ['a'.repeat(5000)]: '^1.0.0' } }), args: [starName(rng), '4.2.0'] }) },
    ],
    run({ text, args }, checks) {
      const out = bumpManifest(text, 'package.json', componentOf(args[0] ?? 'a'), args[1] ?? '1.0.0');
      checks.ok(!isJson(text) || isJson(out.text), 'the bump turned a valid package.json into invalid JSON');
    },
  }),
  textTarget({
    name: 'rename',
    corpus: corpus.PACKAGE_JSON,
    arbitrary: arb.packageJson,
    args: (rng) => [rng.pick(['@acme/ui', 'a', 'left-pad', '__proto__', arb.sampleOne(arb.names, rng.seed())]), arb.sampleOne(arb.names, rng.seed())],
    hostile: jsonHostile((v) => `{"dependencies":{"a":${v}}}`).map((h) => ({ ...h, make: (rng: Rng) => ({ ...h.make(rng), args: ['a', 'b'] }) })),
    run({ text, args }, checks) {
      const out = renameInManifest(text, 'package.json', args[0] ?? 'a', args[1] ?? 'b');
      checks.ok(!isJson(text) || isJson(out.text), 'the rename turned a valid package.json into invalid JSON');
    },
  }),
  textTarget({
    name: 'step-replace-literal',
    corpus: [...corpus.PACKAGE_JSON, ...corpus.CATALOG],
    arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }),
    args: (rng) => [rng.pick(['a', '"', '\n', '', '\r\n', 'ui', '\ud800', '$&', '$1']), rng.pick(['', 'b', '$&', '\u0000', 'x'.repeat(rng.between(1, 100))])],
    hostile: [{ shape: SHAPES.hugeReplace, make: () => ({ text: 'a'.repeat(1 << 20), args: ['a', 'b'.repeat(600)] }) }],
    run({ text, args }) {
      replaceLiteral(text, args[0] ?? '', args[1] ?? '');
    },
  }),
  textTarget({
    name: 'step-replace-regex',
    corpus: [...corpus.PACKAGE_JSON, ...corpus.CATALOG],
    arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }),
    args: (rng) => [rng.pick(PATTERNS), rng.pick(['', '$1', '$<v>', '$&$&', '$$', 'x'])],
    run({ text, args }, checks) {
      const results = replaceRegexAll([text], args[0] ?? '', args[1] ?? '', regexRunner);
      checks.ok(results.length === 1, `the regex step gave ${results.length} results for one file`);
    },
  }),
  textTarget({
    name: 'step-json',
    corpus: [...corpus.PACKAGE_JSON, ...corpus.PACKAGE_LOCK],
    arbitrary: arb.packageJson,
    args: (rng) => {
      const path = (): string => rng.pick(['a', 'a.b', 'compilerOptions.strict', 'dependencies.@acme/ui', 'workspaces.0', 'x.0.y', '', '.', '__proto__.x', 'a..b']);
      return [JSON.stringify({ [path()]: rng.pick([true, 1, 'x', null, { a: [1] }, []]) }), JSON.stringify(rng.chance(0.5) ? [path()] : [])];
    },
    hostile: [{ shape: SHAPES.deepJson, make: (rng) => ({ text: `{"a":${deepJson(rng)}}`, args: ['{"a.b":1}', '["a"]'] }) }],
    run({ text, args }, checks) {
      const out = editJson(text, JSON.parse(args[0] ?? '{}') as Record<string, unknown>, JSON.parse(args[1] ?? '[]') as string[]);
      if (out.ok) {
        const errors: ParseError[] = [];
        parseTree(out.text, errors, { allowTrailingComma: true, disallowComments: false });
        checks.ok(errors.length === 0, 'the json step turned a readable file into one with JSON syntax errors');
      }
    },
  }),
  // Every registered ecosystem, on its contract-test samples and mutations of them: a module is
  // fuzzed from the moment it has its registry line and its samples.
  ...registeredModules().map((m) => {
    const samples = SAMPLES[m.id] ?? [];
    const npm = m.id === 'npm';
    return ecosystemTarget(m, {
      files: samples.map((x) => x.file),
      texts: [...samples.map((x) => x.text), ...(npm ? corpus.PACKAGE_JSON : [])],
      ...(npm ? { arbitrary: arb.packageJson } : {}),
    });
  }),
];

export function targetNamed(name: string): FuzzTarget | undefined {
  return TARGETS.find((t) => t.name === name);
}
