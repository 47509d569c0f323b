import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { claimingCatalog, familiesOf, inUseComment, slugOf, starterCatalog, type InitUse } from '../../../src/core/catalog/init';
import { mergeCatalogs, parseCatalogText } from '../../../src/core/catalog';
import { ComponentIndex } from '../../../src/core/componentIndex';
import { y } from './helpers';

const use = (file: string, ecosystem: InitUse['ecosystem'], pkg: string, constraint: string | null, resolved: string | null = null): InitUse => ({
  file,
  ecosystem,
  package: pkg,
  constraint,
  resolved,
});

describe('catalog init: grouping the uses', () => {
  const table: ReadonlyArray<{ name: string; uses: InitUse[]; expected: Array<[id: string, name: string, recommended: string | undefined]> }> = [
    {
      name: 'one family per package, the most used exact version recommended',
      uses: [
        use('a/package.json', 'npm', '@acme/ui', '4.2.0'),
        use('b/package.json', 'npm', '@acme/ui', '^3.1.0', '3.1.4'),
        use('c/package.json', 'npm', '@acme/ui', '4.2.0'),
        use('c/package.json', 'npm', '@acme/http', '^2.0.0'),
      ],
      expected: [
        ['acme-http', '@acme/http', undefined],
        ['acme-ui', '@acme/ui', '4.2.0'],
      ],
    },
    {
      name: "a lockfile's pin counts as the version in use; a tie goes to the newer version",
      uses: [use('a/package.json', 'npm', '@acme/ui', '^3.1.0', '3.1.4'), use('b/package.json', 'npm', '@acme/ui', 'latest', '4.0.1')],
      expected: [['acme-ui', '@acme/ui', '4.0.1']],
    },
    {
      name: 'ranges, tags and digests name no version: no recommended',
      uses: [use('Dockerfile', 'docker', 'registry.acme.dev/node', null), use('compose.yml', 'docker', 'registry.acme.dev/node', 'latest')],
      expected: [['registry-acme-dev-node', 'registry.acme.dev/node', undefined]],
    },
    {
      name: "names compared the ecosystem's way: image names without case",
      uses: [use('Dockerfile', 'docker', 'registry.acme.dev/Node', '20.11.1'), use('x/Dockerfile', 'docker', 'registry.acme.dev/node', '20.11.1')],
      expected: [['registry-acme-dev-node', 'registry.acme.dev/Node', '20.11.1']],
    },
    {
      name: 'a clashing id takes the ecosystem; ecosystems in the catalog order',
      uses: [use('.github/workflows/ci.yml', 'action', 'acme/ui', 'v4.1.1'), use('package.json', 'npm', '@acme/ui', '4.2.0')],
      expected: [
        ['acme-ui', '@acme/ui', '4.2.0'],
        ['acme-ui-action', 'acme/ui', '4.1.1'],
      ],
    },
  ];
  for (const t of table) {
    it(t.name, () => {
      assert.deepEqual(
        familiesOf(t.uses).map((f) => [f.id, f.name, f.recommended]),
        t.expected,
      );
    });
  }

  it('the comment lists versions most used first, then at most three files', () => {
    const uses = ['a', 'b', 'c', 'd'].map((d, i) => use(`${d}/package.json`, 'npm', '@acme/ui', i < 3 ? '4.2.0' : '^3.1.0'));
    uses.push(use('a/package.json', 'npm', '@acme/ui', '^3.1.0'));
    assert.equal(inUseComment(familiesOf(uses)[0]!), ' in use: 4.2.0 ×3, ^3.1.0 ×2 (a/package.json, b/package.json, c/package.json, …)');
    assert.equal(inUseComment(familiesOf([use('Dockerfile', 'docker', 'acme/x', null)])[0]!), ' in use: (no version) ×1 (Dockerfile)');
  });

  it('ids are catalog ids', () => {
    assert.deepEqual(['@acme/ui', 'registry.acme.dev/base/node', 'Web Platform', '--', 'acme/ci/.github/x.yml'].map(slugOf), [
      'acme-ui',
      'registry-acme-dev-base-node',
      'web-platform',
      '',
      'acme-ci-github-x-yml',
    ]);
  });

  it('the claiming catalog claims what the patterns match in every ecosystem given, and nothing else', () => {
    const index = new ComponentIndex(claimingCatalog(['@acme/*', 'registry.acme.dev/*'], ['npm', 'docker']));
    assert.ok(index.lookup('npm', '@acme/ui'));
    assert.ok(index.lookup('docker', 'REGISTRY.acme.dev/node'));
    assert.equal(index.lookup('npm', 'react'), undefined);
    assert.equal(index.lookup('action', '@acme/ui'), undefined);
  });
});

describe('catalog init: the YAML', () => {
  const uses = [
    use('apps/web/package.json', 'npm', '@acme/ui', '4.2.0'),
    use('apps/admin/package.json', 'npm', '@acme/ui', '^3.1.0'),
    use('Dockerfile', 'docker', 'registry.acme.dev/node', 'latest'),
  ];

  it('writes quoted names, the team, comments and recommended', () => {
    const text = starterCatalog(uses, { owner: 'Web Platform', patterns: ['@acme/*', 'registry.acme.dev/*'] });
    assert.equal(
      text.slice(text.indexOf('schema:')),
      y`
        schema: platform-guide/v1
        teams:
          - id: web-platform
            name: Web Platform
        components:
          # in use: 4.2.0 ×1, ^3.1.0 ×1 (apps/web/package.json, apps/admin/package.json)
          - id: acme-ui
            name: "@acme/ui"
            owner: web-platform
            packages:
              - npm: "@acme/ui"
            recommended: 4.2.0
          # in use: latest ×1 (Dockerfile)
          - id: registry-acme-dev-node
            name: registry.acme.dev/node
            owner: web-platform
            packages:
              - docker: registry.acme.dev/node
      `,
    );
    assert.match(text, /^# A starter catalog .* @acme\/\*, registry\.acme\.dev\/\*\.\n/);
  });

  it('names YAML would misread round-trip as strings', () => {
    const odd = [use('a', 'npm', '@acme/yes: no #x', '1.0.0'), use('b', 'pypi', 'acme-1.0', '1.0')];
    const back = parse(starterCatalog(odd, { owner: 'true', patterns: ['*'] })) as {
      teams: Array<{ name: unknown }>;
      components: Array<{ name: unknown; packages: Array<Record<string, unknown>> }>;
    };
    assert.equal(back.teams[0]!.name, 'true');
    assert.deepEqual(back.components.map((c) => c.name), ['@acme/yes: no #x', 'acme-1.0']);
    assert.deepEqual(back.components[0]!.packages, [{ npm: '@acme/yes: no #x' }]);
  });

  it('the result is a valid catalog, cross-references included', () => {
    const text = starterCatalog(uses, { owner: 'Web Platform', patterns: ['@acme/*'] });
    const parsed = parseCatalogText('starter.yaml', text);
    assert.deepEqual(parsed.problems, []);
    assert.ok(parsed.document);
    assert.deepEqual(mergeCatalogs([parsed.document]).problems, []);
  });
});
