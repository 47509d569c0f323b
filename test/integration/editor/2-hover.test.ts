import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fileIn, platformGuide } from '../helpers';

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** The hover as a person reads it: markdown escapes removed. */
function plain(markdown: string): string {
  return markdown
    .replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!~|>])/g, '$1');
}

describe('hover on a platform dependency', () => {
  before(async () => {
    await platformGuide();
  });

  it('names the component, its owner and contact, the status, sunset, recommended version, migration and exception', async () => {
    const text = plain(await hoverText(fileIn('apps', 'admin', 'package.json'), new vscode.Position(5, 19)));
    for (const part of ['### Acme UI', 'Owner:** Web Platform (#web-platform on chat)', 'deprecated version (error)', 'Sunset:** 2026-06-30', 'Recommended:** 4.2.0', 'Migration:** Acme UI 3 → 4 — guide: https://docs.acme.dev/ui/migrate-4', 'Exception:** expired on 2026-09-30']) {
      assert.ok(text.includes(part), `hover has ${part}:\n${text}`);
    }
  });

  it('also answers on the package name and for a supported version', async () => {
    const text = plain(await hoverText(fileIn('packages', 'dashboard', 'package.json'), new vscode.Position(6, 8)));
    assert.ok(text.includes('this version is supported'), text);
  });

  it('says nothing for a package that is not a platform component', async () => {
    assert.equal(await hoverText(fileIn('apps', 'web', 'package.json'), new vscode.Position(8, 8)).then((t) => t.includes('Owner')), false);
  });
});
