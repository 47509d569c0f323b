import * as assert from 'node:assert/strict';
import picomatch from 'picomatch';
import { dockerModule } from '../../../../src/core/ecosystems/docker';

describe('docker module: files', () => {
  const cases: readonly (readonly [path: string, wanted: boolean])[] = [
    ['Dockerfile', true],
    ['services/api/Dockerfile', true],
    ['Dockerfile.dev', true],
    ['deploy/Dockerfile.windows', true],
    ['build/ci.Dockerfile', true],
    ['Containerfile', true],
    ['images/base/Containerfile.rhel', true],
    ['docker-compose.yml', true],
    ['docker-compose.override.yaml', true],
    ['deploy/docker-compose.prod.yml', true],
    ['compose.yaml', true],
    ['compose.dev.yml', true],
    ['a/b/c/compose.yml', true],
    ['.devcontainer.json', true],
    ['.devcontainer/devcontainer.json', true],
    ['services/api/.devcontainer/devcontainer.json', true],
    ['.devcontainer/python/devcontainer.json', true],
    // Not these.
    ['dockerfile', false],
    ['Dockerfiles/readme.md', false],
    ['src/Dockerfile/x.ts', false],
    ['docker-compose.json', false],
    ['compose.txt', false],
    ['devcontainer.json', false],
    ['config/devcontainer.json', false],
    ['.devcontainer/a/b/devcontainer.json', false],
    ['package.json', false],
    ['.github/workflows/ci.yml', false],
  ];
  const globs = picomatch(dockerModule.files as string[], { dot: true });
  for (const [path, wanted] of cases) {
    it(`${wanted ? 'reads' : 'skips'} ${path}, as its globs say`, () => {
      assert.equal(dockerModule.wants(path), wanted);
      assert.equal(globs(path), wanted);
    });
  }

  it('takes Windows separators in a relative path', () => {
    assert.equal(dockerModule.wants('services\\api\\Dockerfile'), true);
    assert.equal(dockerModule.wants('services\\.devcontainer\\devcontainer.json'), true);
  });

  it('compares names in lower case and reads tags as docker tags', () => {
    assert.equal(dockerModule.id, 'docker');
    assert.equal(dockerModule.normaliseName('Registry.Acme.dev/Base/Node'), 'registry.acme.dev/base/node');
    assert.equal(dockerModule.versioning.id, 'docker-tag');
  });
});
