import * as assert from 'node:assert/strict';
import { parseCatalogText } from '../../../src/core/catalog/parse';
import { actionModule } from '../../../src/core/ecosystems/action';
import { scanCompose } from '../../../src/core/ecosystems/docker/compose';
import { gitlabCiModule } from '../../../src/core/ecosystems/gitlab-ci';
import { readPnpmWorkspace } from '../../../src/core/ecosystems/npm/workspaces';
import { MAX_NESTING, yamlTooDeepAt } from '../../../src/core/nesting';
import { MAX_YAML_CHARS, MAX_YAML_ERRORS } from '../../../src/core/yamlParse';

/** CPU milliseconds `fn` takes: unlike the wall clock, not stretched by a busy machine. */
function cpuMs(fn: () => void): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** The fuzzer's many-lines shape: one broken line of flow brackets, 2,800 times (about 130 KB). */
const BROKEN = `jobs:\n${'{"a":{"a":{"a":{"a":{"a":x}}}}}}}}}}}}}}}\n'.repeat(2800)}`;

describe('YAML read within bounds', function () {
  this.timeout(20_000);

  it('stops a broken file after 100 errors, with a note where it stopped, in well under a second', () => {
    let gitlab: ReturnType<typeof gitlabCiModule.parse> | undefined;
    const ms = cpuMs(() => (gitlab = gitlabCiModule.parse(BROKEN, '.gitlab-ci.yml')));
    assert.equal(gitlab!.problems.length, MAX_YAML_ERRORS + 1);
    assert.match(gitlab!.problems.at(-1)!.message, /^YAML syntax error in \.gitlab-ci\.yml: more than 100 errors; the file was read no further/);
    const catalog = parseCatalogText('platform-catalog.yaml', `schema: platform-guide/v1\n${BROKEN}`);
    assert.equal(catalog.problems.filter((p) => /YAML syntax error/.test(p.message)).length, MAX_YAML_ERRORS + 1);
    assert.ok(ms < 500, `the gitlab-ci module took ${ms} ms of CPU`);
    assert.ok(cpuMs(() => readPnpmWorkspace(`packages:\n${BROKEN}`)) < 500);
  });

  it(`skips a YAML file over ${MAX_YAML_CHARS / 1024} KB with a reason, and reads a JSON catalog that size`, () => {
    const step = '      - uses: actions/checkout@v4\n';
    const workflow = `jobs:\n  build:\n    steps:\n${step.repeat(Math.ceil(MAX_YAML_CHARS / step.length))}`;
    const action = actionModule.parse(workflow, '.github/workflows/ci.yml');
    assert.deepEqual(action.uses, []);
    assert.match(action.problems[0]!.message, /^\.github\/workflows\/ci\.yml is larger than 256 KB, more than Platform Guide reads of a YAML file; it was not read$/);
    assert.match(scanCompose(`services:\n  a:\n    image: x\n${'# padding\n'.repeat(MAX_YAML_CHARS / 10)}`).problems[0]!.message, /larger than 256 KB/);
    assert.match(readPnpmWorkspace(`packages:\n${"  - 'packages/*'\n".repeat(MAX_YAML_CHARS / 16)}`).problems[0]!.message, /larger than 256 KB/);

    const components = Array.from({ length: 3000 }, (_, i) => ({ id: `c${i}`, name: `Component ${i}`, owner: 'web-platform', packages: [{ npm: `@acme/c${i}` }] }));
    const yamlCatalog = `schema: platform-guide/v1\ncomponents:\n${components.map((c) => `  - id: ${c.id}\n    name: ${c.name}\n    owner: ${c.owner}\n    packages:\n      - npm: "${c.packages[0]!.npm}"\n`).join('')}`;
    assert.ok(yamlCatalog.length > MAX_YAML_CHARS);
    const refused = parseCatalogText('platform-catalog.yaml', yamlCatalog);
    assert.equal(refused.document, undefined);
    assert.match(refused.problems[0]!.message, /is larger than 256 KB, more than Platform Guide reads as YAML; write it as JSON or split it into several files/);
    const json = parseCatalogText('platform-catalog.json', JSON.stringify({ schema: 'platform-guide/v1', components }, null, 2));
    assert.deepEqual(json.problems, []);
    assert.equal(json.document?.components.length, 3000);
    const brokenJson = parseCatalogText('platform-catalog.json', JSON.stringify({ schema: 'platform-guide/v1', components }, null, 2).replace('"c700"', '"c700",,'));
    assert.match(brokenJson.problems[0]!.message, /^JSON syntax error: PropertyNameExpected$/);
  });

  it('refuses collections nested on one line past the limit where they pass it, and only those', () => {
    // `a:` opens the first level, so the 200th `- ` opens level 201.
    assert.equal(yamlTooDeepAt(`services:\n  a: ${'- '.repeat(MAX_NESTING)}x\n`), 'services:\n  a: '.length + 2 * (MAX_NESTING - 1));
    assert.equal(yamlTooDeepAt(`services:\n  a: ${'- '.repeat(MAX_NESTING - 1)}x\n`), undefined);
    const compose = scanCompose(`services:\n  a:\n    image: ${'- '.repeat(20_000)}x\n`);
    assert.deepEqual(compose.problems.map((p) => p.message), ['This compose file is nested more than 200 levels deep here, more than Platform Guide reads; flatten it']);
    // A long mapping or list on one line, in brackets, is wide, not deep.
    const wide = `images: {${Array.from({ length: 1000 }, (_, i) => `k${i}: "v", l${i}: [a, b]`).join(', ')}}\n`;
    assert.equal(yamlTooDeepAt(wide), undefined);
    assert.deepEqual(scanCompose(wide).problems, []);
  });

  it('finds keys written twice in one pass: 20,000 catalog entries read in well under a second', () => {
    const entries = Array.from({ length: 20_000 }, (_, i) => `  p${i}: ^1\n`).join('');
    assert.ok(entries.length < MAX_YAML_CHARS);
    let read: ReturnType<typeof readPnpmWorkspace> | undefined;
    const ms = cpuMs(() => (read = readPnpmWorkspace(`packages: ['a/*']\ncatalog:\n${entries}`)));
    assert.equal(read!.catalogs.get('default')?.size, 20_000);
    assert.ok(ms < 1000, `read in ${ms} ms of CPU`);
    // pnpm refuses a key written twice; so does the reader, as before.
    assert.deepEqual(readPnpmWorkspace(`packages: ['a/*']\ncatalog:\n${entries}  p7: ^2\n`).globs, []);
  });
});
