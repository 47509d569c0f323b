import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { diagnosticsFrom, fileIn, platformGuide, setUserSetting, waitFor, type PlatformGuideApi } from '../helpers';

const SOURCE = 'Platform Guide';
const SEND_FEEDBACK = 'platformGuide.sendFeedback';

/** The part of the extension's API these tests use (src/extension/feedback/register.ts). */
interface PanelState {
  visible: boolean;
  init: {
    folder: string | null;
    teams: Array<{ id: string; name: string; contact: string | null; destination: string; mail: boolean; components: Array<{ id: string; name: string; description: string | null }> }>;
    context: Array<{ key: string; value: string }>;
    draft: { team: string; component: string; kind: string; rating: number | null; message: string; contact: string; attach: string[] };
    notice: string | null;
  };
  withheld: string[];
  result: { outcome: string; summary: string; lines: Array<{ destination: string; state: string; url: string | null; reason: string | null }>; errors: Array<{ field: string; message: string }> } | null;
  accepted: number;
}
interface FeedbackApi extends PlatformGuideApi {
  feedbackPanelState(): PanelState | undefined;
  feedbackOutbox(): Promise<Array<{ submissionId: string; state: string; destination: string }>>;
  postToFeedbackHandler(raw: unknown): Promise<{ accepted: boolean }>;
}

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const dashboard = () => fileIn('packages', 'dashboard', 'package.json');

/** The real webview answers each init with its draft: wait until it has nothing more to say. */
async function quietPanel(api: FeedbackApi): Promise<PanelState> {
  let last = -1;
  return waitFor('the panel to settle', async () => {
    const count = api.feedbackPanelState()?.accepted ?? -1;
    if (count === last) return api.feedbackPanelState();
    last = count;
    await new Promise((r) => setTimeout(r, 400));
    return undefined;
  });
}

async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  await vscode.workspace.openTextDocument(uri);
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
}

async function hoverOn(uri: vscode.Uri, position: vscode.Position): Promise<vscode.MarkdownString[]> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers.flatMap((h) => h.contents).filter((c): c is vscode.MarkdownString => typeof c !== 'string' && 'value' in c);
}

/** The example catalog with web-platform's feedback going to one webhook (loopback http is allowed). */
function withWebhook(example: string, url: string): string {
  const channels = '    feedback:\n      - webhook: https://feedback.acme.dev/api/web-platform\n      - github: acme/web-platform\n        labels: [from-editor]\n';
  assert.ok(example.includes(channels), 'the example catalog has the channels this test replaces');
  return example.replace(channels, `    feedback:\n      - webhook: ${url}\n`);
}

describe('feedback to platform teams', () => {
  let api: FeedbackApi;
  let original: string[];
  let example: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-feedback-'));
  const catalogFile = path.join(dir, 'platform-catalog.yaml');
  const received: Received[] = [];
  let answer: { status: number; headers?: Record<string, string>; body?: string } = { status: 201 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(answer.body ?? '');
    });
  });
  let base = '';

  before(async () => {
    api = (await platformGuide()) as FeedbackApi;
    original = vscode.workspace.getConfiguration('platformGuide').get<string[]>('catalogs') ?? [];
    example = fs.readFileSync(original[0]!, 'utf8');
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    server.close();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setUserSetting('platformGuide.catalogs', original);
    await waitFor('the example catalog back', () => api.catalogState().kind === 'fresh');
  });

  it('offers "Send feedback to <team>" on each Platform Guide diagnostic; the quick fix opens the panel with team, component and context filled in', async () => {
    const d = await waitFor('the dashboard warning', () => diagnosticsFrom(dashboard(), SOURCE)[0]);
    const action = (await quickFixes(dashboard(), d.range)).find((a) => a.title === 'Send feedback to Web Platform');
    assert.ok(action?.command, 'the quick fix is offered');
    assert.equal(action.command.command, SEND_FEEDBACK);
    const release = await waitFor('the release findings', () => (diagnosticsFrom(fileIn('tools', 'release', 'package.json'), SOURCE).length === 2 ? true : undefined));
    assert.ok(release);
    const runtime = await quickFixes(fileIn('tools', 'release', 'package.json'), new vscode.Range(5, 20, 5, 20));
    assert.ok(runtime.some((a) => a.title === 'Send feedback to Runtime Platform'), 'an email-only team is offered too');

    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    const state = await waitFor('the panel', () => api.feedbackPanelState());
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const tab = await waitFor(`the panel's tab among ${JSON.stringify(tabs().map((t) => [t.label, (t.input as { viewType?: string } | undefined)?.viewType]))}`, () =>
      tabs().find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('platformGuide.feedback')),
    );
    assert.equal(tab.label, 'Send Feedback');

    assert.deepEqual(
      { team: state.init.draft.team, component: state.init.draft.component, kind: state.init.draft.kind, message: state.init.draft.message },
      { team: 'web-platform', component: 'acme-legacy-grid', kind: 'migration-blocker', message: '' },
    );
    const context = Object.fromEntries(state.init.context.map((c) => [c.key, c.value]));
    assert.deepEqual(Object.keys(context), ['package', 'version', 'file', 'finding', 'extensionVersion', 'editor']);
    assert.equal(context.package, '@acme/legacy-grid');
    assert.equal(context.version, '5.2.1', 'the version the lockfile pinned');
    assert.equal(context.file, 'packages/dashboard/package.json');
    assert.equal(context.finding, d.message);
    assert.equal(context.extensionVersion, vscode.extensions.getExtension('platform-guide.platform-guide')!.packageJSON.version);
    assert.equal(context.editor, `${vscode.env.appName} ${vscode.version}`);
    assert.deepEqual(state.init.draft.attach, Object.keys(context), 'every item ticked');
    assert.deepEqual(
      state.init.teams.map((t) => [t.id, t.destination, t.mail]),
      [
        ['web-platform', 'webhook at feedback.acme.dev and GitHub issue in acme/web-platform', false],
        ['runtime-platform', 'email to runtime@acme.dev, opens your mail client', true],
        ['delivery-platform', 'webhook at feedback.acme.dev', false],
      ],
    );
    assert.deepEqual(state.init.teams[0]!.components.map((c) => c.id), ['acme-ui', 'acme-legacy-grid']);
    assert.equal(state.init.notice, null);
  });

  it('opens from a component in the Platform view (its context menu), addressed to the owning team', async () => {
    const menus = (vscode.extensions.getExtension('platform-guide.platform-guide')!.packageJSON as { contributes: { menus: Record<string, Array<{ command: string; when: string }>> } }).contributes.menus;
    assert.deepEqual(
      menus['view/item/context']?.filter((m) => m.command === SEND_FEEDBACK).map((m) => m.when),
      ['view == platformGuide.platform && viewItem =~ /^(component|team)$/'],
    );
    // The argument VS Code passes: the view's node for the component.
    const folder = vscode.workspace.workspaceFolders![0]!;
    await vscode.commands.executeCommand(SEND_FEEDBACK, { kind: 'component', id: 'acme-ui', label: 'Acme UI', uses: [{ folder, use: { file: 'apps/web/package.json' } }] });
    const state = await waitFor('the panel for acme-ui', () => (api.feedbackPanelState()?.init.draft.component === 'acme-ui' ? api.feedbackPanelState() : undefined));
    assert.equal(state.init.draft.team, 'web-platform');
    assert.deepEqual(state.init.context.map((c) => c.key), ['extensionVersion', 'editor'], 'no finding: only the editor facts');
    assert.equal(state.init.draft.message, '', 'an empty draft keeps nothing it should not');
  });

  describe('sending to a real HTTP receiver on 127.0.0.1', () => {
    before(async () => {
      // Back to the dashboard finding's context (as its hover link would open it).
      await vscode.commands.executeCommand(SEND_FEEDBACK, { manifest: dashboard().toString(), package: '@acme/legacy-grid' });
      fs.writeFileSync(catalogFile, withWebhook(example, `${base}/feedback`));
      await setUserSetting('platformGuide.catalogs', [catalogFile]);
      await waitFor('the receiver in the panel', () => api.feedbackPanelState()?.init.teams.find((t) => t.id === 'web-platform')?.destination.includes('127.0.0.1'), 15_000);
    });

    it('ignores webview messages that do not match the protocol (fed to the handler the webview uses, not through the webview itself): nothing is sent or queued, the panel is unchanged', async () => {
      const before = await quietPanel(api);
      const draft = before.init.draft;
      const valid = { ...draft, message: 'would be delivered if it got through' };
      const bad: unknown[] = [
        undefined,
        'send',
        { type: 'send' },
        { type: 'send', draft: valid, extra: true },
        { type: 'send', draft: { ...valid, context: { file: '/etc/passwd' } } },
        { type: 'send', draft: { ...valid, rating: 7 } },
        { type: 'send', draft: { ...valid, kind: 'rant' } },
        { type: 'send', draft: { ...valid, message: 'x'.repeat(5001) } },
        { type: 'send', draft: { ...valid, attach: ['file', 'password'] } },
        JSON.parse(`{"type":"send","__proto__":{"admin":true},"draft":${JSON.stringify(valid)}}`),
        { type: 'draft', seq: -1, draft: valid },
        { type: 'openLink', url: 'javascript:alert(1)' },
        { type: 'openLink', url: 'command:workbench.action.quit' },
        { type: 'toString' },
      ];
      for (const message of bad) {
        assert.deepEqual(await api.postToFeedbackHandler(message), { accepted: false }, `refused: ${JSON.stringify(message)?.slice(0, 80)}`);
      }
      const after = api.feedbackPanelState()!;
      assert.deepEqual(after.init, before.init, 'the panel state is unchanged');
      assert.equal(after.result, before.result);
      assert.equal(after.accepted, before.accepted, 'none counted as accepted');
      assert.deepEqual(received, [], 'nothing reached the receiver');
      assert.deepEqual(await api.feedbackOutbox(), [], 'nothing was queued');
    });

    it('delivers exactly the spec payload, redacted, with Idempotency-Key, and shows the tracking link', async () => {
      answer = { status: 201, body: JSON.stringify({ url: `${base}/feedback/17` }) };
      const token = `ghp_${'a1B2c3D4e5'.repeat(4)}`;
      const draft = {
        ...api.feedbackPanelState()!.init.draft,
        kind: 'bug',
        rating: 4,
        message: `The grid export breaks.\nMy token ${token} is in ${path.join(os.homedir(), 'project', 'log.txt')}`,
        contact: 'dev@acme.dev',
        attach: ['package', 'version', 'finding', 'extensionVersion', 'editor'],
      };
      assert.deepEqual(await api.postToFeedbackHandler({ type: 'draft', seq: 1, draft }), { accepted: true });
      assert.deepEqual(await api.postToFeedbackHandler({ type: 'send', draft }), { accepted: true });

      assert.equal(received.length, 1, 'one request');
      const [req] = received;
      assert.equal(req!.method, 'POST');
      assert.equal(req!.url, '/feedback');
      assert.equal(req!.headers['content-type'], 'application/json');
      const body = JSON.parse(req!.body) as Record<string, unknown>;
      assert.equal(req!.headers['idempotency-key'], body.id, 'Idempotency-Key is the submission id');
      assert.deepEqual(Object.keys(body), ['schema', 'id', 'createdAt', 'team', 'component', 'kind', 'rating', 'message', 'contact', 'context']);
      assert.match(String(body.id), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.ok(Math.abs(Date.parse(String(body.createdAt)) - Date.now()) < 60_000 && String(body.createdAt).endsWith('Z'));
      const context = Object.fromEntries(api.feedbackPanelState()!.init.context.map((c) => [c.key, c.value]));
      assert.deepEqual(body, {
        schema: 'platform-guide/feedback-v1',
        id: body.id,
        createdAt: body.createdAt,
        team: 'web-platform',
        component: 'acme-legacy-grid',
        kind: 'bug',
        rating: 4,
        message: `The grid export breaks.\nMy token [REDACTED github-token] is in ${path.join('~', 'project', 'log.txt')}`,
        contact: 'dev@acme.dev',
        context: { package: context.package, version: context.version, finding: context.finding, extensionVersion: context.extensionVersion, editor: context.editor },
      });
      assert.ok(!('file' in (body.context as object)), 'the unticked item is not sent');

      const state = api.feedbackPanelState()!;
      assert.deepEqual(state.result, {
        outcome: 'sent',
        summary: 'Sent to Web Platform. Thank you!',
        lines: [{ destination: `webhook at ${base.slice('http://'.length)}`, state: 'delivered', url: `${base}/feedback/17`, reason: null }],
        errors: [],
      });
      assert.equal(state.init.draft.message, '', 'the message is cleared after sending');
      assert.deepEqual(await api.feedbackOutbox(), []);
    });

    it('a final failure (HTTP 400) keeps the draft and says why; Send again retries the same submission, same Idempotency-Key', async () => {
      received.length = 0;
      answer = { status: 400, body: JSON.stringify({ error: 'component unknown here' }) };
      const draft = { ...api.feedbackPanelState()!.init.draft, message: 'Second thoughts on the grid.' };
      await api.postToFeedbackHandler({ type: 'send', draft });
      let state = api.feedbackPanelState()!;
      assert.equal(state.result?.outcome, 'failed');
      assert.match(state.result!.summary, /^Not delivered to webhook at 127\.0\.0\.1:\d+\. Your draft is kept/);
      assert.match(state.result!.lines[0]!.reason!, /HTTP 400.*component unknown here/);
      assert.equal(state.init.draft.message, 'Second thoughts on the grid.', 'the draft is kept');
      assert.deepEqual((await api.feedbackOutbox()).map((i) => i.state), ['failed']);

      answer = { status: 202 };
      await api.postToFeedbackHandler({ type: 'send', draft });
      state = api.feedbackPanelState()!;
      assert.equal(state.result?.outcome, 'sent');
      assert.equal(received.length, 2);
      assert.equal(received[1]!.headers['idempotency-key'], received[0]!.headers['idempotency-key'], 'the same submission');
      assert.equal(received[1]!.body, received[0]!.body, 'byte for byte');
      assert.deepEqual(await api.feedbackOutbox(), []);
    });

    it('when the receiver cannot take it now (503, Retry-After), the feedback is queued in the outbox', async () => {
      received.length = 0;
      answer = { status: 503, headers: { 'retry-after': '3600' } };
      const draft = { ...api.feedbackPanelState()!.init.draft, message: 'Queued one.' };
      await api.postToFeedbackHandler({ type: 'send', draft });
      const state = api.feedbackPanelState()!;
      assert.equal(state.result?.outcome, 'queued');
      assert.match(state.result!.summary, /^Queued: will be delivered to Web Platform when online/);
      assert.equal(state.result!.lines[0]!.state, 'queued');
      assert.equal(received.length, 1);
      const waiting = await api.feedbackOutbox();
      assert.deepEqual(waiting.map((i) => i.state), ['pending']);
      assert.equal(waiting[0]!.submissionId, (JSON.parse(received[0]!.body) as { id: string }).id);
    });

    it('for a team with only email, opens the mail client with the message and queues nothing', async () => {
      received.length = 0;
      const before = await api.feedbackOutbox();
      const draft = { ...api.feedbackPanelState()!.init.draft, team: 'runtime-platform', component: 'acme-http', message: 'Retries need jitter.' };
      await api.postToFeedbackHandler({ type: 'send', draft });
      const state = api.feedbackPanelState()!;
      assert.deepEqual(state.result, { outcome: 'mail', summary: 'Your mail client opened with the message to runtime@acme.dev: send it from there.', lines: [], errors: [] });
      assert.equal(state.init.draft.message, '');
      assert.deepEqual(received, []);
      assert.deepEqual(await api.feedbackOutbox(), before);
    });
  });

  describe('catalog text stays inert', () => {
    const hostileFile = path.join(dir, 'hostile.platform-catalog.yaml');
    const link = '[click](command:workbench.action.quit)';

    it('in the hover: only our own sendFeedback command link, trusted alone; names, descriptions and contacts are text', async () => {
      const hostile = withWebhook(example, `${base}/feedback`)
        .replace('name: Web Platform', `name: "Web <img src=x onerror=alert(1)> ${link} ]("`)
        .replace('contact: "#web-platform on chat"', 'contact: "</textarea><script>alert(1)</script>"')
        .replace('    name: Acme Legacy Grid\n', `    name: Acme Legacy Grid\n    description: "**bold** ${link} <script>alert(2)</script>"\n`);
      fs.writeFileSync(hostileFile, hostile);
      await setUserSetting('platformGuide.catalogs', [hostileFile]);
      await waitFor('the hostile catalog', () => api.feedbackPanelState()?.init.teams.find((t) => t.id === 'web-platform')?.name.startsWith('Web <img'), 15_000);
      await api.settled();

      const all = await hoverOn(dashboard(), new vscode.Position(5, 8));
      const md = all.find((m) => m.value.includes('Owner:'));
      assert.ok(md, `our hover, among: ${JSON.stringify(all.map((m) => [m.isTrusted, m.value.slice(0, 60)]))}`);
      assert.deepEqual(md.isTrusted, { enabledCommands: [SEND_FEEDBACK] }, 'the hover trusts our command only');
      assert.ok(!md.supportHtml, 'no HTML');
      const links = [...md.value.matchAll(/(?<!\\)\]\(([a-z]+:[^)\s]*)/g)].map((m) => m[1]!);
      assert.equal(links.length, 1, `exactly one link:\n${md.value}`);
      assert.match(links[0]!, /^command:platformGuide\.sendFeedback\?/);
      const args = JSON.parse(decodeURIComponent(links[0]!.slice(links[0]!.indexOf('?') + 1))) as unknown[];
      assert.deepEqual(args, [{ manifest: dashboard().toString(), package: '@acme/legacy-grid', line: 5 }], 'ids and places only');
      assert.ok(md.value.includes('\\[click\\]\\(command:workbench.action.quit\\)'), 'catalog markdown is escaped');
      assert.ok(md.value.includes('\\*\\*bold\\*\\*'), 'no emphasis from the catalog');

      // The link opens the panel: the names travel as data, for the page to set as text.
      await vscode.commands.executeCommand(SEND_FEEDBACK, ...args);
      const team = api.feedbackPanelState()!.init.teams.find((t) => t.id === 'web-platform')!;
      assert.equal(team.name, `Web <img src=x onerror=alert(1)> ${link} ](`);
      assert.equal(team.contact, '</textarea><script>alert(1)</script>');
    });
  });
});
