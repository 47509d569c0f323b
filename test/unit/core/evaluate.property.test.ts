import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Catalog, Component } from '../../../src/core/catalog/model';
import { evaluate } from '../../../src/core/evaluate';
import { ZERO_RANGE } from '../../../src/core/positions';
import { SEVERITIES } from '../../../src/core/types';

const src = { file: 'catalog.yaml', range: ZERO_RANGE };

/** Version-ish text: digits, dots, operators, wildcards, prerelease tags, `||`, and plain noise. */
const versionish = fc.oneof(
  fc.string(),
  fc
    .array(fc.constantFrom('^', '~', '>=', '<', '>', '=', 'v', '1', '2', '3', '0', '.', '.', 'x', '*', '-rc.1', ' ', ' || ', '-', 'latest'), { maxLength: 12 })
    .map((parts) => parts.join('')),
);
const date = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('evaluation (property)', () => {
  it('never throws on arbitrary constraints, pins and deprecation ranges, and always gives a known severity', () => {
    fc.assert(
      fc.property(
        versionish,
        fc.option(versionish, { nil: undefined }),
        fc.array(fc.record({ versions: versionish, sunset: fc.option(date, { nil: undefined }) }), { maxLength: 4 }),
        fc.boolean(),
        date,
        (constraint, pinned, deprecations, deprecatedLifecycle, today) => {
          const component: Component = {
            id: 'c',
            name: 'C',
            owner: 't',
            lifecycle: deprecatedLifecycle ? 'deprecated' : 'production',
            packages: [{ ecosystem: 'npm', pattern: 'c', source: src }],
            deprecations: deprecations.map((d) => ({ versions: d.versions, message: 'Old.', source: src, ...(d.sunset ? { sunset: d.sunset } : {}) })),
            migrations: [],
            source: src,
          };
          const catalog: Catalog = { files: [], policy: { sunsetWarningDays: 90 }, teams: new Map(), components: [component] };
          const dep = { ecosystem: 'npm' as const, name: 'c', constraint, section: 'dependencies', key: 'c' };
          const verdict = evaluate(dep, component, pinned, 'package.json', { catalog, today, exceptions: [] });
          if (deprecatedLifecycle) assert.ok(verdict, 'a deprecated component flags every use');
          if (verdict) {
            assert.ok(SEVERITIES.includes(verdict.severity));
            assert.ok(verdict.message.length > 0);
          }
        },
      ),
      { seed: 42, numRuns: 500 },
    );
  });
});
