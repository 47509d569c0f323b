import * as assert from 'node:assert/strict';
import { pypiModule } from '../../../../src/core/ecosystems/pypi';
import { applySplices } from '../helpers';

function renamed(text: string, file: string, from: string, to: string): { text: string; notes: string[] } {
  const r = pypiModule.rename(text, file, from, to);
  return { text: applySplices(text, r.splices), notes: r.notes };
}

describe('ecosystems/pypi: rename', () => {
  const table: Array<[string, string, string, string, string, string]> = [
    ['a requirement line, version, extras and marker kept', 'requirements.txt', 'acme-http[async]>=2.4 ; python_version>"3.9"  # x\n', 'acme-http', 'acme-client', 'acme-client[async]>=2.4 ; python_version>"3.9"  # x\n'],
    ['every spelling of the name (PEP 503)', 'requirements.txt', 'Acme_HTTP==1\nacme.http>=2\nacme-https==1\n', 'acme-http', 'acme-client', 'acme-client==1\nacme-client>=2\nacme-https==1\n'],
    ['a continued line with hashes', 'requirements.txt', 'acme-http==2.4.0 \\\n    --hash=sha256:aa\n', 'acme-http', 'acme-client', 'acme-client==2.4.0 \\\n    --hash=sha256:aa\n'],
    ['not an option, a comment or a path that mentions it', 'requirements.txt', '-e ./acme-http\n# acme-http is old\n./acme-http\n', 'acme-http', 'acme-client', '-e ./acme-http\n# acme-http is old\n./acme-http\n'],
    ['a PEP 621 string', 'pyproject.toml', '[project]\ndependencies = ["acme-http>=2.4", \'acme-http-extra\']\n', 'acme-http', 'acme-client', '[project]\ndependencies = ["acme-client>=2.4", \'acme-http-extra\']\n'],
    ['a dependency group and an optional dependency', 'pyproject.toml', '[project.optional-dependencies]\nx = ["acme-http"]\n[dependency-groups]\ndev = ["acme-http==1"]\n', 'acme-http', 'acme-client', '[project.optional-dependencies]\nx = ["acme-client"]\n[dependency-groups]\ndev = ["acme-client==1"]\n'],
    ['a Poetry key, bare and quoted', 'pyproject.toml', '[tool.poetry.dependencies]\nacme-http = "^2.4"\n[tool.poetry.group.dev.dependencies]\n"acme.http" = { version = "^2" }\n', 'acme-http', 'acme-client', '[tool.poetry.dependencies]\nacme-client = "^2.4"\n[tool.poetry.group.dev.dependencies]\n"acme-client" = { version = "^2" }\n'],
    ['a Poetry dependency table header', 'pyproject.toml', '[tool.poetry.dependencies.acme-http]\nversion = "^2.4"\n', 'acme-http', 'acme-client', '[tool.poetry.dependencies.acme-client]\nversion = "^2.4"\n'],
    ['not the project’s own name', 'pyproject.toml', '[project]\nname = "acme-http"\ndependencies = []\n', 'acme-http', 'acme-client', '[project]\nname = "acme-http"\ndependencies = []\n'],
  ];
  for (const [what, file, text, from, to, expected] of table) {
    it(`renames ${what}`, () => assert.deepEqual(renamed(text, file, from, to), { text: expected, notes: [] }));
  }

  it('refuses a name Python packages cannot have', () => {
    const r = pypiModule.rename('acme-http==1\n', 'requirements.txt', 'acme-http', 'acme http');
    assert.deepEqual(r.splices, []);
    assert.match(r.notes[0]!, /not a Python package name/);
  });

  it('leaves a file that is not TOML alone and says why', () => {
    const r = pypiModule.rename('[project\ndependencies = ["acme-http"]\n', 'pyproject.toml', 'acme-http', 'acme-client');
    assert.deepEqual(r.splices, []);
    assert.match(r.notes[0]!, /^not renamed: TOML syntax error in pyproject\.toml/);
  });

  it('leaves a name written with an escape and says where', () => {
    const r = pypiModule.rename('[project]\ndependencies = ["acme-htt\\u0070>=2"]\n', 'pyproject.toml', 'acme-http', 'acme-client');
    assert.deepEqual(r.splices, []);
    assert.match(r.notes[0]!, /acme-http on line 2 .*rename it by hand/);
  });
});
