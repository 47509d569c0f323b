import picomatch from 'picomatch';

/**
 * The one gate for globs that come from a repository or a catalog (`exclude` and exception `paths`
 * of `.platform-guide.yaml`, package.json `workspaces`, pnpm-workspace.yaml `packages`, a migration
 * step's `files`). picomatch throws on a glob over its length limit, and V8 throws (or, for deeply
 * nested groups, runs out of memory, which cannot be caught) on a regular expression too large;
 * nested extglobs also take picomatch time that grows much faster than their length. So a glob is
 * refused, with a reason, before it is compiled, and a compile that still throws is refused too.
 * The validators report the reason at the glob's place; the matchers below skip a refused glob, so
 * no caller can crash on one whatever path the glob took to reach it.
 */

/** Longest glob accepted, in UTF-16 code units: picomatch's own limit. */
export const MAX_GLOB_LENGTH = 64 * 1024;
/** Deepest nesting of `(`, `{` and `[` accepted; real globs nest two or three levels. */
export const MAX_GLOB_NESTING = 32;

export type GlobOptions = picomatch.PicomatchOptions;
export type CompiledGlob = { ok: true; re: RegExp } | { ok: false; reason: string };

/** How a refused glob is named in a message: its start, not 64 KB of it. */
export function shownGlob(glob: string): string {
  return glob.length <= 60 ? `'${glob}'` : `'${glob.slice(0, 40)}…' (${glob.length} characters)`;
}

/** Why `glob` cannot be compiled, without compiling it; undefined when it may be. Linear. */
function precheck(glob: string): string | undefined {
  if (glob.length > MAX_GLOB_LENGTH) return `the glob ${shownGlob(glob)} is longer than ${MAX_GLOB_LENGTH / 1024} KiB; shorten it or split it into several globs`;
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') i++;
    else if (c === '(' || c === '{' || c === '[') {
      // Counted even where picomatch would read the bracket literally: erring deep is safe.
      if (++depth > MAX_GLOB_NESTING) return `the glob ${shownGlob(glob)} nests groups more than ${MAX_GLOB_NESTING} levels deep; simplify it`;
    } else if ((c === ')' || c === '}' || c === ']') && depth > 0) depth--;
  }
  return undefined;
}

const cache = new Map<string, CompiledGlob>();

/** Compiles one glob to a regular expression, or says why not. Never throws; results are cached. */
export function compileGlob(glob: string, options: GlobOptions = {}): CompiledGlob {
  const key = `${JSON.stringify(options)}\0${glob}`;
  let compiled = cache.get(key);
  if (!compiled) {
    const reason = precheck(glob);
    if (reason !== undefined) compiled = { ok: false, reason };
    else {
      try {
        const re = picomatch.makeRe(glob, options);
        // V8 compiles a regular expression on its first use, and only then says it is too large.
        re.test('');
        compiled = { ok: true, re };
      } catch (e) {
        const why = e instanceof Error ? e.message.split('\n')[0]!.slice(0, 80) : String(e);
        compiled = { ok: false, reason: `the glob ${shownGlob(glob)} cannot be compiled (${why}); simplify it` };
      }
    }
    cache.set(key, compiled);
  }
  return compiled;
}

/** Why `glob` is refused, or undefined: what the validators report at the glob's place. */
export function globProblem(glob: string, options: GlobOptions = {}): string | undefined {
  const compiled = compileGlob(glob, options);
  return compiled.ok ? undefined : compiled.reason;
}

/**
 * A matcher for any of `globs`, as `picomatch(globs, options)` matches: an empty path never, a path
 * equal to a glob always, else by the compiled expressions. A refused glob matches nothing and goes
 * to `refused`, for callers that report it.
 */
export function anyGlob(globs: readonly string[], options: GlobOptions = {}, refused?: (glob: string, reason: string) => void): (path: string) => boolean {
  const res: RegExp[] = [];
  const literal = new Set<string>();
  for (const glob of globs) {
    const compiled = compileGlob(glob, options);
    if (!compiled.ok) refused?.(glob, compiled.reason);
    else {
      res.push(compiled.re);
      literal.add(glob);
    }
  }
  if (res.length === 0) return () => false;
  return (path) => path !== '' && (literal.has(path) || res.some((re) => safeTest(re, path)));
}

/** A later compile (V8 may recompile a hot expression) that fails is a glob that does not match. */
function safeTest(re: RegExp, path: string): boolean {
  try {
    return re.test(path);
  } catch {
    return false;
  }
}
