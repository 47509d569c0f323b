import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ECOSYSTEM_MODULES, registeredModules } from '../../../src/core/ecosystems';
import type { EcosystemModule } from '../../../src/core/ecosystems/types';
import { applySplices } from '../../../src/core/migrate/manifest';
import { LineIndex, type Range } from '../../../src/core/positions';
import { ECOSYSTEMS, type Ecosystem, type LocatedDependency } from '../../../src/core/types';
import { SAMPLES, type Sample } from './samples';

/**
 * The contract of every registered ecosystem module (src/core/ecosystems/types.ts), checked over
 * the whole registry: a module plugs in with its registry line and its samples (samples.ts), and
 * these properties hold for it without a test of its own.
 */

const RUNS = { seed: 20261130, numRuns: 150 };

// Type level: every ecosystem of the catalog has a line in the registry (null until it has a module).
type Missing = Exclude<Ecosystem, keyof typeof ECOSYSTEM_MODULES>;
const everyEcosystemHasALine: [Missing] extends [never] ? true : false = true;

function offsets(text: string, r: Range): { start: number; end: number } {
  const index = new LineIndex(text);
  return { start: index.offsetAt(r.start), end: index.offsetAt(r.end) };
}

/** Every range lies inside the text, start before end. */
function assertInside(text: string, located: readonly LocatedDependency[], what: string): void {
  const index = new LineIndex(text);
  for (const dep of located) {
    for (const r of [dep.range, dep.nameRange]) {
      const s = index.offsetAt(r.start);
      const e = index.offsetAt(r.end);
      assert.ok(0 <= s && s <= e && e <= text.length, `${what}: ${dep.name} has a range outside the text`);
      // offsetAt clamps: the position itself must name a real place, not one past a line's end.
      assert.deepEqual(index.range(s, e), r, `${what}: ${dep.name} has a range that is no position in the text`);
    }
  }
}

/** What the text at a use's range must be: its version text, else its name (or the key it is written under). */
function assertAtRange(text: string, dep: LocatedDependency, what: string): void {
  const { start, end } = offsets(text, dep.range);
  const at = text.slice(start, end);
  if (dep.constraint !== null) assert.equal(at, dep.constraint, `${what}: the text at ${dep.key}'s range is its version text`);
  else assert.ok(at === dep.name || at === dep.key, `${what}: the text at ${dep.key}'s range is its name, not "${at}"`);
}

/** Small edits of a sample: insert, delete or replace a run of characters anywhere. */
function mutated(samples: readonly Sample[]): fc.Arbitrary<{ file: string; text: string }> {
  return fc
    .tuple(fc.constantFrom(...samples), fc.nat(), fc.nat({ max: 12 }), fc.string({ unit: 'binary', maxLength: 12 }))
    .map(([s, at, drop, insert]) => {
      const i = at % (s.text.length + 1);
      return { file: s.file, text: s.text.slice(0, i) + insert + s.text.slice(i + drop) };
    });
}

const version = fc.tuple(fc.nat({ max: 40 }), fc.nat({ max: 20 }), fc.nat({ max: 20 })).map(([a, b, c]) => `${a}.${b}.${c}`);

describe('ecosystem modules (the contract, over the registry)', () => {
  it('has a line for every ecosystem of the catalog, and each module sits on its own', () => {
    assert.equal(everyEcosystemHasALine, true);
    assert.deepEqual(Object.keys(ECOSYSTEM_MODULES).sort(), [...ECOSYSTEMS].sort());
    for (const [id, module] of Object.entries(ECOSYSTEM_MODULES)) if (module) assert.equal(module.id, id, `the module on the ${id} line says it is ${module.id}`);
    assert.ok(registeredModules().length > 0);
  });

  for (const module of registeredModules() as readonly EcosystemModule[]) {
    describe(module.id, () => {
      const samples = SAMPLES[module.id] ?? [];

      it('has samples in test/unit/ecosystems/samples.ts, each a file it wants with uses in it', () => {
        assert.ok(samples.length > 0, `add a line for ${module.id} to test/unit/ecosystems/samples.ts`);
        for (const s of samples) {
          assert.ok(module.wants(s.file), `${module.id} wants ${s.file}`);
          const parsed = module.parse(s.text, s.file);
          assert.deepEqual(parsed.problems, [], s.file);
          assert.ok(parsed.uses.length > 0, `${s.file} has uses`);
          assert.ok(parsed.uses.every((u) => u.ecosystem === module.id));
        }
      });

      it('never throws on any text, and never returns a range outside it', () => {
        const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), mutated(samples).map((m) => m.text));
        fc.assert(
          fc.property(text, fc.constantFrom(...samples.map((s) => s.file)), (t, file) => {
            const parsed = module.parse(t, file);
            const index = new LineIndex(t);
            for (const p of parsed.problems) assert.ok(index.offsetAt(p.range.end) <= t.length);
            assertInside(t, module.locate(t, file, parsed.uses), 'generated text');
            module.rename(t, file, parsed.uses[0]?.name ?? 'a', 'b');
          }),
          RUNS,
        );
      });

      it('locates each use at its version text, or its name when it has none', () => {
        for (const s of samples) {
          const parsed = module.parse(s.text, s.file);
          const located = module.locate(s.text, s.file, parsed.uses);
          assert.equal(located.length, parsed.uses.length, s.file);
          assertInside(s.text, located, s.file);
          for (const dep of located) assertAtRange(s.text, dep, s.file);
        }
      });

      it('after a bump spliced at a use’s range, parsing finds the new version text at the same place', () => {
        const cases = samples.flatMap((s) => module.locate(s.text, s.file, module.parse(s.text, s.file).uses).map((dep) => ({ s, dep })));
        fc.assert(
          fc.property(fc.constantFrom(...cases), version, ({ s, dep }, to) => {
            if (dep.constraint === null) return;
            const bumped = module.versioning.bump(dep.constraint, to);
            if (bumped === undefined) return;
            const { start, end } = offsets(s.text, dep.range);
            const edited = applySplices(s.text, [{ start, end, text: bumped }]);
            const after = module.locate(edited, s.file, module.parse(edited, s.file).uses);
            const same = after.find((d) => offsets(edited, d.range).start === start && d.key === dep.key);
            assert.ok(same, `${s.file}: ${dep.key} is still found after bumping "${dep.constraint}" to "${bumped}"`);
            assert.equal(same.constraint, bumped);
            assertAtRange(edited, same, `${s.file} bumped`);
          }),
          RUNS,
        );
      });

      it('renames a package and back to the very same text', () => {
        for (const s of samples) {
          const names = [...new Set(module.parse(s.text, s.file).uses.map((u) => u.name))];
          for (const a of names) {
            const b = `${a}-next`;
            if (s.text.includes(b)) continue;
            const forth = module.rename(s.text, s.file, a, b);
            // A module may decline a rename, or part of it, that it cannot do safely (a name built
            // from a variable): it says why, and the round trip is only asked of complete renames.
            if (forth.notes.length > 0) continue;
            const there = applySplices(s.text, forth.splices);
            const renamed = module.parse(there, s.file).uses.map((u) => u.name);
            assert.ok(renamed.includes(b) && !renamed.includes(a), `${s.file}: ${a} became ${b}`);
            const back = applySplices(there, module.rename(there, s.file, b, a).splices);
            assert.equal(back, s.text, `${s.file}: ${a} → ${b} → ${a}`);
          }
        }
      });
    });
  }
});
