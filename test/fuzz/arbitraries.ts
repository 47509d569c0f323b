import fc from 'fast-check';
import { stringify } from 'yaml';
import { CONSTRAINTS } from './corpus';

/**
 * Structure-aware generators: plausible files of each format, with the odd values real
 * repositories hold (aliases, protocols, `__proto__` keys, non-string values) in plausible places.
 * Sampled with a seed per input (`sampleOne`), so input `i` is the same on every run.
 */
export const names = fc.oneof(
  fc.constantFrom('a', 'left-pad', '@acme/ui', '@acme/ui-legacy', 'ui-next', '__proto__', 'constructor', 'é', '@a/b/c', ''),
  fc.stringMatching(/^(@[a-z0-9-]{1,8}\/)?[a-z0-9._-]{1,12}$/),
);

export const versions = fc.oneof(
  fc.constantFrom('1.0.0', '2.3.4', '0.0.0-use.local', '1.0.0-beta.1+build', 'v1.2.3', '01.2.3', '1.2', 'x'),
  fc.tuple(fc.nat(30), fc.nat(30), fc.nat(30)).map(([a, b, c]) => `${a}.${b}.${c}`),
);

export const constraints = fc.oneof(
  fc.constantFrom(...CONSTRAINTS),
  fc.tuple(fc.constantFrom('', '^', '~', '>=', '<', '=', 'v', '>= '), versions).map(([op, v]) => op + v),
  fc.array(fc.tuple(fc.constantFrom('^', '~', ''), versions).map(([op, v]) => op + v), { minLength: 1, maxLength: 6 }).map((a) => a.join(' || ')),
  fc.tuple(names, constraints0()).map(([n, c]) => `npm:${n}@${c}`),
  fc.string({ maxLength: 20 }),
);

function constraints0(): fc.Arbitrary<string> {
  return fc.constantFrom(...CONSTRAINTS);
}

const eols = fc.constantFrom('\n', '\r\n');

/** JSON text of `value` with the spacing, line ends and byte-order mark of some editor. */
function jsonText(value: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc
    .tuple(value, fc.constantFrom(0, 2, 4, '\t'), eols, fc.boolean())
    .map(([v, indent, eol, bom]) => (bom ? '\ufeff' : '') + (JSON.stringify(v, null, indent) ?? 'null').replace(/\n/g, eol));
}

const depMap = fc.dictionary(names, fc.oneof({ weight: 8, arbitrary: constraints }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }), { maxKeys: 8 });

export const packageJson = jsonText(
  fc.record(
    {
      name: fc.oneof(names, fc.integer()),
      workspaces: fc.oneof(fc.array(fc.constantFrom('packages/*', 'apps/**', '!x', '', '.')), fc.record({ packages: fc.array(fc.string()) })),
      dependencies: depMap,
      devDependencies: depMap,
      optionalDependencies: fc.oneof(depMap, fc.jsonValue({ maxDepth: 2 })),
      peerDependencies: depMap,
    },
    { requiredKeys: [] },
  ),
);

const lockEntry = fc.record({ version: fc.oneof(versions, fc.jsonValue({ maxDepth: 1 })), resolved: fc.string(), link: fc.boolean() }, { requiredKeys: [] });

export const packageLock = jsonText(
  fc.record(
    {
      lockfileVersion: fc.oneof(fc.constantFrom(1, 2, 3), fc.jsonValue({ maxDepth: 1 })),
      packages: fc.dictionary(
        fc.oneof(fc.constantFrom('', 'packages/a', '__proto__'), names.map((n) => `node_modules/${n}`), fc.tuple(names, names).map(([a, b]) => `node_modules/${a}/node_modules/${b}`)),
        fc.oneof(lockEntry, fc.record({ dependencies: depMap, workspaces: fc.array(fc.string()) }, { requiredKeys: [] })),
        { maxKeys: 8 },
      ),
      dependencies: fc.dictionary(names, fc.record({ version: versions, dependencies: fc.dictionary(names, lockEntry, { maxKeys: 2 }) }, { requiredKeys: [] }), { maxKeys: 5 }),
    },
    { requiredKeys: [] },
  ),
);

/** A yarn.lock, classic or berry, written entry by entry as yarn does. */
export const yarnLock = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.tuple(fc.array(fc.tuple(names, constraints), { minLength: 1, maxLength: 3 }), versions, fc.boolean()), { maxLength: 6 }),
    eols,
  )
  .map(([berry, entries, eol]) => {
    const out: string[] = berry ? ['__metadata:', '  version: 8', ''] : ['# yarn lockfile v1', ''];
    for (const [descriptors, version, workspace] of entries) {
      const list = descriptors.map(([n, c]) => (berry ? `${n}@${workspace ? 'workspace:' : 'npm:'}${c}` : `${n}@${c}`));
      out.push(berry ? `${JSON.stringify(list.join(', '))}:` : `${list.map((d) => JSON.stringify(d)).join(', ')}:`);
      out.push(berry ? `  version: ${version}` : `  version ${JSON.stringify(version)}`);
      if (berry) out.push(`  resolution: "${descriptors[0]![0]}@${workspace ? 'workspace:packages/x' : `npm:${version}`}"`);
      out.push('');
    }
    return out.join(eol);
  });

/** A pnpm-lock.yaml of version 5, 6 or 9. */
export const pnpmLock = fc
  .tuple(
    fc.constantFrom("'9.0'", "'6.0'", '5.4', '5.3', "'10.0'", '4'),
    fc.array(fc.tuple(fc.constantFrom('.', 'packages/a', 'apps/web/', './x'), fc.array(fc.tuple(fc.constantFrom('dependencies', 'devDependencies', 'optionalDependencies'), names, constraints, versions), { maxLength: 4 })), { maxLength: 3 }),
    eols,
  )
  .map(([lv, importers, eol]) => {
    const v9 = !/^5/.test(lv);
    const quote = (s: string): string => (/^[\w.-][\w./-]*$/.test(s) ? s : `'${s.replace(/'/g, "''")}'`);
    const out = [`lockfileVersion: ${lv}`, '', 'importers:', ''];
    for (const [dir, deps] of importers) {
      out.push(`  ${quote(dir)}:`);
      for (const [section, name, spec, version] of deps) {
        out.push(`    ${section}:`);
        if (v9) out.push(`      ${quote(name)}:`, `        specifier: ${quote(spec)}`, `        version: ${quote(version)}(react@18.2.0)`);
        else out.push(`      ${quote(name)}: ${version}_react@18.2.0`);
      }
      out.push('');
    }
    out.push('packages:', '', "  '/a@1.0.0':", '    resolution: {integrity: sha512-x}');
    return out.join(eol);
  });

export const pnpmWorkspace = fc
  .record({ packages: fc.array(fc.oneof(fc.constantFrom('packages/*', 'apps/**', '!**/test/**', '', '.', '../x', '{a,b}/*', '[a-'), fc.string()), { maxLength: 6 }) }, { requiredKeys: [] })
  .map((v) => stringify(v));

const date = fc.oneof(
  fc.constantFrom('2026-12-31', '2027-02-29', '2026-13-01', '9999-12-31', 'tomorrow', ''),
  fc.tuple(fc.integer({ min: 100, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 })).map(
    ([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  ),
);

const step = fc.oneof(
  fc.record({ rename: fc.record({ from: names, to: names }) }),
  fc.record({ replace: fc.record({ files: fc.array(fc.constantFrom('src/**/*.ts', '**', '../x', '/etc/passwd', '*.json')), find: fc.string(), with: fc.string() }) }),
  fc.record({ replace: fc.record({ files: fc.array(fc.string()), regex: fc.constantFrom('(a+)+$', 'x(', '\\w+', '(?<n>a)', '.*'), with: fc.string() }) }),
  fc.record({ json: fc.record({ files: fc.array(fc.string()), set: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), remove: fc.array(fc.string()) }, { requiredKeys: ['files'] }) }),
);

const component = fc.record(
  {
    id: fc.oneof(names, fc.string()),
    name: fc.string(),
    owner: fc.constantFrom('web-platform', 'nobody', ''),
    lifecycle: fc.constantFrom('production', 'experimental', 'deprecated', 'retired'),
    sunset: date,
    replacedBy: fc.string(),
    packages: fc.record({ npm: fc.array(fc.oneof(names, fc.constantFrom('*', '@acme/*', '**'))), docker: fc.array(fc.string()) }, { requiredKeys: [] }),
    recommended: constraints,
    deprecations: fc.array(fc.record({ versions: constraints, message: fc.string(), sunset: date, severity: fc.constantFrom('error', 'warning', 'info', 'hint'), migration: fc.string() }, { requiredKeys: ['versions'] }), { maxLength: 3 }),
    migrations: fc.array(fc.record({ id: fc.string(), title: fc.string(), from: constraints, to: versions, steps: fc.array(step, { maxLength: 3 }) }, { requiredKeys: [] }), { maxLength: 2 }),
  },
  { requiredKeys: ['id', 'name', 'owner', 'lifecycle', 'packages'] },
);

/** A catalog, as YAML (mostly) or JSON, schema line first. */
export const catalog = fc
  .tuple(
    fc.record(
      {
        schema: fc.constantFrom('platform-guide/v1', 'platform-guide/v2'),
        policy: fc.record({ sunsetWarningDays: fc.oneof(fc.nat(400), fc.double(), fc.string()) }),
        teams: fc.array(fc.record({ id: fc.constantFrom('web-platform', 't', ''), name: fc.string(), docs: fc.constantFrom('https://x.dev', 'http://x', 'javascript:x'), feedback: fc.array(fc.record({ email: fc.string() })) }, { requiredKeys: ['id'] }), { maxLength: 2 }),
        components: fc.array(component, { maxLength: 3 }),
      },
      { requiredKeys: ['schema'] },
    ),
    fc.boolean(),
  )
  .map(([v, json]) => (json ? JSON.stringify(v, null, 2) : stringify(v)));

export const repoConfig = fc
  .record(
    {
      catalogs: fc.array(fc.oneof(fc.constantFrom('./c.yaml', '../outside.yaml', 'https://x.dev/c.yaml', 'http://x.dev/c.yaml', '/abs.yaml'), fc.string())),
      exclude: fc.array(fc.string()),
      exceptions: fc.array(fc.record({ component: names, versions: constraints, paths: fc.array(fc.string()), until: date, reason: fc.string(), by: fc.string() }, { requiredKeys: [] }), { maxLength: 3 }),
    },
    { requiredKeys: [] },
  )
  .map((v) => stringify(v));

/** One value of `arb` for this seed. */
export function sampleOne<T>(arb: fc.Arbitrary<T>, seed: number): T {
  return fc.sample(arb, { seed, numRuns: 1 })[0]!;
}
