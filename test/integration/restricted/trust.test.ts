// Proves the bench can test restricted mode: with trust on, the fixture workspace is untrusted
// and an installed extension without `capabilities.untrustedWorkspaces` is not loaded. (The
// extension under development is exempt from that, which is why this suite installs it instead.)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('workspace trust (restricted mode)', () => {
  it('opens the fixture workspace untrusted', () => {
    assert.equal(vscode.workspace.getConfiguration('security.workspace.trust').inspect('enabled')?.globalValue, true);
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('keeps an installed extension that does not support untrusted workspaces disabled', () => {
    assert.ok(vscode.extensions.getExtension('platform-guide.platform-guide-test-host'), 'the test host is loaded');
    assert.equal(vscode.extensions.getExtension('platform-guide.platform-guide-smoke'), undefined);
  });
});
