import { LineIndex } from '../../positions';
import { runtimeVersioning } from '../../versioning/runtimeVersion';
import { terraformModule } from '../terraform';
import { scanRequiredVersion } from '../terraform/uses';
import type { EcosystemModule } from '../types';
import { lastScanKept, locateInOrder, type FoundUse } from '../yamlUses';
import { scanGoMod, scanPackageJson } from './manifests';
import { scanToolVersions, scanVersionFile, TOOL_VERSIONS, VERSION_FILES } from './versionFiles';

/** The version managers' files, by base name. */
const OWN_FILES = [...Object.keys(VERSION_FILES), TOOL_VERSIONS];
/** Every file the module reads by base name; package.json and go.mod are npm's and go's manifests too. */
const BASE_NAMES = [...OWN_FILES, 'package.json', 'go.mod'];

/** Terraform's configuration files, whose `required_version` pins the terraform runtime. */
function isTerraform(relPath: string): boolean {
  return terraformModule.wants(relPath);
}

function baseName(relPath: string): string {
  return typeof relPath === 'string' ? relPath.slice(relPath.lastIndexOf('/') + 1) : '';
}

function readScan(text: string, file: string): FoundUse[] {
  if (typeof text !== 'string') return [];
  const base = baseName(file);
  if (base === 'package.json') return scanPackageJson(text);
  if (base === 'go.mod') return scanGoMod(text);
  if (isTerraform(file)) return scanRequiredVersion(text);
  if (base === TOOL_VERSIONS) return scanToolVersions(text);
  return scanVersionFile(text, base);
}

/** parse, locate and rename of one text share its scan. */
const scan = lastScanKept(readScan);

/**
 * runtime (`ecosystems-v1.md`, "runtime"): the versions of node, python, go, java and terraform a
 * repository pins, in version managers' files, package.json `engines.node` and `volta.node`, and
 * go.mod's `go` and `toolchain`, and `*.tf` `required_version` (read by the terraform module's
 * HCL reader). The name is the runtime (`node`), the version text as written.
 */
export const runtimeModule: EcosystemModule = {
  id: 'runtime',
  // Written as npm and go write theirs, so the registry's list of globs holds each file once.
  files: [`**/{${OWN_FILES.join(',')}}`, '**/package.json', '**/go.mod', ...terraformModule.files],
  wants: (relPath) => BASE_NAMES.includes(baseName(relPath)) || isTerraform(relPath),
  versioning: runtimeVersioning,
  normaliseName: (name) => (typeof name === 'string' ? name.toLowerCase() : ''),
  // The files are read leniently (a version file has no syntax to get wrong); package.json, go.mod
  // and *.tf syntax errors are reported once, by npm, go and terraform.
  parse: (text, file) => ({ uses: scan(text, file).map((f) => f.dep), problems: [] }),
  locate(text, file, uses) {
    if (uses.length === 0) return [];
    return locateInOrder(scan(text, file), uses, new LineIndex(typeof text === 'string' ? text : ''));
  },
  // A runtime is not renamed: node does not become another runtime by editing a file. A rename of
  // another ecosystem's package in package.json or go.mod is none of this module's business.
  rename(text, file, from) {
    const pinned = scan(text, file).some((f) => f.dep.name === String(from).toLowerCase());
    return { splices: [], notes: pinned ? [`${file}: the runtime ${from} is not renamed; a migration moves a runtime to another version with a bump`] : [] };
  },
};
