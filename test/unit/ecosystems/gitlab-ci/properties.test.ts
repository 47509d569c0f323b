import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { gitlabCiModule, samples } from '../../../../src/core/ecosystems/gitlab-ci';
import { checkTotal, sampleMutations } from '../helpers';

const RUNS = { seed: 2424, numRuns: 300 };

describe('ecosystems/gitlab-ci: properties', () => {
  it('reads every sample without a problem', () => {
    assert.ok(samples.length >= 4);
    for (const s of samples) {
      assert.ok(gitlabCiModule.wants(s.path), s.path);
      assert.deepEqual(gitlabCiModule.parse(s.text, s.path).problems, [], s.path);
      checkTotal(gitlabCiModule, s.text, s.path);
    }
  });

  it('never throws on arbitrary text, and its ranges hold what they say', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => checkTotal(gitlabCiModule, text, '.gitlab-ci.yml')), RUNS);
  });

  it('never throws on mutated pipelines, and its ranges hold what they say', () => {
    fc.assert(fc.property(sampleMutations(samples), ({ path, text }) => checkTotal(gitlabCiModule, text, path)), RUNS);
  });
});
