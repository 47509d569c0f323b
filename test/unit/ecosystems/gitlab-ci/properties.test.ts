import { gitlabCiModule } from '../../../../src/core/ecosystems/gitlab-ci';
import { samples } from './samples';
import { totalityTests } from '../helpers';

describe('ecosystems/gitlab-ci: properties', () => {
  totalityTests(gitlabCiModule, samples, 2424);
});
