import assert from 'node:assert/strict';
import * as engine from '../../../src/core/feedback';
import {
  CONTEXT_KEYS,
  FEEDBACK_KINDS,
  MAX_CONTACT_LENGTH,
  MAX_CONTEXT_VALUE_LENGTH,
  MAX_MESSAGE_LENGTH,
  clip,
  emptyDraft,
  parsePersistedState,
  parseToExtension,
  parseToWebview,
  type DraftState,
  type PanelInit,
} from '../../../src/webview/feedback/protocol';

const draft = (over: Partial<DraftState> = {}): DraftState => ({
  team: 'web-platform',
  component: 'acme-ui',
  kind: 'bug',
  rating: 4,
  message: 'The 3→4 migration missed our theme file',
  contact: 'dev@acme.dev',
  attach: ['package', 'version'],
  ...over,
});

const init = (over: Partial<PanelInit> = {}): PanelInit => ({
  folder: 'file:///home/dev/app',
  teams: [{ id: 'web-platform', name: 'Web Platform', contact: '#web', destination: 'webhook at feedback.acme.dev', mail: false, components: [{ id: 'acme-ui', name: 'Acme UI', description: null }] }],
  context: [{ key: 'package', value: '@acme/ui' }],
  draft: draft(),
  notice: null,
  ...over,
});

/** A message as it arrives through JSON (what postMessage carries), so own `__proto__` keys survive. */
const json = (text: string): unknown => JSON.parse(text);

describe('feedback panel protocol', () => {
  it('uses the limits and kinds of the engine (it cannot import them: the engine needs node:crypto)', () => {
    assert.deepEqual([...FEEDBACK_KINDS], [...engine.FEEDBACK_KINDS]);
    assert.equal(MAX_MESSAGE_LENGTH, engine.MAX_MESSAGE_LENGTH);
    assert.equal(MAX_CONTACT_LENGTH, engine.MAX_CONTACT_LENGTH);
    assert.equal(MAX_CONTEXT_VALUE_LENGTH, engine.MAX_CONTEXT_VALUE_LENGTH);
    assert.ok(CONTEXT_KEYS.length <= engine.MAX_CONTEXT_ITEMS);
  });

  describe('webview → extension', () => {
    const valid: Array<[string, unknown]> = [
      ['ready', { type: 'ready' }],
      ['draft', { type: 'draft', seq: 3, draft: draft() }],
      ['draft with nothing chosen yet', { type: 'draft', seq: 0, draft: emptyDraft() }],
      ['draft at the message limit', { type: 'draft', seq: 1, draft: draft({ message: 'x'.repeat(MAX_MESSAGE_LENGTH) }) }],
      ['send', { type: 'send', draft: draft({ rating: null, contact: '', component: '', attach: [] }) }],
      ['send with every context item', { type: 'send', draft: draft({ attach: [...CONTEXT_KEYS] }) }],
      ['openLink https', { type: 'openLink', url: 'https://github.com/acme/web-platform/issues/7' }],
      ['openLink http (loopback receivers)', { type: 'openLink', url: 'http://127.0.0.1:8080/t/1' }],
      ['a null-prototype object', Object.assign(Object.create(null) as object, { type: 'ready' })],
    ];
    for (const [name, message] of valid) {
      it(`accepts ${name}`, () => assert.deepEqual(parseToExtension(message), message));
    }

    const invalid: Array<[string, unknown]> = [
      ['undefined', undefined],
      ['null', null],
      ['a string', 'ready'],
      ['an array', [{ type: 'ready' }]],
      ['an unknown type', { type: 'deleteEverything' }],
      ['a type that is an Object.prototype key', { type: 'toString' }],
      ['a type that is __proto__', json('{"type":"__proto__"}')],
      ['an extra field', { type: 'ready', extra: 1 }],
      ['an own __proto__ field', json('{"type":"ready","__proto__":{"polluted":true}}')],
      ['an own constructor field', { type: 'ready', constructor: 'x' }],
      ['a class instance', new (class Ready { type = 'ready'; })()],
      ['an accessor field', Object.defineProperty({}, 'type', { get: () => 'ready', enumerable: true })],
      ['a symbol key', { type: 'ready', [Symbol('x')]: 1 }],
      ['a missing draft', { type: 'send' }],
      ['a missing draft field', { type: 'send', draft: (({ contact: _c, ...rest }) => rest)(draft()) }],
      ['an extra draft field', { type: 'send', draft: { ...draft(), context: { package: 'forged' } } }],
      ['a draft with __proto__', { type: 'send', draft: json(`{"__proto__":{"isAdmin":true},${JSON.stringify(draft()).slice(1)}`) }],
      ['a message over the limit', { type: 'send', draft: draft({ message: 'x'.repeat(MAX_MESSAGE_LENGTH + 1) }) }],
      ['a contact over the limit', { type: 'send', draft: draft({ contact: 'a'.repeat(MAX_CONTACT_LENGTH + 1) }) }],
      ['a message that is not text', { type: 'send', draft: draft({ message: 42 as unknown as string }) }],
      ['a team id with capitals', { type: 'send', draft: draft({ team: 'Web-Platform' }) }],
      ['a team id with a path', { type: 'send', draft: draft({ team: '../etc' }) }],
      ['a very long team id', { type: 'send', draft: draft({ team: 'a'.repeat(101) }) }],
      ['an unknown kind', { type: 'send', draft: draft({ kind: 'rant' as DraftState['kind'] }) }],
      ['a rating of 0', { type: 'send', draft: draft({ rating: 0 }) }],
      ['a rating of 6', { type: 'send', draft: draft({ rating: 6 }) }],
      ['a rating of 3.5', { type: 'send', draft: draft({ rating: 3.5 }) }],
      ['a rating as text', { type: 'send', draft: draft({ rating: '4' as unknown as number }) }],
      ['a NaN rating', { type: 'send', draft: draft({ rating: NaN }) }],
      ['contact null (the panel uses "")', { type: 'send', draft: draft({ contact: null as unknown as string }) }],
      ['an unknown context key', { type: 'send', draft: draft({ attach: ['password' as DraftState['attach'][number]] }) }],
      ['a repeated context key', { type: 'send', draft: draft({ attach: ['file', 'file'] }) }],
      ['attach that is not a list', { type: 'send', draft: draft({ attach: 'file' as unknown as DraftState['attach'] }) }],
      ['attach as an array-like object', { type: 'send', draft: draft({ attach: { 0: 'file', length: 1 } as unknown as DraftState['attach'] }) }],
      ['a sparse attach list', { type: 'send', draft: draft({ attach: new Array(2) as DraftState['attach'] }) }],
      ['a negative seq', { type: 'draft', seq: -1, draft: draft() }],
      ['a fractional seq', { type: 'draft', seq: 1.5, draft: draft() }],
      ['a javascript: link', { type: 'openLink', url: 'javascript:alert(1)' }],
      ['a command: link', { type: 'openLink', url: 'command:workbench.action.quit' }],
      ['a file: link', { type: 'openLink', url: 'file:///etc/passwd' }],
      ['a link that is no URL', { type: 'openLink', url: 'not a url' }],
      ['an oversized link', { type: 'openLink', url: `https://x.example/${'a'.repeat(2100)}` }],
    ];
    for (const [name, message] of invalid) {
      it(`rejects ${name}`, () => {
        const reasons: string[] = [];
        assert.equal(parseToExtension(message, (why) => reasons.push(why)), undefined);
        assert.equal(reasons.length, 1, 'says why, once');
      });
    }

    it('never pollutes Object.prototype while checking', () => {
      parseToExtension(json('{"type":"send","draft":{"__proto__":{"polluted":true}}}'));
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  });

  describe('extension → webview', () => {
    const result = { outcome: 'sent', summary: 'Sent.', lines: [{ destination: 'webhook at x', state: 'delivered', url: 'https://x.example/1', reason: null }], errors: [] };
    const valid: Array<[string, unknown]> = [
      ['init', { type: 'init', init: init() }],
      ['init without folder, teams or context', { type: 'init', init: init({ folder: null, teams: [], context: [], draft: emptyDraft(), notice: 'Open a folder.' }) }],
      ['preview', { type: 'preview', seq: 2, message: '[REDACTED github-token]', redactions: [{ kind: 'github-token', count: 1 }] }],
      ['result', { type: 'result', result, draft: draft({ message: '' }) }],
      ['invalid result', { type: 'result', result: { outcome: 'invalid', summary: 'Check the form.', lines: [], errors: [{ field: 'message', message: 'Write a message.' }] }, draft: draft() }],
    ];
    for (const [name, message] of valid) {
      it(`accepts ${name}`, () => assert.deepEqual(parseToWebview(message), message));
    }
    const invalid: Array<[string, unknown]> = [
      ['a webview message', { type: 'ready' }],
      ['a team without components', { type: 'init', init: init({ teams: [{ ...init().teams[0]!, components: undefined as never }] }) }],
      ['a tracking link to javascript:', { type: 'result', result: { ...result, lines: [{ ...result.lines[0], url: 'javascript:alert(1)' }] }, draft: draft() }],
      ['an unknown outcome', { type: 'result', result: { ...result, outcome: 'maybe' }, draft: draft() }],
      ['an error on an unknown field', { type: 'result', result: { ...result, errors: [{ field: 'password', message: 'x' }] }, draft: draft() }],
      ['a team name over the limit', { type: 'init', init: init({ teams: [{ ...init().teams[0]!, name: 'x'.repeat(2001) }] }) }],
      ['a zero redaction count', { type: 'preview', seq: 1, message: '', redactions: [{ kind: 'jwt', count: 0 }] }],
    ];
    for (const [name, message] of invalid) {
      it(`rejects ${name}`, () => assert.equal(parseToWebview(message), undefined));
    }
  });

  describe('saved state (the panel serializer)', () => {
    it('accepts what the webview saves', () => {
      const state = { v: 1, folder: 'file:///w', context: [{ key: 'file', value: 'apps/web/package.json' }], draft: draft() };
      assert.deepEqual(parsePersistedState(state), state);
    });
    it('rejects another version, a forged context key and junk', () => {
      assert.equal(parsePersistedState({ v: 2, folder: null, context: [], draft: draft() }), undefined);
      assert.equal(parsePersistedState({ v: 1, folder: null, context: [{ key: 'token', value: 'x' }], draft: draft() }), undefined);
      assert.equal(parsePersistedState(undefined), undefined);
      assert.equal(parsePersistedState('{"v":1}'), undefined);
    });
  });

  it('clip keeps short text and cuts long text to the limit', () => {
    assert.equal(clip('abc', 5), 'abc');
    assert.equal(clip('abcdefgh', 5), 'abcd…');
    assert.equal(clip('x'.repeat(3000)).length, 2000);
  });
});
