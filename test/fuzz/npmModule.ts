import type { EcosystemModule, Splice } from '../../src/core/ecosystems/types';
import { bumpConstraint } from '../../src/core/bump';
import { renameInManifest } from '../../src/core/migrate/manifest';
import { locatePackageJson, readPackageJson } from '../../src/core/npm';
import { normaliseNpm } from '../../src/core/versions';

/**
 * The npm package.json functions seen through the EcosystemModule contract, so that the generic
 * `ecosystemTarget` runs today. Once npm is a module of the registry, the fuzzer takes that one
 * instead and this adapter goes.
 */
export const npmManifestModule: EcosystemModule = {
  id: 'npm',
  files: ['**/package.json'],
  wants: (relPath) => relPath === 'package.json' || relPath.endsWith('/package.json'),
  versioning: { id: 'semver', normalise: normaliseNpm, bump: bumpConstraint },
  normaliseName: (name) => name,
  parse(text) {
    const read = readPackageJson(text);
    return read.ok ? { uses: read.value.dependencies, problems: [] } : { uses: [], problems: read.problems };
  },
  locate: (text, _file, uses) => locatePackageJson(text, uses),
  rename(text, _file, from, to) {
    const result = renameInManifest(text, from, to);
    if (!result.ok) return { splices: [], notes: [result.reason] };
    return { splices: result.text === text ? [] : [difference(text, result.text)], notes: result.notes ?? [] };
  },
};

/** One splice that turns `before` into `after`: what lies between their common prefix and suffix. */
function difference(before: string, after: string): Splice {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { start, end: before.length - end, text: after.slice(start, after.length - end) };
}
