import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCli, runCli } from '../../support/cli';

describe('platform-guide catalog validate (a real process)', () => {
  before(buildCli);
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-validate-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return name;
  };

  it('accepts the example catalog', () => {
    const r = runCli(['catalog', 'validate', 'examples/platform-catalog.yaml']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^1 catalog valid: 3 teams, 13 components\n$/);
  });

  it('checks cross-references across several files, naming both places of a duplicate', () => {
    write('org.yaml', 'schema: platform-guide/v1\nteams:\n  - id: web\n    name: Web\ncomponents: []\n');
    write('repo.yaml', 'schema: platform-guide/v1\nteams:\n  - id: web\n    name: Web again\ncomponents:\n  - id: ui\n    name: UI\n    owner: web\n    packages: [{ npm: "@acme/ui" }]\n');
    const r = runCli(['catalog', 'validate', 'org.yaml', 'repo.yaml'], { cwd: dir });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^repo\.yaml:3:\d+: .*web.*org\.yaml:3:\d+/m);
  });

  it('a YAML syntax error exits 2 with its place', () => {
    write('bad.yaml', 'schema: platform-guide/v1\nteams:\n  - id: web\n   name: [unclosed\n');
    const r = runCli(['catalog', 'validate', 'bad.yaml'], { cwd: dir });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^bad\.yaml:\d+:\d+: /m);
  });

  it('a missing file exits 2 and names it', () => {
    const r = runCli(['catalog', 'validate', 'nope.yaml'], { cwd: dir });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /nope\.yaml/);
  });

  it('without a file it is a usage error', () => {
    const r = runCli(['catalog', 'validate']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /needs at least one FILE/);
  });
});
