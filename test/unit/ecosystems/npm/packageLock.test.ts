import * as assert from 'node:assert/strict';
import { parseLockfile, type NpmLockfile } from '../../../../src/core/ecosystems/npm/lockfile';
import { parsePackageLock } from '../../../../src/core/ecosystems/npm/packageLock';
import { dep, range, slice } from './helpers';

/** A v3 lockfile as npm 9 writes it for a workspace with two members. */
const V3 = `{
  "name": "monorepo",
  "version": "1.0.0",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "monorepo",
      "version": "1.0.0",
      "workspaces": [
        "packages/*"
      ],
      "dependencies": {
        "@acme/ui": "^2.3.0",
        "ui": "npm:@acme/ui@^3",
        "tag": "latest"
      },
      "devDependencies": {
        "@acme/lint": "~1.0.0"
      }
    },
    "node_modules/@acme/lint": {
      "version": "1.0.4",
      "resolved": "https://registry.npmjs.org/@acme/lint/-/lint-1.0.4.tgz",
      "dev": true
    },
    "node_modules/@acme/ui": {
      "version": "2.5.1",
      "resolved": "https://registry.npmjs.org/@acme/ui/-/ui-2.5.1.tgz",
      "integrity": "sha512-aaa",
      "dependencies": {
        "react": "^18.0.0"
      }
    },
    "node_modules/a": {
      "resolved": "packages/a",
      "link": true
    },
    "node_modules/b": {
      "resolved": "packages/b",
      "link": true
    },
    "node_modules/tag": {
      "version": "7.0.0"
    },
    "node_modules/ui": {
      "name": "@acme/ui",
      "version": "3.1.0",
      "resolved": "https://registry.npmjs.org/@acme/ui/-/ui-3.1.0.tgz"
    },
    "packages/a": {
      "version": "0.1.0",
      "dependencies": {
        "@acme/ui": "^2.0.0",
        "b": "*"
      }
    },
    "packages/b": {
      "version": "0.2.0",
      "dependencies": {
        "@acme/ui": "^3.0.0",
        "gitdep": "github:acme/gitdep"
      }
    },
    "packages/b/node_modules/@acme/ui": {
      "version": "3.2.0",
      "resolved": "https://registry.npmjs.org/@acme/ui/-/ui-3.2.0.tgz"
    },
    "packages/b/node_modules/gitdep": {
      "version": "1.0.0",
      "resolved": "git+ssh://git@github.com/acme/gitdep.git#abc"
    }
  }
}
`;

/** npm 7/8 writes v2: the same `packages` map plus the legacy `dependencies` tree. */
const V2 = V3.replace('"lockfileVersion": 3', '"lockfileVersion": 2').replace(
  /\n}\n$/,
  `,
  "dependencies": {
    "@acme/ui": { "version": "2.5.1" },
    "ui": { "version": "npm:@acme/ui@3.1.0" }
  }
}
`,
);

function lockfile(text: string, name = 'package-lock.json'): NpmLockfile {
  const result = parseLockfile(name, text);
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

describe('npm/packageLock', () => {
  for (const [version, text] of [['v3', V3], ['v2', V2]] as const) {
    describe(`lockfileVersion ${version}`, () => {
      const lock = lockfile(text);
      const cases: Array<[string, string, ReturnType<typeof dep>, string | undefined]> = [
        ['the root, hoisted', '', dep('@acme/ui', '^2.3.0'), '2.5.1'],
        ['the root, an alias by its key', '', dep('ui', '^3', 'dependencies', '@acme/ui'), '3.1.0'],
        ['the root, a tag', '', dep('tag', 'latest'), '7.0.0'],
        ['the root, a dev dependency', '', dep('@acme/lint', '~1.0.0', 'devDependencies'), '1.0.4'],
        ['a member using the hoisted copy', 'packages/a', dep('@acme/ui', '^2.0.0'), '2.5.1'],
        ['a member with its own nested copy', 'packages/b', dep('@acme/ui', '^3.0.0'), '3.2.0'],
        ['a workspace sibling (a link)', 'packages/a', dep('b', '*'), undefined],
        ['a spec without a registry version', 'packages/b', dep('gitdep', null), undefined],
        ['a spec edited since the install', '', dep('@acme/ui', '^3.0.0'), undefined],
        ['a dependency added since the install', '', dep('react', '^18.0.0'), undefined],
        ['an alias whose target changed', '', dep('ui', '^3', 'dependencies', '@acme/other'), undefined],
        ['a dependency in the wrong section', '', dep('@acme/ui', '^2.3.0', 'devDependencies'), undefined],
        ['a folder the lockfile does not list', 'tools/x', dep('@acme/ui', '^1.0.0'), '2.5.1'],
      ];
      for (const [what, memberDir, declared, expected] of cases) {
        it(`resolves ${what}`, () => {
          assert.equal(lock.resolve(memberDir, declared)?.version, expected);
        });
      }

      it('normalises the member folder', () => {
        assert.equal(lock.resolve('./packages/b/', dep('@acme/ui', '^3.0.0'))?.version, '3.2.0');
        assert.equal(lock.resolve('.', dep('@acme/ui', '^2.3.0'))?.version, '2.5.1');
      });

      it('lists the root, the workspaces and no node_modules folder as members', () => {
        assert.equal(lock.kind, 'package-lock');
        assert.deepEqual([...lock.members!].sort(), ['', 'packages/a', 'packages/b']);
      });

      it('locates the version of the entry that was used', () => {
        const nested = lock.resolve('packages/b', dep('@acme/ui', '^3.0.0'))!.locate();
        assert.equal(slice(text, nested), '3.2.0');
        assert.equal(text.split('\n')[nested.start.line - 1], '    "packages/b/node_modules/@acme/ui": {');
        const alias = lock.resolve('', dep('ui', '^3', 'dependencies', '@acme/ui'))!.locate();
        assert.equal(slice(text, alias), '3.1.0');
        assert.equal(text.split('\n')[alias.start.line - 2], '    "node_modules/ui": {');
      });
    });
  }

  it('reads npm-shrinkwrap.json the same way', () => {
    assert.equal(lockfile(V3, 'npm-shrinkwrap.json').resolve('', dep('@acme/ui', '^2.3.0'))?.version, '2.5.1');
  });

  it('resolves through ancestors as Node does, skipping node_modules folders', () => {
    const text = JSON.stringify({
      lockfileVersion: 3,
      packages: {
        '': { dependencies: {} },
        'apps/web/x': { dependencies: { a: '^1.0.0', b: '^1.0.0' } },
        'apps/node_modules/a': { version: '1.2.0' },
        'node_modules/a': { version: '1.0.0' },
        'node_modules/b': { version: '1.1.0' },
      },
    });
    const lock = lockfile(text);
    assert.equal(lock.resolve('apps/web/x', dep('a', '^1.0.0'))?.version, '1.2.0');
    assert.equal(lock.resolve('apps/web/x', dep('b', '^1.0.0'))?.version, '1.1.0');
  });

  it('falls back to the key when the entry has no readable version line', () => {
    const text = '{"lockfileVersion":3,"packages":{"":{"dependencies":{"a":"1"}},"node_modules/a":{"resolved":"x","nested":{"version":"9.9.9"},"version":"1.0.0"}}}';
    const located = lockfile(text).resolve('', dep('a', '1'))!.locate();
    assert.equal(text.slice(located.start.character, located.end.character), 'node_modules/a');
  });

  it('locates an entry or a version written twice where JSON.parse reads it: the last one', () => {
    // A bad merge: the same key twice in `packages`; JSON.parse keeps the second entry.
    const twice = '{"lockfileVersion":2,"packages":{"":{"dependencies":{"a":"1.0.0"}},"node_modules/a":{"version":"0.9.0"},\n"node_modules/a": {"version": "1.0.0"}}}';
    const pin = lockfile(twice).resolve('', dep('a', '1.0.0'))!;
    assert.equal(pin.version, '1.0.0');
    assert.deepEqual(pin.locate(), range(1, 31, 1, 36));
    // `"version"` twice in one entry: the last counts; the place of the first is not that version, so the key is given.
    const inEntry = '{"lockfileVersion":3,"packages":{"":{"dependencies":{"a":"1.0.0"}},"node_modules/a":{"version":"0.9.0","version":"1.0.0"}}}';
    const located = lockfile(inEntry).resolve('', dep('a', '1.0.0'))!.locate();
    assert.equal(slice(inEntry, located), 'node_modules/a');
  });

  it('counts CRLF and a byte-order mark when locating', () => {
    const text = '\ufeff' + V3.replace(/\n/g, '\r\n');
    const located = lockfile(text).resolve('', dep('tag', 'latest'))!.locate();
    assert.deepEqual(located, range(43, 18, 43, 23));
    assert.equal(slice(text, located), '7.0.0');
  });

  it('reads a 4 MB lockfile quickly and locates many entries', () => {
    const packages: Record<string, unknown> = { '': { workspaces: ['packages/*'], dependencies: {} } };
    for (let i = 0; i < 8000; i++) {
      packages[`packages/p${i}`] = { version: '1.0.0', dependencies: { '@acme/ui': '^2.0.0' } };
      packages[`node_modules/p${i}`] = { resolved: `packages/p${i}`, link: true };
      if (i % 2 === 0) packages[`packages/p${i}/node_modules/@acme/ui`] = { version: `2.0.${i}`, integrity: 'sha512-' + 'a'.repeat(86) };
      packages[`node_modules/lib${i}`] = { version: '1.0.0', resolved: `https://registry.npmjs.org/lib${i}/-/lib${i}-1.0.0.tgz`, integrity: 'sha512-' + 'b'.repeat(86) };
    }
    packages['node_modules/@acme/ui'] = { version: '2.9.0' };
    const text = JSON.stringify({ lockfileVersion: 3, packages }, null, 2);
    assert.ok(text.length > 4_000_000, String(text.length));
    const t0 = performance.now();
    const lock = lockfile(text);
    for (let i = 0; i < 8000; i++) {
      const pinned = lock.resolve(`packages/p${i}`, dep('@acme/ui', '^2.0.0'))!;
      assert.equal(pinned.version, i % 2 === 0 ? `2.0.${i}` : '2.9.0');
      if (i % 1000 === 0 || i === 7999) assert.equal(slice(text, pinned.locate()), pinned.version);
    }
    const ms = performance.now() - t0;
    assert.ok(ms < 3000, `took ${ms} ms`);
  });

  const refused: Array<[string, string, RegExp, ReturnType<typeof range>]> = [
    ['lockfileVersion 1', '{\n  "name": "x",\n  "lockfileVersion": 1,\n  "dependencies": {}\n}', /^lockfileVersion 1 is not supported; run npm install with npm 7 or later$/, range(2, 3, 2, 18)],
    ['a v1-shaped file without a version', '{"dependencies": {"a": {"version": "1.0.0"}}}', /^lockfileVersion 1 is not supported/, range(0, 0, 0, 0)],
    ['an unknown shape', '{"lockfileVersion": 2, "pkgs": {}}', /expected lockfileVersion 2 or 3 with a "packages" map \(found lockfileVersion 2\)$/, range(0, 2, 0, 17)],
    ['an array', '[]', /must be a JSON object/, range(0, 0, 0, 0)],
    ['broken JSON', '{\n  "lockfileVersion": 3\n  "packages": {}\n}', /^Expected a comma or closing brace$/, range(2, 2, 2, 12)],
    ['garbage', 'hello, world', /expected a JSON value/, range(0, 0, 0, 5)],
  ];
  for (const [what, text, message, where] of refused) {
    it(`refuses ${what} with a clear problem`, () => {
      const result = parsePackageLock(text);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.problems.length, 1);
      assert.match(result.problems[0]!.message, message);
      assert.deepEqual(result.problems[0]!.range, where);
    });
  }

  it('refuses a file name that is not a lockfile', () => {
    const result = parseLockfile('bun.lockb', '');
    assert.equal(result.ok, false);
  });
});
