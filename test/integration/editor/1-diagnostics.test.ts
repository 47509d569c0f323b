import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsFrom, fileIn, platformGuide, waitFor } from '../helpers';

const SOURCE = 'Platform Guide';

function summary(d: vscode.Diagnostic) {
  const code = typeof d.code === 'object' ? d.code : undefined;
  return {
    range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
    severity: vscode.DiagnosticSeverity[d.severity],
    code: code ? String(code.value) : d.code,
    target: code?.target.toString(),
  };
}

describe('diagnostics of the example workspace', () => {
  before(async () => {
    await platformGuide();
  });

  it('flags each deprecated dependency on its version text, with the spec severity, code and docs link', async () => {
    const admin = await waitFor('admin diagnostics', () => {
      const found = diagnosticsFrom(fileIn('apps', 'admin', 'package.json'), SOURCE);
      return found.length > 0 ? found : undefined;
    });
    assert.deepEqual(admin.map(summary), [
      { range: [5, 17, 5, 23], severity: 'Error', code: 'acme-ui', target: 'https://docs.acme.dev/ui/migrate-4' },
    ]);
    assert.deepEqual(admin[0]!.tags, [vscode.DiagnosticTag.Deprecated]);
    assert.match(admin[0]!.message, /^@acme\/ui \^2\.3\.0 \(locked at 2\.3\.4\) is deprecated: Acme UI 2 is out of support\. Past its sunset on 2026-06-30\./);

    assert.deepEqual(diagnosticsFrom(fileIn('apps', 'web', 'package.json'), SOURCE).map(summary), [
      { range: [5, 17, 5, 23], severity: 'Warning', code: 'acme-ui', target: 'https://docs.acme.dev/ui/migrate-4' },
    ]);
    assert.deepEqual(diagnosticsFrom(fileIn('packages', 'legacy-api', 'package.json'), SOURCE).map(summary), [
      { range: [5, 19, 5, 25], severity: 'Hint', code: 'acme-http', target: 'https://docs.acme.dev/http' },
    ]);
    assert.deepEqual(diagnosticsFrom(fileIn('tools', 'release', 'package.json'), SOURCE).map(summary), [
      { range: [5, 19, 5, 25], severity: 'Information', code: 'acme-http', target: 'https://docs.acme.dev/http' },
      { range: [6, 21, 6, 26], severity: 'Error', code: 'acme-logger', target: undefined },
    ]);
    assert.deepEqual(diagnosticsFrom(fileIn('package.json'), SOURCE), [], 'a supported version is not flagged');
    assert.deepEqual(diagnosticsFrom(fileIn('tools', 'fixtures', 'old', 'package.json'), SOURCE), [], 'excluded folders are not scanned');
  });

  it('points at the lockfile line that pinned the version', () => {
    const [d] = diagnosticsFrom(fileIn('apps', 'admin', 'package.json'), SOURCE);
    const related = d?.relatedInformation?.[0];
    assert.ok(related, 'related information is there');
    assert.equal(related.location.uri.toString(), fileIn('package-lock.json').toString());
    return vscode.workspace.openTextDocument(related.location.uri).then((lock) => {
      const line = lock.lineAt(related.location.range.start.line).text;
      assert.match(line, /"version": "2\.3\.4"/);
      assert.match(lock.lineAt(related.location.range.start.line - 1).text, /"apps\/admin\/node_modules\/@acme\/ui"/);
    });
  });

  it('re-evaluates an open manifest as the user types, before it is saved', async () => {
    const uri = fileIn('apps', 'web', 'package.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const range = new vscode.Range(5, 17, 5, 23);
    assert.equal(doc.getText(range), '^3.1.0');
    await editor.edit((b) => b.replace(range, '^4.2.0'));
    await waitFor('the warning to go', () => diagnosticsFrom(uri, SOURCE).length === 0);
    await editor.edit((b) => b.replace(new vscode.Range(5, 17, 5, 23), '^2.9.0'));
    const back = await waitFor('an error for ^2.9.0', () => diagnosticsFrom(uri, SOURCE).find((d) => d.severity === vscode.DiagnosticSeverity.Error));
    assert.match(back.message, /^@acme\/ui \^2\.9\.0 is deprecated/, 'an edited spec is no longer the one the lockfile pinned');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('the warning to come back', () => diagnosticsFrom(uri, SOURCE).find((d) => d.severity === vscode.DiagnosticSeverity.Warning));
  });

  it('leaves an excluded manifest alone even when it is opened', async () => {
    const excluded = fileIn('tools', 'fixtures', 'old', 'package.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(excluded));
    // A negative result cannot be polled for: wait well past the 150 ms typing delay, then look.
    await new Promise((r) => setTimeout(r, 800));
    assert.deepEqual(diagnosticsFrom(excluded, SOURCE), []);
  });
});
