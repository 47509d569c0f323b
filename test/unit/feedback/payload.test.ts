import assert from 'node:assert/strict';
import type { FeedbackChannel, Team } from '../../../src/core/catalog/model';
import { ZERO_RANGE } from '../../../src/core/positions';
import {
  FEEDBACK_KINDS,
  InvalidDraftError,
  MAX_MESSAGE_LENGTH,
  buildPayload,
  describeDestination,
  validateDraft,
  type FeedbackDraft,
} from '../../../src/core/feedback';

const draft = (overrides: Partial<FeedbackDraft> = {}): FeedbackDraft => ({
  team: 'web-platform',
  component: 'acme-ui',
  kind: 'bug',
  rating: 4,
  message: 'The 3→4 migration missed our theme file',
  contact: 'dev@acme.dev',
  context: { package: '@acme/ui', version: '3.1.0' },
  ...overrides,
});

const team = (id: string, feedback: FeedbackChannel[]): Team => ({ id, name: id.toUpperCase(), feedback, source: { file: 'c.yaml', range: ZERO_RANGE } });
const TEAMS = new Map([
  ['web-platform', team('web-platform', [{ kind: 'webhook', url: 'https://feedback.acme.dev/api/web-platform' }])],
  ['silent', team('silent', [])],
]);

describe('feedback payload', () => {
  it('lists the kinds of the spec', () => {
    assert.deepEqual([...FEEDBACK_KINDS], ['bug', 'migration-blocker', 'feature-request', 'docs', 'praise', 'other']);
  });

  describe('validateDraft', () => {
    const cases: Array<[string, Partial<FeedbackDraft> | Record<string, unknown>, Array<[string, RegExp]>]> = [
      ['a complete draft', {}, []],
      ['no rating, no contact, no component, no context', { rating: null, contact: null, component: null, context: {} }, []],
      ['a handle as contact', { contact: '@alice.smith' }, []],
      ['an empty message', { message: '  \n ' }, [['message', /write a message/]]],
      ['a message one over the limit', { message: 'x'.repeat(MAX_MESSAGE_LENGTH + 1) }, [['message', /5001 characters.*limit is 5000/]]],
      ['a message at the limit', { message: 'x'.repeat(MAX_MESSAGE_LENGTH) }, []],
      ['rating 0', { rating: 0 }, [['rating', /1 to 5/]]],
      ['rating 6', { rating: 6 }, [['rating', /1 to 5/]]],
      ['rating 2.5', { rating: 2.5 }, [['rating', /whole number/]]],
      ['rating as text', { rating: '4' }, [['rating', /1 to 5/]]],
      ['an unknown kind', { kind: 'rant' }, [['kind', /bug, migration-blocker/]]],
      ['an unknown team', { team: 'nobody' }, [['team', /no team "nobody"/]]],
      ['a team without channels', { team: 'silent' }, [['team', /SILENT lists no feedback channel/]]],
      ['an empty contact', { contact: ' ' }, [['contact', /choose not to be contacted/]]],
      ['an implausible contact', { contact: 'call me maybe' }, [['contact', /email address/]]],
      ['a contact without domain dot', { contact: 'dev@localhost' }, [['contact', /email address/]]],
      ['a context value that is not text', { context: { line: 3 } }, [['context', /"line" must be text/]]],
      ['a context that is a list', { context: ['a'] }, [['context', /named values/]]],
      ['several problems at once', { message: '', rating: 9, kind: 'x' }, [['kind', /./], ['rating', /./], ['message', /./]]],
    ];
    for (const [name, overrides, expected] of cases) {
      it(name, () => {
        const errors = validateDraft(draft(overrides as Partial<FeedbackDraft>), TEAMS);
        assert.deepEqual(errors.map((e) => e.field), expected.map(([f]) => f), JSON.stringify(errors));
        expected.forEach(([, re], i) => assert.match(errors[i]!.message, re));
      });
    }

    it('checks the team only for presence without the catalog', () => {
      assert.deepEqual(validateDraft(draft({ team: 'nobody' })), []);
      assert.deepEqual(validateDraft(draft({ team: '' })).map((e) => e.field), ['team']);
    });
  });

  describe('buildPayload', () => {
    it('is exactly the JSON body of the spec, in its order', () => {
      const p = buildPayload(draft(), { id: '5b0c7c1e-1111-4222-8333-444455556666', now: new Date('2026-11-21T10:15:00Z') });
      assert.equal(
        JSON.stringify(p),
        JSON.stringify({
          schema: 'platform-guide/feedback-v1',
          id: '5b0c7c1e-1111-4222-8333-444455556666',
          createdAt: '2026-11-21T10:15:00.000Z',
          team: 'web-platform',
          component: 'acme-ui',
          kind: 'bug',
          rating: 4,
          message: 'The 3→4 migration missed our theme file',
          contact: 'dev@acme.dev',
          context: { package: '@acme/ui', version: '3.1.0' },
        }),
      );
    });

    it('keeps nulls as nulls and trims message and contact', () => {
      const p = buildPayload(draft({ component: null, rating: null, contact: null, message: '  hi\n', context: {} }));
      assert.equal(p.component, null);
      assert.equal(p.rating, null);
      assert.equal(p.contact, null);
      assert.equal(p.message, 'hi');
      assert.deepEqual(p.context, {});
      assert.equal(buildPayload(draft({ contact: ' dev@acme.dev ' })).contact, 'dev@acme.dev');
    });

    it('makes a fresh uuid and an ISO time by default', () => {
      const a = buildPayload(draft());
      const b = buildPayload(draft());
      assert.match(a.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.notEqual(a.id, b.id);
      assert.ok(!Number.isNaN(Date.parse(a.createdAt)) && a.createdAt.endsWith('Z'));
    });

    it('copies the context, so later edits of the draft do not change a queued payload', () => {
      const d = draft();
      const p = buildPayload(d);
      d.context.version = '9.9.9';
      assert.equal(p.context.version, '3.1.0');
    });

    it('refuses an invalid draft', () => {
      assert.throws(() => buildPayload(draft({ message: '' })), (e: unknown) => e instanceof InvalidDraftError && e.errors[0]!.field === 'message');
    });
  });

  describe('describeDestination', () => {
    const cases: Array<[FeedbackChannel, string]> = [
      [{ kind: 'github', repo: 'acme/web-platform', labels: [] }, 'GitHub issue in acme/web-platform'],
      [{ kind: 'github', repo: 'acme/web-platform', labels: [], apiUrl: 'https://github.acme.dev/api/v3' }, 'GitHub issue in acme/web-platform on github.acme.dev'],
      [{ kind: 'webhook', url: 'https://feedback.acme.dev/api/web-platform' }, 'webhook at feedback.acme.dev'],
      [{ kind: 'webhook', url: 'http://127.0.0.1:8080/x' }, 'webhook at 127.0.0.1:8080'],
      [{ kind: 'slack', url: 'https://hooks.slack.com/services/T000/B000/XXXX' }, 'Slack'],
      [{ kind: 'email', address: 'web-platform@acme.dev' }, 'email to web-platform@acme.dev'],
    ];
    for (const [channel, text] of cases) it(text, () => assert.equal(describeDestination(channel), text));
  });
});
