// The .vsix a release ships (npm run package), installed with --install-extension as users
// install it (suites.mjs: `vsix: true`): it activates, finds the example's error and opens the
// feedback panel, whose script and styles come from the package. A file left out of the package
// fails here, not on a user's machine. A placeholder under development runs these tests.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { diagnosticsFrom, fileIn, waitFor, type PlatformGuideApi } from '../helpers';

const ID = 'platform-guide.platform-guide';

interface Api extends PlatformGuideApi {
  feedbackPanelState(): { init: { draft: { team: string } }; accepted: number } | undefined;
}

describe('the packaged extension (.vsix installed)', () => {
  it('is installed from the package, not loaded from the repository', () => {
    const ext = vscode.extensions.getExtension(ID);
    assert.ok(ext, 'Platform Guide is installed');
    assert.ok(vscode.extensions.getExtension('platform-guide.platform-guide-test-host'), 'the placeholder runs the tests');
    const files = fs.readdirSync(ext.extensionPath).sort();
    // What the package holds, unpacked: no sources, no node_modules.
    assert.deepEqual(files.filter((f) => !f.startsWith('.')), ['LICENSE.txt', 'changelog.md', 'dist', 'images', 'media', 'package.json', 'readme.md', 'schemas']);
    assert.equal(path.basename(ext.extensionPath), `platform-guide.platform-guide-${ext.packageJSON.version}`);
  });

  it('activates on its own and reports the example\'s error where it is written', async () => {
    const ext = vscode.extensions.getExtension<Api>(ID)!;
    await waitFor('activation', () => ext.isActive, 20_000);
    await ext.exports.settled();
    const [d] = await waitFor('the admin error', () => {
      const found = diagnosticsFrom(fileIn('apps', 'admin', 'package.json'), 'Platform Guide');
      return found.length ? found : undefined;
    }, 15_000);
    assert.equal(d?.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual([d!.range.start.line, d!.range.start.character, d!.range.end.line, d!.range.end.character], [5, 17, 5, 23]);
  });

  it('opens the feedback panel, and the panel\'s script from the package answers', async () => {
    const api = vscode.extensions.getExtension<Api>(ID)!.exports;
    await vscode.commands.executeCommand('platformGuide.sendFeedback');
    // `accepted` counts the messages the webview's own script (media/feedback.js) has sent.
    const state = await waitFor('the panel\'s script to answer', () => ((api.feedbackPanelState()?.accepted ?? 0) > 0 ? api.feedbackPanelState() : undefined), 20_000);
    assert.ok(state.init.draft, 'the panel has its draft');
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('platformGuide.feedback'));
    assert.equal(tab?.label, 'Send Feedback');
  });
});
