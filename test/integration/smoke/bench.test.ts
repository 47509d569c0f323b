// Proves the bench: real VS Code, the fixture workspace, the user settings, the extension under
// development, and diagnostics flowing back to the test.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsFrom, waitFor, workspaceFolder } from '../helpers';

const EXTENSION_ID = 'platform-guide.platform-guide-smoke';
const SOURCE = 'Platform Guide smoke';

describe('test bench (smoke)', () => {
  it('runs inside VS Code 1.139', () => {
    assert.match(vscode.version, /^1\.139\./);
  });

  it('opened the fixture workspace', () => {
    assert.equal(vscode.workspace.workspaceFolders?.length, 1);
    assert.match(workspaceFolder().uri.path, /\/smoke-workspace$/);
  });

  it('applies the user settings the server was started with', () => {
    const inspected = vscode.workspace.getConfiguration('json').inspect<boolean>('schemaDownload.enable');
    assert.equal(inspected?.globalValue, false);
  });

  it('trusts the workspace (the server runs with --disable-workspace-trust)', () => {
    assert.equal(vscode.workspace.isTrusted, true);
  });

  it('passes extensionEnvironment through to the extension host', () => {
    assert.ok(process.env.PLATFORM_GUIDE_TEST_RESULTS, 'PLATFORM_GUIDE_TEST_RESULTS is set');
  });

  it('passes the server\'s environment on to the extension host (what e2e and npm start use)', () => {
    assert.equal(process.env.PLATFORM_GUIDE_TEST_SERVER_ENV, 'inherited');
  });

  it('activates the extension under development', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    await waitFor('activation', () => ext.isActive);
  });

  it('opens a document and sees the extension\'s diagnostic', async () => {
    const uri = vscode.Uri.joinPath(workspaceFolder().uri, 'package.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const [d] = await waitFor('the smoke diagnostic', () => {
      const found = diagnosticsFrom(uri, SOURCE);
      return found.length ? found : undefined;
    });
    assert.equal(d?.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d?.range.start.line, 1);
    assert.equal(doc.getText(d?.range), '"name"');
  });
});
