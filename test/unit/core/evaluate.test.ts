import * as assert from 'node:assert/strict';
import type { Catalog, Component, Deprecation, RepoException } from '../../../src/core/catalog/model';
import { evaluate, type EvaluationContext } from '../../../src/core/evaluate';
import { ZERO_RANGE } from '../../../src/core/positions';
import type { DeclaredDependency } from '../../../src/core/types';

const src = { file: 'catalog.yaml', range: ZERO_RANGE };

function deprecation(d: Partial<Deprecation> & { versions: string }): Deprecation {
  return { message: 'Out of support.', source: src, ...d };
}

function component(c: Partial<Component> = {}): Component {
  return {
    id: 'acme-ui',
    name: 'Acme UI',
    owner: 'web-platform',
    lifecycle: 'production',
    packages: [{ ecosystem: 'npm', pattern: '@acme/ui', source: src }],
    deprecations: [],
    migrations: [],
    source: src,
    ...c,
  };
}

function catalog(components: Component[], sunsetWarningDays = 90): Catalog {
  return {
    files: ['catalog.yaml'],
    policy: { sunsetWarningDays },
    teams: new Map([['web-platform', { id: 'web-platform', name: 'Web Platform', feedback: [], source: src }]]),
    components,
  };
}

function dep(constraint: string | null, name = '@acme/ui'): DeclaredDependency {
  return { ecosystem: 'npm', name, constraint, section: 'dependencies', key: name };
}

function ctx(c: Catalog, today = '2026-11-21', exceptions: RepoException[] = []): EvaluationContext {
  return { catalog: c, today, exceptions, exceptionsFile: '.platform-guide.yaml' };
}

function exception(e: Partial<RepoException>): RepoException {
  return { component: 'acme-ui', paths: [], until: '2026-12-31', reason: 'Blocked on the vendor grid; JIRA-123', source: src, ...e };
}

describe('evaluation', () => {
  describe('severity from the sunset date', () => {
    const cases: Array<[string, string | undefined, string, string]> = [
      // [today, sunset, expected severity, phrase in the message]
      ['2026-11-21', '2026-06-30', 'error', 'Past its sunset on 2026-06-30.'],
      ['2026-11-21', '2026-11-21', 'error', 'Sunset is today, 2026-11-21.'],
      ['2026-11-21', '2026-11-22', 'warning', 'Sunset in 1 day, on 2026-11-22.'],
      ['2026-11-21', '2027-01-31', 'warning', 'Sunset in 71 days, on 2027-01-31.'],
      ['2026-11-21', '2027-02-19', 'warning', 'Sunset in 90 days, on 2027-02-19.'],
      ['2026-11-21', '2027-02-20', 'info', 'Sunset in 91 days, on 2027-02-20.'],
      ['2026-11-21', undefined, 'warning', 'is deprecated: Out of support.'],
    ];
    for (const [today, sunset, severity, phrase] of cases) {
      it(`sunset ${sunset ?? 'none'} seen on ${today} is ${severity}`, () => {
        const c = component({ deprecations: [deprecation({ versions: '<3.0.0', ...(sunset ? { sunset } : {}) })] });
        const v = evaluate(dep('^2.3.0'), c, undefined, 'package.json', ctx(catalog([c]), today));
        assert.equal(v?.severity, severity);
        assert.ok(v?.message.includes(phrase), v?.message);
        assert.equal(v?.sunset, sunset ?? null);
      });
    }

    it('honours the catalog policy of sunsetWarningDays', () => {
      const c = component({ deprecations: [deprecation({ versions: '<3.0.0', sunset: '2027-01-31' })] });
      assert.equal(evaluate(dep('^2.3.0'), c, undefined, 'package.json', ctx(catalog([c], 30)))?.severity, 'info');
    });

    it('keeps a fixed severity whatever the sunset says', () => {
      const c = component({ deprecations: [deprecation({ versions: '<3.0.0', sunset: '2026-01-01', severity: 'info' })] });
      assert.equal(evaluate(dep('^2.3.0'), c, undefined, 'package.json', ctx(catalog([c])))?.severity, 'info');
    });
  });

  describe('which versions are flagged', () => {
    const c = component({ recommended: '4.2.0', deprecations: [deprecation({ versions: '<3.0.0', sunset: '2026-06-30' })] });
    const cases: Array<[string | null, string | undefined, boolean]> = [
      ['^2.3.0', undefined, true],
      ['^2.0.0 || ^3.0.0', undefined, false],
      ['>=2', undefined, false],
      ['latest', undefined, false],
      [null, undefined, false],
      // The pinned version decides when a lockfile pins one.
      ['^2.0.0 || ^3.0.0', '2.9.0', true],
      ['^2.0.0 || ^3.0.0', '3.1.0', false],
      ['>=2', '2.5.0', true],
      ['latest', '2.5.0', true],
    ];
    for (const [constraint, pinned, flagged] of cases) {
      it(`${constraint}${pinned ? ` locked at ${pinned}` : ''} is ${flagged ? '' : 'not '}flagged`, () => {
        const v = evaluate(dep(constraint), c, pinned, 'package.json', ctx(catalog([c])));
        assert.equal(v !== undefined, flagged);
      });
    }

    it('names the pinned version and the constraint', () => {
      const v = evaluate(dep('^2.3.0'), c, '2.3.4', 'package.json', ctx(catalog([c])));
      assert.ok(v?.message.startsWith('@acme/ui ^2.3.0 (locked at 2.3.4) is deprecated: Out of support.'), v?.message);
      assert.ok(v?.message.endsWith('Upgrade to 4.2.0.'), v?.message);
    });
  });

  it('flags every use of a deprecated component, versioned or not, and names its replacement', () => {
    const replacement = component({ id: 'acme-design', name: 'Acme Design', packages: [] });
    const c = component({ id: 'acme-grid', name: 'Acme Grid', lifecycle: 'deprecated', replacedBy: 'acme-design', sunset: '2027-02-15' });
    for (const constraint of ['^9.0.0', 'latest', null]) {
      const v = evaluate(dep(constraint, '@acme/grid'), c, undefined, 'package.json', ctx(catalog([c, replacement])));
      assert.equal(v?.severity, 'warning');
      assert.ok(v?.message.includes('Acme Grid is deprecated and replaced by Acme Design (acme-design).'), v?.message);
      assert.ok(v?.message.includes('Sunset in 86 days, on 2027-02-15.'), v?.message);
      assert.ok(v?.message.endsWith('Move to Acme Design.'), v?.message);
    }
  });

  it('takes the most severe of several matches and names it', () => {
    const c = component({
      migrations: [{ id: 'ui-3-to-4', title: 'Acme UI 3 → 4', from: '<4.0.0', to: '4.2.0', steps: [], source: src }],
      recommended: '4.2.0',
      deprecations: [
        deprecation({ versions: '<4.0.0', message: 'Acme UI 3 is winding down.', sunset: '2027-09-01' }),
        deprecation({ versions: '<3.0.0', message: 'Acme UI 2 is out of support.', sunset: '2026-06-30', migration: 'ui-3-to-4' }),
      ],
    });
    const v = evaluate(dep('^2.3.0'), c, undefined, 'package.json', ctx(catalog([c])));
    assert.equal(v?.severity, 'error');
    assert.ok(v?.message.includes('Acme UI 2 is out of support.'), v?.message);
    assert.ok(!v?.message.includes('winding down'), v?.message);
    assert.equal(v?.migration, 'ui-3-to-4');
    assert.ok(v?.message.includes('Upgrade to 4.2.0 with the migration "Acme UI 3 → 4".'), v?.message);
  });

  it('gives the reason alone beside the message: the winning deprecation\'s own words, or the lifecycle\'s', () => {
    const c = component({
      recommended: '4.2.0',
      deprecations: [deprecation({ versions: '<3.0.0', message: '  Acme UI 2 is out of support ', sunset: '2026-06-30' })],
    });
    const excepted = evaluate(dep('^2.3.0'), c, undefined, 'package.json', ctx(catalog([c]), '2026-11-21', [exception({})]));
    assert.equal(excepted?.reason, 'Acme UI 2 is out of support.', 'no sunset, way out or exception in it');
    assert.ok(excepted?.message.includes('Past its sunset') && excepted.message.includes('Upgrade to 4.2.0.') && excepted.message.includes('Excepted by'));
    const grid = component({ id: 'acme-grid', name: 'Acme Grid', lifecycle: 'deprecated', sunset: '2027-02-15' });
    assert.equal(evaluate(dep('^9.0.0', '@acme/grid'), grid, undefined, 'package.json', ctx(catalog([grid])))?.reason, 'Acme Grid is deprecated.');
  });

  describe('exceptions', () => {
    const c = component({ deprecations: [deprecation({ versions: '<3.0.0', sunset: '2026-06-30' })] });
    const run = (e: RepoException, path = 'apps/admin/package.json', constraint = '^2.3.0') =>
      evaluate(dep(constraint), c, undefined, path, ctx(catalog([c]), '2026-11-21', [e]));

    it('an active exception turns the finding into a hint that says who, until when and why', () => {
      const v = run(exception({ by: 'Web Platform' }));
      assert.equal(v?.severity, 'hint');
      assert.deepEqual(v?.exception, { until: '2026-12-31', reason: 'Blocked on the vendor grid; JIRA-123', expired: false, by: 'Web Platform' });
      assert.ok(v?.message.endsWith('Excepted by Web Platform in .platform-guide.yaml until 2026-12-31: Blocked on the vendor grid; JIRA-123.'), v?.message);
    });

    it('is active through its last day', () => {
      assert.equal(run(exception({ until: '2026-11-21' }))?.severity, 'hint');
    });

    it('an expired exception keeps the severity and says it expired', () => {
      const v = run(exception({ until: '2026-09-30' }));
      assert.equal(v?.severity, 'error');
      assert.equal(v?.exception?.expired, true);
      assert.ok(v?.message.includes('The exception in .platform-guide.yaml expired on 2026-09-30'), v?.message);
    });

    it('covers only the manifests its paths match', () => {
      const e = exception({ paths: ['packages/legacy/**'] });
      assert.equal(run(e, 'packages/legacy/api/package.json')?.severity, 'hint');
      assert.equal(run(e, 'apps/admin/package.json')?.severity, 'error');
      assert.equal(run(e, 'apps/admin/package.json')?.exception, null);
    });

    it('covers only the versions it names', () => {
      const e = exception({ versions: '<2.0.0' });
      assert.equal(run(e, 'package.json', '^1.2.0')?.severity, 'hint');
      assert.equal(run(e, 'package.json', '^2.3.0')?.severity, 'error');
    });

    it('ignores exceptions for other components', () => {
      assert.equal(run(exception({ component: 'acme-http' }))?.severity, 'error');
    });
  });
});
