import { ZERO_RANGE, type Range } from '../../positions';
import type { DeclaredDependency } from '../../types';
import type { ReadResult } from './common';
import { parsePackageLock } from './packageLock';
import { parsePnpmLock } from './pnpmLock';
import { parseYarnLock } from './yarnLock';

export interface LockedVersion {
  version: string;
  /** The lockfile entry's range, computed on demand. */
  locate(): Range;
}

export interface NpmLockfile {
  readonly kind: 'package-lock' | 'yarn-classic' | 'yarn-berry' | 'pnpm';
  /** Folders (POSIX, relative to the lockfile's folder, '' = root) that the lockfile itself lists as workspace members/importers; undefined for yarn classic, which lists none. */
  readonly members: ReadonlySet<string> | undefined;
  /**
   * pnpm: the range a catalog entry had when the lockfile was written (its `catalogs` section), or
   * undefined. A catalog edited since then no longer says what the lockfile pinned.
   */
  catalogSpecifier?(catalog: string, name: string): string | undefined;
  /** The version pinned for `dep` as declared by the manifest in `memberDir`; undefined when not pinned. */
  resolve(memberDir: string, dep: DeclaredDependency): LockedVersion | undefined;
}

/** Preference order when several lockfiles sit in one folder: npm reads npm-shrinkwrap.json before package-lock.json. */
export const LOCKFILE_NAMES = ['npm-shrinkwrap.json', 'package-lock.json', 'pnpm-lock.yaml', 'yarn.lock'] as const;
export type LockfileName = (typeof LOCKFILE_NAMES)[number];

export function isLockfileName(basename: string): basename is LockfileName {
  return (LOCKFILE_NAMES as readonly string[]).includes(basename);
}

/** The lockfile a folder uses among the files present in it, by LOCKFILE_NAMES preference. */
export function pickLockfile(basenames: Iterable<string>): LockfileName | undefined {
  // A set is asked as it is: a scan asks once for every folder of a monorepo.
  const present: ReadonlySet<string> = basenames instanceof Set ? (basenames as Set<string>) : new Set(basenames);
  return LOCKFILE_NAMES.find((name) => present.has(name));
}

/** Reads a lockfile, dispatching on its file name. Never throws: garbage gives a problem. */
export function parseLockfile(basename: string, text: string): ReadResult<NpmLockfile> {
  switch (basename) {
    case 'package-lock.json':
    case 'npm-shrinkwrap.json':
      return parsePackageLock(text);
    case 'pnpm-lock.yaml':
      return parsePnpmLock(text);
    case 'yarn.lock':
      return parseYarnLock(text);
    default:
      return {
        ok: false,
        problems: [{ message: `${basename} is not an npm lockfile (expected one of ${LOCKFILE_NAMES.join(', ')})`, range: ZERO_RANGE }],
      };
  }
}
