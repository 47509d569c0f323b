import { actionRefVersioning } from '../../versioning/actionRef';
import type { EcosystemModule } from '../types';
import { moduleFromScan } from '../yamlUses';
import { scanActionUses } from './workflow';


/** Workflows sit directly in `.github/workflows/` (GitHub reads no subfolder); composite actions anywhere. */
const WANTED = /(?:^|\/)(?:\.github\/workflows\/[^/]+\.ya?ml|action\.ya?ml)$/;

/**
 * GitHub Actions (ecosystems spec, "action"): the `uses:` of workflow steps, of jobs (reusable
 * workflows) and of composite actions' steps. Name: the text before `@`, path kept; version text:
 * the ref after it; a SHA's version comment is its `resolved` version.
 */
export const actionModule: EcosystemModule = moduleFromScan(
  {
    id: 'action',
    files: ['**/.github/workflows/*.{yml,yaml}', '**/action.{yml,yaml}'],
    wants: (relPath) => WANTED.test(relPath),
    versioning: actionRefVersioning,
    // GitHub owners and repositories are case-insensitive; a path inside a repository is not, but
    // two spellings of one action differing only there are too rare to tell apart.
    normaliseName: (name) => name.trim().toLowerCase(),
  },
  scanActionUses,
);
