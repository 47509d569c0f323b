import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { diagnosticsFrom, fileIn, platformGuide, revert, waitFor } from '../helpers';

const SOURCE = 'Platform Guide';

async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  // The workbench asks providers only for documents it has a model of, as when a person opens one.
  await vscode.workspace.openTextDocument(uri);
  const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
  // Other extensions add their own actions ("Fix", "Explain"): keep ours.
  // The feedback quick fix on every diagnostic is 6-feedback.test.ts's subject.
  return all.filter((a) => (a.diagnostics?.some((d) => d.source === SOURCE) || /^(Upgrade|Migrate|Add a time-boxed)/.test(a.title)) && !a.title.startsWith('Send feedback to '));
}

describe('quick fixes', () => {
  before(async () => {
    await platformGuide();
  });

  it('offers the upgrade that keeps the constraint style, preferred, and applies it', async () => {
    const uri = fileIn('apps', 'admin', 'package.json');
    await waitFor('the admin error', () => diagnosticsFrom(uri, SOURCE).length === 1);
    const fixes = await quickFixes(uri, new vscode.Range(5, 18, 5, 18));
    assert.deepEqual(fixes.map((f) => [f.title, f.isPreferred ?? false]), [
      ['Upgrade @acme/ui to ^4.2.0', true],
      ['Migrate acme-ui: Acme UI 3 → 4', false],
      ['Add a time-boxed exception for acme-ui', false],
    ]);
    assert.ok(await vscode.workspace.applyEdit(fixes[0]!.edit!));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.lineAt(5).text, '    "@acme/ui": "^4.2.0",');
    await waitFor('the error to go', () => diagnosticsFrom(uri, SOURCE).length === 0);
    await doc.save();
    assert.match(fs.readFileSync(uri.fsPath, 'utf8'), /"@acme\/ui": "\^4\.2\.0"/);
  });

  it('offers nothing where there is no finding', async () => {
    assert.deepEqual(await quickFixes(fileIn('apps', 'web', 'package.json'), new vscode.Range(7, 5, 7, 5)), []);
  });

  it('fixes every flagged dependency of a file at once with source.fixAll.platformGuide', async () => {
    const uri = fileIn('tools', 'release', 'package.json');
    await waitFor('two findings', () => diagnosticsFrom(uri, SOURCE).length === 2);
    await vscode.workspace.openTextDocument(uri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.platformGuide',
    );
    const fixAll = actions.filter((a) => a.kind?.value === 'source.fixAll.platformGuide');
    assert.equal(fixAll.length, 1);
    assert.ok(await vscode.workspace.applyEdit(fixAll[0]!.edit!));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.lineAt(5).text, '    "@acme/http": "~2.1.0",');
    assert.equal(doc.lineAt(6).text, '    "@acme/logger": "3.0.x"');
    await waitFor('no findings left', () => diagnosticsFrom(uri, SOURCE).length === 0);
    await revert(uri);
  });

  it('adds a time-boxed exception to .platform-guide.yaml, and the finding becomes a hint', async () => {
    const uri = fileIn('apps', 'web', 'package.json');
    const warning = await waitFor('the web warning', () => diagnosticsFrom(uri, SOURCE)[0]);
    const exception = (await quickFixes(uri, warning.range)).find((a) => a.title.startsWith('Add a time-boxed exception'));
    assert.equal(exception?.title, 'Add a time-boxed exception for acme-ui');
    const request = { ...(exception!.command!.arguments![0] as object), reason: 'Upgrade planned with the checkout rewrite: SHOP-77', until: '2027-01-15' };
    await vscode.commands.executeCommand(exception!.command!.command, request);
    const config = fs.readFileSync(fileIn('.platform-guide.yaml').fsPath, 'utf8');
    assert.match(config, /- component: acme-ui\n\s+paths: \[apps\/web\/package\.json\]\n\s+until: 2027-01-15\n\s+reason: "Upgrade planned with the checkout rewrite: SHOP-77"\n$/);
    assert.match(config, /^# |reason: The legacy API is retired in Q1/m, 'the rest of the file is kept');
    const hint = await waitFor('a hint', () => diagnosticsFrom(uri, SOURCE).find((d) => d.severity === vscode.DiagnosticSeverity.Hint));
    assert.match(hint.message, /Excepted by \.platform-guide\.yaml until 2027-01-15: Upgrade planned with the checkout rewrite: SHOP-77\./);
  });

  it('refuses an exception fix offered for an older version of the file', async () => {
    const uri = fileIn('packages', 'dashboard', 'package.json');
    const d = await waitFor('the dashboard warning', () => diagnosticsFrom(uri, SOURCE)[0]);
    const exception = (await quickFixes(uri, d.range)).find((a) => a.title.startsWith('Add a time-boxed exception'));
    const before = fs.readFileSync(fileIn('.platform-guide.yaml').fsPath, 'utf8');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), ' '));
    await vscode.commands.executeCommand(exception!.command!.command, { ...(exception!.command!.arguments![0] as object), reason: 'stale', until: '2027-01-01' });
    assert.equal(fs.readFileSync(fileIn('.platform-guide.yaml').fsPath, 'utf8'), before, 'nothing was written');
    await revert(uri);
  });
});
