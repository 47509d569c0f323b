import * as assert from 'node:assert/strict';
import { lockCommandFor } from '../../../src/core/ecosystems/lockCommands';

describe('ecosystems: the command that refreshes a lockfile after a bump', () => {
  const table: Array<[string, string, string[], string | undefined]> = [
    ['npm beside the manifest', 'package.json', ['package-lock.json'], 'npm install in "" (package-lock.json)'],
    ['yarn at a workspace root', 'packages/a/package.json', ['yarn.lock'], 'yarn install in "" (yarn.lock)'],
    ['pnpm in the nearest folder up', 'apps/web/package.json', ['pnpm-lock.yaml', 'apps/package-lock.json'], 'npm install in "apps" (package-lock.json)'],
    ['uv beside a pyproject.toml', 'pyproject.toml', ['uv.lock'], 'uv lock in "" (uv.lock)'],
    ['uv at a workspace root', 'packages/core/pyproject.toml', ['uv.lock'], 'uv lock in "" (uv.lock)'],
    ['Poetry beside a pyproject.toml', 'tools/cli/pyproject.toml', ['tools/cli/poetry.lock'], 'poetry lock in "tools/cli" (poetry.lock)'],
    ['a poetry.lock above is another project’s', 'tools/cli/pyproject.toml', ['poetry.lock'], undefined],
    ['uv before Poetry when both are beside it', 'pyproject.toml', ['poetry.lock', 'uv.lock'], 'uv lock in "" (uv.lock)'],
    ['a pyproject.toml never runs npm', 'pyproject.toml', ['package-lock.json'], undefined],
    ['a package.json never runs uv', 'package.json', ['uv.lock'], undefined],
    ['Terraform beside the root module', 'infra/prod/versions.tf', ['infra/prod/.terraform.lock.hcl'], 'terraform init -upgrade -backend=false in "infra/prod" (.terraform.lock.hcl)'],
    ['a .terraform.lock.hcl above is another root module’s', 'infra/modules/vpc/main.tf', ['infra/.terraform.lock.hcl'], undefined],
    ['Helm beside a Chart.yaml', 'charts/shop/Chart.yaml', ['charts/shop/Chart.lock'], 'helm dependency update in "charts/shop" (Chart.lock)'],
    ['Helm 2 beside a requirements.yaml', 'requirements.yaml', ['requirements.lock'], 'helm dependency update in "" (requirements.lock)'],
    ['a Chart.lock above is another chart’s', 'charts/shop/Chart.yaml', ['Chart.lock'], undefined],
    ['a Chart.yaml never reads requirements.lock', 'Chart.yaml', ['requirements.lock'], undefined],
    ['a chart without a lock: no command', 'Chart.yaml', [], undefined],
    ['a file named like an object key is no manifest', 'constructor', ['Chart.lock'], undefined],
    ['a requirements file has no lockfile', 'requirements.txt', ['uv.lock', 'poetry.lock'], undefined],
    ['a Dockerfile has no package manager', 'Dockerfile', ['package-lock.json'], undefined],
    ['no lockfile at all', 'packages/a/package.json', [], undefined],
  ];
  for (const [what, manifest, files, expected] of table) {
    it(what, () => {
      const present = new Set(files);
      const found = lockCommandFor(manifest, (rel) => present.has(rel));
      assert.equal(found && `${found.command} in "${found.dir}" (${found.lockfile})`, expected);
    });
  }
});
