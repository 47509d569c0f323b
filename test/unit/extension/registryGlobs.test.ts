import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { manifestGlobs, registeredModules, watchedGlobs } from '../../../src/core/ecosystems';
import { braced, canShowFindings, findingSelector, manifestSelector, watchedPatterns } from '../../../src/extension/selectors';

const ROOT = path.join(__dirname, '..', '..', '..');
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

/** A path the glob matches, at some depth: `**\/.github/workflows/*.yml` → `a/b/.github/workflows/x.yml`. */
function example(glob: string): string {
  return glob.replace(/^\*\*\//, 'a/b/').replace(/\{([^,}]*)[^}]*\}/g, '$1').replace(/\*+/g, 'x');
}

/** Files no ecosystem owns: an activation glob that matches one of them wakes the extension everywhere. */
const ORDINARY = ['notes.yml', 'src/app.yaml', 'data/x.json', 'README.md', 'a/b/c.txt', 'config/settings.toml'];

describe('the editor’s globs come from the ecosystem registry', () => {
  it('package.json activates on the manifests of every registered ecosystem, and only on those', () => {
    const events: string[] = JSON.parse(read('package.json')).activationEvents;
    const contains = events.filter((e) => e.startsWith('workspaceContains:')).map((e) => e.slice('workspaceContains:'.length));
    const ours = contains.filter((g) => g !== '**/.platform-guide.yaml');
    assert.deepEqual([...ours].sort(), [...manifestGlobs()].sort(), 'workspaceContains: lines of package.json = the registered modules’ `files`');
  });

  it('keeps activation globs specific: none matches an ordinary file', () => {
    for (const glob of manifestGlobs()) {
      const isMatch = picomatch(glob, { dot: true });
      for (const f of ORDINARY) assert.equal(isMatch(f), false, `${glob} would activate on ${f}`);
    }
  });

  it('watches every manifest and project file of every registered module, in few watchers', () => {
    const patterns = watchedPatterns();
    const isWatched = picomatch(patterns, { dot: true });
    for (const glob of watchedGlobs()) assert.ok(isWatched(example(glob)), `${example(glob)} (${glob}) is watched`);
    assert.ok(patterns.length <= registeredModules().length * 3, `few watchers: ${patterns.join(' ')}`);
    assert.deepEqual(braced(['**/a.json', '**/b.lock', '**/.github/workflows/*.yml']), ['**/{a.json,b.lock}', '**/.github/workflows/*.yml']);
  });

  it('gives diagnostics, hovers and code actions to exactly the registered manifests', () => {
    assert.deepEqual(
      manifestSelector().map((f) => f.pattern),
      manifestGlobs(),
    );
    for (const file of ['src/extension/diagnostics.ts', 'src/extension/hover.ts', 'src/extension/codeActions.ts', 'src/extension/watchers.ts']) {
      const source = read(file);
      assert.doesNotMatch(source, /['"`][^'"`]*\*\*\/[^'"`]*package\.json/, `${file} names no manifest glob of its own`);
    }
    assert.match(read('src/extension/watchers.ts'), /watchedPatterns\(\)/);
    for (const file of ['src/extension/hover.ts', 'src/extension/codeActions.ts']) assert.match(read(file), /findingSelector\(\)/, file);
  });

  it('gives hovers and code actions also to the files that define versions manifests use, and only to those', () => {
    assert.deepEqual(
      findingSelector().map((f) => f.pattern),
      [...manifestGlobs(), '**/gradle.properties'],
    );
    assert.deepEqual(['gradle.properties', 'a/gradle.properties', 'pom.xml', 'package-lock.json', 'notes.properties'].map(canShowFindings), [true, true, true, false, false]);
  });

  it('each module wants, by its fast check, the paths its globs name, at the root and deeper', () => {
    for (const module of registeredModules()) {
      for (const glob of module.files) {
        const deep = example(glob);
        const top = deep.replace(/^a\/b\//, '');
        assert.ok(module.wants(deep), `${module.id} wants ${deep}`);
        assert.ok(module.wants(top), `${module.id} wants ${top}`);
      }
      for (const glob of module.project?.files ?? []) assert.ok(module.project?.wants(example(glob)), `${module.id}'s project wants ${example(glob)}`);
      for (const f of ORDINARY) assert.equal(module.wants(f), false, `${module.id} does not want ${f}`);
    }
  });
});
