// Restricted mode with the real extension. Workspace trust is on and the example workspace is
// untrusted. The extension under development is exempt from trust (VS Code keeps it active in
// restricted mode whatever it declares), so this suite runs from an empty placeholder under
// development and loads Platform Guide as an installed extension (suites.mjs: `install: ['.']`),
// which is what users get.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsFrom, fileIn, waitFor, type PlatformGuideApi } from '../helpers';

const ID = 'platform-guide.platform-guide';
const SOURCE = 'Platform Guide';

describe('restricted mode (untrusted workspace)', () => {
  it('the bench really is in restricted mode, with Platform Guide installed rather than under development', () => {
    assert.equal(vscode.workspace.getConfiguration('security.workspace.trust').inspect('enabled')?.globalValue, true);
    assert.equal(vscode.workspace.isTrusted, false);
    assert.ok(vscode.extensions.getExtension('platform-guide.platform-guide-test-host'), 'the placeholder under development runs the tests');
    const ext = vscode.extensions.getExtension(ID);
    assert.ok(ext, 'Platform Guide is loaded: installed, and it declares limited support for untrusted workspaces');
    assert.equal(ext.packageJSON.capabilities?.untrustedWorkspaces?.supported, 'limited');
  });

  it('activates on its own (workspaceContains), without a command or a test asking', async () => {
    const ext = vscode.extensions.getExtension<PlatformGuideApi>(ID)!;
    await waitFor('activation', () => ext.isActive, 15_000);
    await ext.exports.settled();
  });

  it('shows diagnostics from the user\'s catalog (an application setting, so the repository cannot change it)', async () => {
    const uri = fileIn('apps', 'admin', 'package.json');
    const [d] = await waitFor('the admin error', () => {
      const found = diagnosticsFrom(uri, SOURCE);
      return found.length ? found : undefined;
    });
    assert.equal(d?.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual([d!.range.start.line, d!.range.start.character, d!.range.end.line, d!.range.end.character], [5, 17, 5, 23]);
    assert.equal(typeof d!.code === 'object' ? d!.code.value : d!.code, 'acme-ui');
  });

  it('runs no package manager: platformGuide.runPackageManager starts no task and opens no terminal', async () => {
    const started: string[] = [];
    const listeners = [
      vscode.tasks.onDidStartTask((e) => started.push(`task ${e.execution.task.name}`)),
      vscode.window.onDidOpenTerminal((t) => started.push(`terminal ${t.name}`)),
    ];
    try {
      const manifest = fileIn('apps', 'admin', 'package.json').toString();
      // In a trusted workspace this would ask first (a notification) and so not return by itself;
      // here it must return at once, having done nothing.
      const done = await Promise.race([
        vscode.commands.executeCommand('platformGuide.runPackageManager', manifest).then(() => true),
        new Promise<false>((r) => setTimeout(() => r(false), 5_000)),
      ]);
      assert.ok(done, 'the command returned without waiting for an answer');
      // Give a task or terminal that would start late time to show up.
      await new Promise((r) => setTimeout(r, 1_000));
      assert.deepEqual(started, []);
      assert.deepEqual(vscode.tasks.taskExecutions, []);
      assert.deepEqual(vscode.window.terminals.map((t) => t.name), []);
    } finally {
      for (const l of listeners) l.dispose();
    }
  });
});
