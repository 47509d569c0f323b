import type { Ecosystem } from '../../../src/core/types';
import { samples as actionSamples } from './action/samples';
import { samples as dockerSamples } from './docker/samples';
import { samples as gitlabCiSamples } from './gitlab-ci/samples';
import { goSamples } from './go/samples';
import { gradleSamples } from './gradle/samples';
import { mavenSamples } from './maven/samples';
import { helmSamples } from './helm/samples';
import { npmSamples } from './npm/samples';
import { pypiSamples } from './pypi/samples';
import { runtimeSamples } from './runtime/samples';
import { terraformSamples } from './terraform/samples';

/** A file of an ecosystem with uses in it, as people write them: the contract test's corpus. */
export interface Sample {
  /** Its path relative to a scanned folder; its module must want it. */
  readonly file: string;
  readonly text: string;
}

/**
 * One line per registered ecosystem: its samples. The contract test (contract.test.ts) fails for a
 * registered module without a line here, so a new ecosystem comes with a corpus.
 */
export const SAMPLES: Partial<Record<Ecosystem, readonly Sample[]>> = {
  npm: npmSamples,
  docker: dockerSamples,
  action: actionSamples.map((s) => ({ file: s.path, text: s.text })),
  pypi: pypiSamples,
  'gitlab-ci': gitlabCiSamples.map((s) => ({ file: s.path, text: s.text })),
  maven: mavenSamples,
  gradle: gradleSamples,
  go: goSamples,
  terraform: terraformSamples,
  helm: helmSamples,
  runtime: runtimeSamples,
};
