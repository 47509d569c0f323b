/** The npm ecosystem of the engine: manifests, lockfiles and which lockfile applies where. */
export { DEPENDENCY_SECTIONS, locatePackageJson, parsePackageJson, readPackageJson, splitNpmSpec } from './packageJson';
export type { PackageJsonInfo, ParseProblem, ReadResult } from './packageJson';
export { LOCKFILE_NAMES, isLockfileName, parseLockfile, pickLockfile } from './lockfile';
export type { LockedVersion, LockfileName, NpmLockfile } from './lockfile';
export { parsePackageLock } from './packageLock';
export { parseYarnLock } from './yarnLock';
export { parsePnpmLock } from './pnpmLock';
export { applicableLockfile, isWorkspaceMember, parsePnpmWorkspace, readPnpmWorkspace } from './workspaces';
export type { FolderFacts, LockfileScope } from './workspaces';
export { npmModule } from './module';
export type { NpmParsedFile } from './module';
export { renamePackageJson } from './rename';
