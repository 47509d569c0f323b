import fc from 'fast-check';
import { actionModule } from '../../../../src/core/ecosystems/action';
import { samples } from './samples';
import { checkTotal, totalityTests } from '../helpers';

const RUNS = { seed: 4242, numRuns: 300 };

describe('ecosystems/action: properties', () => {
  totalityTests(actionModule, samples, 4242);

  it('reads generated steps in any quoting, line end and comment', () => {
    const part = fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,7}$/);
    const step = fc.record({
      name: fc.tuple(part, part, fc.option(part, { nil: undefined })).map(([o, r, p]) => [o, r, p].filter(Boolean).join('/')),
      ref: fc.oneof(fc.constant(''), part, fc.constantFrom('v4', 'v4.1.1', '8e5e7e5ab8b370d6c329ec480221332ada57f0ab', '${{ x }}')),
      quote: fc.constantFrom('', '"', "'"),
      comment: fc.constantFrom('', ' # v1.2.3', '  #v2', ' # tag=v3.0.0', ' # note'),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 6 }), fc.constantFrom('\n', '\r\n'), (steps, eol) => {
        const lines = ['jobs:', '  a:', '    steps:', ...steps.map((s) => `      - uses: ${s.quote}${s.name}${s.ref ? '@' + s.ref : ''}${s.quote}${s.comment}`)];
        const text = lines.join(eol) + eol;
        checkTotal(actionModule, text, '.github/workflows/x.yml');
        const uses = actionModule.parse(text, '.github/workflows/x.yml').uses;
        if (uses.length !== steps.length) throw new Error(`${uses.length} uses of ${steps.length} steps in ${JSON.stringify(text)}`);
      }),
      RUNS,
    );
  });
});
