import { actionRefVersioning } from '../../versioning/actionRef';
import type { EcosystemModule } from '../types';
import { moduleFromScan } from '../yamlUses';
import { scanIncludes } from './includes';


/** `.gitlab-ci.yml`, `*.gitlab-ci.yml`, and any YAML file under a `.gitlab/ci/` folder, at any depth. */
const WANTED = /(?:^|\/)(?:[^/]*\.gitlab-ci\.yml|\.gitlab\/ci\/(?:[^/]+\/)*[^/]+\.ya?ml)$/;

/**
 * GitLab CI (ecosystems spec, "gitlab-ci"): `include:` entries that name another project (`project:`
 * with its `ref:`) or a CI/CD catalog component (`component: host/path@version`). Refs read like
 * action refs: `1.4.0` exact, `1` by precision, `~latest`, branches and SHAs unknown.
 */
export const gitlabCiModule: EcosystemModule = moduleFromScan(
  {
    id: 'gitlab-ci',
    files: ['**/{.gitlab-ci.yml,*.gitlab-ci.yml}', '**/.gitlab/ci/**/*.{yml,yaml}'],
    wants: (relPath) => WANTED.test(relPath),
    versioning: actionRefVersioning,
    // GitLab resolves project paths case-insensitively.
    normaliseName: (name) => name.trim().toLowerCase(),
  },
  scanIncludes,
);
