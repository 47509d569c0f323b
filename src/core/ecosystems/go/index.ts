import { LineIndex } from '../../positions';
import { goModuleVersioning, pathFitsVersion } from '../../versioning/goModule';
import type { EcosystemModule, ParseProblem, RenameResult, Splice } from '../types';
import { lastScanKept, locateInOrder, type FoundUse } from '../yamlUses';
import { readGoMod, type Directive, type Token } from './modFile';

const MANIFEST = 'go.mod';

/** A go.mod's requirements with their places, and what made lines of it unreadable. */
interface GoModScan {
  readonly found: FoundUse[];
  readonly problems: ParseProblem[];
  readonly index: LineIndex;
  /** `replace` and `exclude` directives, for the notes of a rename. */
  readonly others: Directive[];
}

/**
 * Every `require` of a go.mod, single line or block, `// indirect` ones included (an indirect
 * requirement is still a version the build uses). `replace`, `exclude` and `retract` are not uses;
 * the `go` and `toolchain` directives are the runtime module's. A `require` line that is not a
 * module path and a version is reported where it stands, and the rest of the file still counts.
 */
function readScan(text: string): GoModScan {
  const src = typeof text === 'string' ? text : '';
  const index = new LineIndex(src);
  const read = readGoMod(src);
  const found: FoundUse[] = [];
  const others: Directive[] = [];
  const problems: ParseProblem[] = read.problems.map((p) => ({ message: p.message, range: index.range(p.span.start, p.span.end) }));
  for (const d of read.directives) {
    if (d.verb.value === 'replace' || d.verb.value === 'exclude') others.push(d);
    if (d.verb.value !== 'require') continue;
    const [path, version] = d.args;
    if (d.args.length !== 2 || !path!.exact || !version!.exact || path!.value === '' || version!.value === '') {
      const where = d.args[0]?.span ?? d.verb.span;
      const last = d.args.at(-1)?.span ?? d.verb.span;
      problems.push({
        message: 'a requirement is a module path and its version (`require example.com/mod v1.2.3`), each without spaces or escapes; the go command refuses this line',
        range: index.range(where.start, last.end),
      });
      continue;
    }
    found.push({
      dep: { ecosystem: 'go', name: path!.value, constraint: version!.value, section: 'require', key: path!.value },
      name: { value: path!.value, span: path!.span, exact: true, after: path!.span.end },
      version: version!.span,
    });
  }
  return { found, problems, index, others };
}

/** parse, locate and rename of one text share its scan. */
const scan = lastScanKept((text: string) => readScan(text));

/** Characters a module path never holds, and which would change how the line reads. */
const NOT_A_PATH = /[\s"`()\\]|\/\/|^$/;

/**
 * The module path `from` becomes `to` in every `require` line, its version kept. Module paths are
 * case-sensitive, so only an exact match is renamed. A requirement whose version the new path
 * cannot take (`/v2` with v1.9.0) is left as written and said so. A `replace` or `exclude` that
 * names `from` is left as written and said so: whether it still applies to the new path is for a
 * person to decide.
 */
function rename(text: string, _file: string, from: string, to: string): RenameResult {
  if (typeof to !== 'string' || NOT_A_PATH.test(to)) {
    return { splices: [], notes: [`\`${String(to)}\` is not a module path (no spaces, quotes, parentheses or \`//\`); nothing was renamed`] };
  }
  const { found, index, others } = scan(text);
  const splices: Splice[] = [];
  const notes: string[] = [];
  for (const f of found) {
    if (f.dep.name !== from || from === to) continue;
    // `…/v2` with a v1 version is a go.mod the go command refuses: the path and the version of a
    // major upgrade change together (`go get example.com/mod/v2@v2.1.0`), never one of them alone.
    if (!pathFitsVersion(to, f.dep.constraint!)) {
      const line = index.positionAt(f.name.span.start).line + 1;
      notes.push(`go.mod line ${line}: ${to} cannot take ${f.dep.constraint} (a path's /vN suffix must match its version's major); change the path and the version together: go get ${to}@<version>`);
      continue;
    }
    splices.push({ start: f.name.span.start, end: f.name.span.end, text: to });
  }
  notes.push(...others
    .filter((d) => d.args.some((a: Token) => a.value === from))
    .map((d) => `go.mod line ${index.positionAt(d.line.start).line + 1}: the \`${d.verb.value}\` of ${from} was left as written; check whether it applies to ${to}`));
  return { splices, notes };
}

/**
 * go (`ecosystems-v1.md`, "go"): every go.mod at any depth, its requirements by module path, Go
 * module versions (pseudo-versions are prereleases, `+incompatible` dropped for comparison).
 */
export const goModule: EcosystemModule = {
  id: 'go',
  files: [`**/${MANIFEST}`],
  wants: (relPath) => typeof relPath === 'string' && (relPath === MANIFEST || relPath.endsWith(`/${MANIFEST}`)),
  versioning: goModuleVersioning,
  // Module paths are case-sensitive (the module cache escapes capitals as `!x`).
  normaliseName: (name) => (typeof name === 'string' ? name : ''),
  parse(text) {
    const { found, problems } = scan(text);
    return { uses: found.map((f) => f.dep), problems: [...problems] };
  },
  locate(text, _file, uses) {
    if (uses.length === 0) return [];
    const { found, index } = scan(text);
    return locateInOrder(found, uses, index);
  },
  rename,
};
