// Language and runtime files in the editor: a pyproject.toml, a go.mod and an .nvmrc (a file with no
// language of its own) get the same diagnostics, hover and upgrade as a package.json. Earlier files
// leave these files as the example ships them, with the example catalog in use.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { diagnosticsFrom, fileIn, hoverText, platformGuide, waitFor } from '../helpers';

const SOURCE = 'Platform Guide';
const pyproject = () => fileIn('services', 'pricing', 'pyproject.toml');
const gomod = () => fileIn('services', 'inventory', 'go.mod');
const nvmrc = () => fileIn('services', 'pricing', '.nvmrc');
const pom = () => fileIn('services', 'billing', 'pom.xml');
const terraform = () => fileIn('infra', 'prod', 'main.tf');

async function only(uri: vscode.Uri): Promise<vscode.Diagnostic> {
  await vscode.workspace.openTextDocument(uri);
  const [d] = await waitFor(`one diagnostic in ${uri.path}`, () => {
    const found = diagnosticsFrom(uri, SOURCE);
    return found.length === 1 ? found : undefined;
  });
  return d!;
}

function codeOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

async function upgrade(uri: vscode.Uri, d: vscode.Diagnostic): Promise<vscode.CodeAction> {
  const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
  const fix = all.find((a) => a.title.startsWith('Upgrade '));
  assert.ok(fix, `an upgrade among: ${all.map((a) => a.title).join(' | ')}`);
  return fix;
}

describe('pyproject.toml, go.mod, .nvmrc, pom.xml and main.tf', () => {
  before(async () => {
    await platformGuide();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('flags acme-sdk in pyproject.toml on its specifier, and upgrades it keeping the operators (>=2.4,<3 → >=3.2,<4)', async () => {
    const uri = pyproject();
    const d = await only(uri);
    assert.equal(codeOf(d), 'acme-python-sdk');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.getText(d.range), '>=2.4,<3');
    assert.match(await hoverText(uri, d.range.start), /Owner:.*Runtime Platform/);
    const fix = await upgrade(uri, d);
    assert.equal(fix.title, 'Upgrade acme-sdk to >=3.2,<4');
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    await waitFor('the finding to go once upgraded', () => diagnosticsFrom(uri, SOURCE).length === 0);
    await doc.save();
    assert.match(fs.readFileSync(uri.fsPath, 'utf8'), /^ {4}"acme-sdk>=3\.2,<4",$/m);
  });

  it('flags the platform SDK in go.mod and upgrades it keeping the v (v1.4.2 → v1.9.0)', async () => {
    const uri = gomod();
    const d = await only(uri);
    assert.equal(codeOf(d), 'acme-go-platform');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.getText(d.range), 'v1.4.2');
    const fix = await upgrade(uri, d);
    assert.equal(fix.title, 'Upgrade github.com/acme/platform-go to v1.9.0');
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    await doc.save();
    await waitFor('the finding to go', () => diagnosticsFrom(uri, SOURCE).length === 0);
    assert.match(fs.readFileSync(uri.fsPath, 'utf8'), /^\tgithub\.com\/acme\/platform-go v1\.9\.0$/m);
  });

  it('shows an error in an .nvmrc, a file with no language, and upgrades the LTS codename in its style', async () => {
    const uri = nvmrc();
    const d = await only(uri);
    assert.equal(codeOf(d), 'node-runtime');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error, 'past its sunset');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.getText(d.range), 'lts/gallium');
    const fix = await upgrade(uri, d);
    assert.equal(fix.title, 'Upgrade node to lts/jod');
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    await doc.save();
    await waitFor('the error to go', () => diagnosticsFrom(uri, SOURCE).length === 0);
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), 'lts/jod\n');
  });

  it('flags a pom.xml BOM import on the property that defines its version, and upgrades it there', async () => {
    const uri = pom();
    const d = await only(uri);
    assert.equal(codeOf(d), 'acme-platform-bom');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.getText(d.range), '2.7.1');
    assert.equal(doc.lineAt(d.range.start.line).text.trim(), '<acme-bom.version>2.7.1</acme-bom.version>', 'on the definition, not on ${acme-bom.version}');
    const fix = await upgrade(uri, d);
    assert.equal(fix.title, 'Upgrade io.acme:platform-bom to 3.1.0');
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    await doc.save();
    await waitFor('the finding to go', () => diagnosticsFrom(uri, SOURCE).length === 0);
    assert.match(fs.readFileSync(uri.fsPath, 'utf8'), /<acme-bom\.version>3\.1\.0<\/acme-bom\.version>/);
    assert.match(fs.readFileSync(uri.fsPath, 'utf8'), /<version>\$\{acme-bom\.version\}<\/version>/, 'the use still reads the property');
  });

  it('flags a BOM version that a parent pom defines on the parent\'s property, names the module that uses it, and upgrades it there', async () => {
    const parent = fileIn('services', 'ledger', 'pom.xml');
    const child = fileIn('services', 'ledger', 'api', 'pom.xml');
    fs.mkdirSync(vscode.Uri.joinPath(child, '..').fsPath, { recursive: true });
    fs.writeFileSync(
      parent.fsPath,
      ['<project>', '  <groupId>dev.acme-shop</groupId>', '  <artifactId>ledger-parent</artifactId>', '  <version>1.0.0</version>', '  <packaging>pom</packaging>', '  <properties>', '    <platform.bom.version>2.6.0</platform.bom.version>', '  </properties>', '  <modules><module>api</module></modules>', '</project>', ''].join('\n'),
    );
    fs.writeFileSync(
      child.fsPath,
      ['<project>', '  <parent>', '    <groupId>dev.acme-shop</groupId>', '    <artifactId>ledger-parent</artifactId>', '    <version>1.0.0</version>', '  </parent>', '  <artifactId>ledger-api</artifactId>', '  <dependencyManagement>', '    <dependencies>', '      <dependency>', '        <groupId>io.acme</groupId>', '        <artifactId>platform-bom</artifactId>', '        <version>${platform.bom.version}</version>', '        <type>pom</type>', '        <scope>import</scope>', '      </dependency>', '    </dependencies>', '  </dependencyManagement>', '</project>', ''].join('\n'),
    );
    // New files are found by the file watcher's rescan.
    const [d] = await waitFor('a diagnostic on the parent pom', () => {
      const found = diagnosticsFrom(parent, SOURCE);
      return found.length === 1 ? found : undefined;
    }, 30_000);
    assert.equal(diagnosticsFrom(child, SOURCE).length, 0, 'nothing on ${platform.bom.version} in the module');
    const doc = await vscode.workspace.openTextDocument(parent);
    assert.equal(doc.getText(d!.range), '2.6.0');
    assert.match(d!.message, /used by services\/ledger\/api\/pom\.xml:13/);
    const fix = await upgrade(parent, d!);
    assert.equal(fix.title, 'Upgrade io.acme:platform-bom to 3.1.0');
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    await doc.save();
    await waitFor('the finding to go once the parent is saved', () => diagnosticsFrom(parent, SOURCE).length === 0, 30_000);
    assert.match(fs.readFileSync(parent.fsPath, 'utf8'), /<platform\.bom\.version>3\.1\.0<\/platform\.bom\.version>/);
    assert.match(fs.readFileSync(child.fsPath, 'utf8'), /<version>\$\{platform\.bom\.version\}<\/version>/, 'the module still reads the property');
  });

  it('flags a Terraform module version past its sunset, and upgrades it keeping the operator (~> 3.2 → ~> 4.2)', async () => {
    const uri = terraform();
    const d = await only(uri);
    assert.equal(codeOf(d), 'acme-network-module');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.getText(d.range), '~> 3.2');
    const fix = await upgrade(uri, d);
    assert.equal(fix.title, 'Upgrade app.terraform.io/acme/network/aws to ~> 4.2');
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    await doc.save();
    await waitFor('the error to go', () => diagnosticsFrom(uri, SOURCE).length === 0);
    assert.match(fs.readFileSync(uri.fsPath, 'utf8'), /^ {2}version = "~> 4\.2"$/m);
  });
});
