// Dockerfiles, compose files, GitHub workflows and GitLab CI in the editor: the same diagnostics,
// hover and quick fixes as a package.json. Earlier files leave these files as the example ships
// them and the example catalog in use; .platform-guide.yaml has gained an exception for apps/web's
// package.json (3-fixes), which does not touch them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { diagnosticsFrom, fileIn, hoverText, platformGuide, revert, waitFor, type PlatformGuideApi } from '../helpers';

const SOURCE = 'Platform Guide';
const dockerfile = () => fileIn('apps', 'web', 'Dockerfile');
const compose = () => fileIn('docker-compose.yml');
const workflow = () => fileIn('.github', 'workflows', 'deploy.yml');
const gitlab = () => fileIn('.gitlab-ci.yml');

/** The deploy-action step pinned by commit, `# v3.2.0` beside it. */
const SHA_STEP = new vscode.Range(26, 33, 26, 73);

function summary(d: vscode.Diagnostic) {
  const code = typeof d.code === 'object' ? d.code : undefined;
  return {
    range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
    severity: vscode.DiagnosticSeverity[d.severity],
    code: code ? String(code.value) : d.code,
  };
}

async function diagnosticsOf(uri: vscode.Uri, count: number): Promise<vscode.Diagnostic[]> {
  return waitFor(`${count} diagnostic(s) in ${uri.path}`, () => {
    const found = diagnosticsFrom(uri, SOURCE);
    return found.length === count ? found : undefined;
  });
}

/** Our quick fixes (other extensions add their own), as a person sees them in the light bulb. */
async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  await vscode.workspace.openTextDocument(uri);
  const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
  // The actions come back without their diagnostics through this command: ours are known by title.
  return all.filter((a) => /^(Upgrade|Migrate|Add a time-boxed exception|Send feedback to) /.test(a.title));
}

async function fixAll(uri: vscode.Uri): Promise<vscode.CodeAction[]> {
  await vscode.workspace.openTextDocument(uri);
  const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.platformGuide');
  return all.filter((a) => a.kind?.value === 'source.fixAll.platformGuide');
}

/** The part of the feedback API these tests read (6-feedback.test.ts is about the panel itself). */
interface FeedbackApi extends PlatformGuideApi {
  feedbackPanelState(): { init: { context: Array<{ key: string; value: string }>; draft: { team: string; component: string } } } | undefined;
}

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('Dockerfiles, compose files, workflows and GitLab CI', () => {
  let api: FeedbackApi;
  before(async () => {
    api = (await platformGuide()) as FeedbackApi;
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('flags each deprecated image, action and template ref on its version text (a Dockerfile: the ARG default the tag comes from)', async () => {
    const [docker] = await diagnosticsOf(dockerfile(), 1);
    assert.deepEqual(summary(docker!), { range: [2, 17, 2, 26], severity: 'Error', code: 'acme-node-image' });
    assert.equal((await vscode.workspace.openTextDocument(dockerfile())).getText(docker!.range), '16-alpine');
    assert.equal(typeof docker!.code === 'object' ? docker!.code.target.toString() : undefined, 'https://docs.acme.dev/images/node');
    assert.match(docker!.message, /^registry\.acme\.dev\/base\/node 16-alpine is deprecated: Node 16 images get no security patches any more\. Past its sunset on 2026-03-31\. Upgrade to 22\.11\.0\.$/);
    assert.deepEqual((await diagnosticsOf(compose(), 1)).map(summary), [{ range: [3, 39, 3, 46], severity: 'Information', code: 'acme-node-image' }]);
    assert.deepEqual((await diagnosticsOf(workflow(), 3)).map(summary), [
      { range: [12, 46, 12, 48], severity: 'Warning', code: 'acme-deploy-action' },
      { range: [22, 33, 22, 35], severity: 'Warning', code: 'acme-deploy-action' },
      { range: [26, 33, 26, 73], severity: 'Warning', code: 'acme-deploy-action' },
    ]);
    assert.deepEqual((await diagnosticsOf(gitlab(), 1)).map(summary), [{ range: [3, 9, 3, 15], severity: 'Information', code: 'acme-ci-templates' }]);
  });

  it('hovers with the owner and the reason once; the facts the diagnostic states are not repeated in it', async () => {
    const text = await hoverText(dockerfile(), new vscode.Position(4, 40));
    for (const part of ['### Acme Node.js base image', 'Owner:** Delivery Platform (#delivery on chat)', 'Status:** deprecated version (error)', 'Why:** Node 16 images get no security patches any more.', 'Sunset:** 2026-03-31, 235 days ago', 'Recommended:** 22.11.0', 'Docs:** https://docs.acme.dev/images/node']) {
      assert.ok(text.includes(part), `hover has ${part}:\n${text}`);
    }
    assert.equal(count(text, 'Why:'), 1, text);
    assert.equal(count(text, 'no security patches'), 1, `the reason is said once:\n${text}`);
    assert.ok(!text.includes('Past its sunset') && !text.includes('Upgrade to'), `the diagnostic's own sentences are not repeated:\n${text}`);
    // The same hover on the ARG default, where the diagnostic is.
    assert.ok((await hoverText(dockerfile(), new vscode.Position(2, 20))).includes('Owner:** Delivery Platform'));
  });

  it('says in the hover why a SHA-pinned action gets no upgrade, and offers none for it', async () => {
    const text = await hoverText(workflow(), new vscode.Position(26, 20));
    assert.ok(text.includes('Why:** Version 3 deploys with long-lived cloud keys; version 4 uses OIDC.'), text);
    assert.ok(text.includes('Pinned:** commit 0d4c1ff… (v3.2.0, from its comment). Update the pin and its comment together: no one-click upgrade drops a pin.'), text);
    assert.ok(!text.includes('Locked at'), `a comment is not a lockfile:\n${text}`);
    const fixes = await quickFixes(workflow(), SHA_STEP);
    assert.deepEqual(fixes.map((f) => f.title), ['Add a time-boxed exception for acme-deploy-action', 'Send feedback to Delivery Platform']);
  });

  it('sends feedback about the use it was asked on, when a workflow uses one action twice', async () => {
    const [, atV3, pinned] = await diagnosticsOf(workflow(), 3);
    const feedback = (await quickFixes(workflow(), SHA_STEP)).find((a) => a.title === 'Send feedback to Delivery Platform');
    await vscode.commands.executeCommand(feedback!.command!.command, ...(feedback!.command!.arguments ?? []));
    const state = await waitFor('the panel about the pinned step', () => {
      const s = api.feedbackPanelState();
      return s?.init.context.some((c) => c.key === 'finding' && c.value === pinned!.message) ? s : undefined;
    });
    const context = Object.fromEntries(state.init.context.map((c) => [c.key, c.value]));
    assert.deepEqual([context.package, context.version, context.file], ['acme/deploy-action', 'v3.2.0', '.github/workflows/deploy.yml']);
    assert.notEqual(context.finding, atV3!.message, 'not the other step of the same action');
    assert.deepEqual([state.init.draft.team, state.init.draft.component], ['delivery-platform', 'acme-deploy-action']);
  });

  it('upgrades a Dockerfile tag in its own style (16-alpine → 22-alpine for 22.11.0): applied, re-evaluated as typed, saved', async () => {
    const uri = dockerfile();
    const [d] = await diagnosticsOf(uri, 1);
    const fixes = await quickFixes(uri, d!.range);
    assert.deepEqual(fixes.map((f) => [f.title, f.isPreferred ?? false]), [
      ['Upgrade registry.acme.dev/base/node to 22-alpine', true],
      ['Add a time-boxed exception for acme-node-image', false],
      ['Send feedback to Delivery Platform', false],
    ]);
    assert.equal(fixes[0]!.command, undefined, 'no package manager to run for an image');
    assert.ok(await vscode.workspace.applyEdit(fixes[0]!.edit!));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.lineAt(2).text, 'ARG NODE_VERSION=22-alpine');
    await waitFor('the error to go before the file is saved', () => diagnosticsFrom(uri, SOURCE).length === 0);
    await doc.save();
    assert.match(fs.readFileSync(uri.fsPath, 'utf8'), /^ARG NODE_VERSION=22-alpine$/m);
  });

  it('upgrades an action ref (@v3 → @v4) from its quick fix; fix-all moves every movable ref of the workflow and keeps the SHA pin', async () => {
    const uri = workflow();
    await diagnosticsOf(uri, 3);
    const [all] = await fixAll(uri);
    assert.equal(all?.title, 'Upgrade every flagged platform dependency of workflows/deploy.yml');
    const edits = all!.edit!.entries().flatMap(([, e]) => e.map((x) => [x.range.start.line, x.newText]));
    assert.deepEqual(edits, [[12, 'v4'], [22, 'v4']], 'the SHA-pinned step is left alone');

    const fixes = await quickFixes(uri, new vscode.Range(22, 34, 22, 34));
    assert.deepEqual(fixes.map((f) => f.title), ['Upgrade acme/deploy-action to v4', 'Add a time-boxed exception for acme-deploy-action', 'Send feedback to Delivery Platform']);
    assert.ok(await vscode.workspace.applyEdit(fixes[0]!.edit!));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.lineAt(22).text, '        uses: acme/deploy-action@v4');
    await diagnosticsOf(uri, 2);
    await doc.save();
    const disk = fs.readFileSync(uri.fsPath, 'utf8');
    assert.match(disk, /uses: acme\/deploy-action@v4\n/);
    assert.match(disk, /uses: acme\/deploy-action@0d4c1ff2f4e3a0ea9ab5d4c2b8a1f6e7c3d9e5b4 # v3\.2\.0\n/, 'the pin is untouched');
  });

  it('re-evaluates .gitlab-ci.yml as it is typed, and fix-all bumps a template ref and a component ref (@1.4.0 → @2.0.0)', async () => {
    const uri = gitlab();
    await diagnosticsOf(uri, 1);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const component = new vscode.Range(7, 47, 7, 52);
    assert.equal(editor.document.getText(component), '2.1.0');
    await editor.edit((b) => b.replace(component, '1.4.0'));
    const typed = await diagnosticsOf(uri, 2);
    assert.deepEqual(typed.map(summary)[1], { range: [7, 47, 7, 52], severity: 'Information', code: 'acme-ci-templates' });
    const [all] = await fixAll(uri);
    assert.ok(await vscode.workspace.applyEdit(all!.edit!));
    assert.equal(editor.document.lineAt(3).text, '    ref: v2.0.0');
    assert.equal(editor.document.lineAt(7).text, '  - component: $CI_SERVER_FQDN/acme/ci/release@2.0.0');
    await diagnosticsOf(uri, 0);
    await revert(uri);
    await diagnosticsOf(uri, 1);
  });

  it('adds a time-boxed exception for a compose file: the finding becomes a hint', async () => {
    const uri = compose();
    const [d] = await diagnosticsOf(uri, 1);
    const exception = (await quickFixes(uri, d!.range)).find((a) => a.title.startsWith('Add a time-boxed exception'));
    assert.equal(exception?.title, 'Add a time-boxed exception for acme-node-image');
    const request = { ...(exception!.command!.arguments![0] as object), reason: 'The API image moves with the API rewrite: OPS-980', until: '2027-02-01' };
    await vscode.commands.executeCommand(exception!.command!.command, request);
    assert.match(fs.readFileSync(fileIn('.platform-guide.yaml').fsPath, 'utf8'), /- component: acme-node-image\n\s+paths: \[docker-compose\.yml\]\n\s+until: 2027-02-01\n/);
    const hint = await waitFor('a hint', () => diagnosticsFrom(uri, SOURCE).find((x) => x.severity === vscode.DiagnosticSeverity.Hint));
    assert.match(hint.message, /Excepted by \.platform-guide\.yaml until 2027-02-01: The API image moves with the API rewrite: OPS-980\./);
  });

  it('keeps diagnostics live in a file shown with no language of its own (plain text)', async () => {
    const uri = dockerfile();
    const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'plaintext');
    const editor = await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'plaintext');
    await editor.edit((b) => b.replace(new vscode.Range(2, 17, 2, 26), '18-alpine'));
    const d = await waitFor('Node 18 flagged as typed', () => diagnosticsFrom(uri, SOURCE).find((x) => x.severity === vscode.DiagnosticSeverity.Information));
    assert.equal((await quickFixes(uri, d.range))[0]?.title, 'Upgrade registry.acme.dev/base/node to 22-alpine');
    assert.ok((await hoverText(uri, new vscode.Position(2, 20))).includes('Why:** Node 18 images follow Node 18 out of support.'));
    await revert(uri);
    await diagnosticsOf(uri, 0);
  });
});
