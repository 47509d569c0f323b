import { gitlabCiModule, samples } from '../../../../src/core/ecosystems/gitlab-ci';
import { totalityTests } from '../helpers';

describe('ecosystems/gitlab-ci: properties', () => {
  totalityTests(gitlabCiModule, samples, 2424);
});
