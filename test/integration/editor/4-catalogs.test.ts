import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { diagnosticsFrom, fileIn, platformGuide, setUserSetting, waitFor, type PlatformGuideApi } from '../helpers';

const SOURCE = 'Platform Guide';
const release = () => fileIn('tools', 'release', 'package.json');
const httpSeverity = () => diagnosticsFrom(release(), SOURCE).find((d) => d.code && typeof d.code === 'object' && d.code.value === 'acme-http')?.severity;

describe('catalogs', () => {
  let api: PlatformGuideApi;
  let exampleCatalog: string;
  let original: string[];

  before(async () => {
    api = await platformGuide();
    original = vscode.workspace.getConfiguration('platformGuide').get<string[]>('catalogs') ?? [];
    exampleCatalog = fs.readFileSync(original[0]!, 'utf8');
  });
  after(async () => {
    await setUserSetting('platformGuide.catalogs', original);
    await waitFor('the example catalog back', () => api.catalogState().kind === 'fresh');
  });

  describe('a local catalog file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-catalog-'));
    const file = path.join(dir, 'platform-catalog.yaml');

    it('is re-read when it changes: a catalog edit re-evaluates everything', async () => {
      fs.writeFileSync(file, exampleCatalog);
      await setUserSetting('platformGuide.catalogs', [file]);
      await waitFor('the info on @acme/http', () => httpSeverity() === vscode.DiagnosticSeverity.Information);
      fs.writeFileSync(file, exampleCatalog.replace('        sunset: 2027-09-30\n', '        sunset: 2027-09-30\n        severity: error\n'));
      await waitFor('the catalog edit to raise it to an error', () => httpSeverity() === vscode.DiagnosticSeverity.Error, 15_000);
    });

    it('when broken, keeps the last good version serving and shows the problem in the catalog file', async () => {
      const broken = exampleCatalog.replace('    owner: runtime-platform\n    docs:', '    ownr: runtime-platform\n    docs:');
      fs.writeFileSync(file, broken);
      // The file watcher was shown above; this test is about what a broken catalog does, so it
      // does not depend on the watcher noticing a second write within moments.
      await vscode.commands.executeCommand('platformGuide.refreshCatalogs');
      await waitFor('the catalog to be reported invalid', () => api.catalogState().kind === 'invalid', 15_000);
      const problem = await waitFor('the problem in the catalog file', () => diagnosticsFrom(vscode.Uri.file(file), SOURCE).find((d) => /unknown field `ownr`.*did you mean `owner`/.test(d.message)));
      assert.equal(problem.range.start.line, broken.split('\n').indexOf('    ownr: runtime-platform'), 'on the line of the misspelt key');
      assert.equal(httpSeverity(), vscode.DiagnosticSeverity.Error, 'the last good catalog still serves');
    });
  });

  describe('a remote catalog served on 127.0.0.1', () => {
    const requests: Array<{ ifNoneMatch?: string; authorization?: string }> = [];
    let body = '';
    const server = http.createServer((req, res) => {
      requests.push({ ifNoneMatch: req.headers['if-none-match'], authorization: req.headers.authorization });
      const etag = `"${Buffer.from(body).length}-${body.length % 97}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { ETag: etag }).end();
      } else {
        res.writeHead(200, { 'Content-Type': 'application/yaml', ETag: etag }).end(body);
      }
    });
    let url = '';
    before(async () => {
      body = exampleCatalog;
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/platform-catalog.yaml`;
    });
    after(() => server.close());

    it('is fetched and cached: diagnostics appear and the state is fresh', async () => {
      await setUserSetting('platformGuide.catalogs', [url]);
      await waitFor('the fresh remote catalog', () => api.catalogState().kind === 'fresh' && requests.length > 0 && httpSeverity() === vscode.DiagnosticSeverity.Information, 15_000);
    });

    it('a refresh asks with If-None-Match and takes a 304, and sends no diagnostics the workbench already shows', async () => {
      const before = requests.length;
      // Whatever the switch to this catalog still had to send is sent first.
      await vscode.commands.executeCommand('platformGuide.refreshCatalogs');
      await api.settled();
      await new Promise((r) => setTimeout(r, 500));
      const changed: string[] = [];
      const listening = vscode.languages.onDidChangeDiagnostics((e) => changed.push(...e.uris.map((u) => u.toString())));
      await vscode.commands.executeCommand('platformGuide.refreshCatalogs');
      await api.settled();
      // The workbench reports changed diagnostics in batches, 50 ms apart.
      await new Promise((r) => setTimeout(r, 500));
      listening.dispose();
      assert.ok(!changed.includes(release().toString()), 'the rescan found the same for tools/release/package.json: nothing sent for it');
      assert.equal(httpSeverity(), vscode.DiagnosticSeverity.Information, 'and it still shows its finding');
      const last = requests.at(-1);
      assert.ok(requests.length > before, 'the server was asked again');
      assert.ok(last?.ifNoneMatch, 'with the ETag it gave');
      assert.equal(api.catalogState().kind, 'fresh');
    });

    it('offline, the last good copy keeps serving and its age is shown', async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await vscode.commands.executeCommand('platformGuide.refreshCatalogs');
      await api.settled();
      assert.equal(api.catalogState().kind, 'cached');
      assert.equal(httpSeverity(), vscode.DiagnosticSeverity.Information, 'diagnostics still come from the cached copy');
    });
  });

  describe('catalog text in the hover', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-hostile-'));
    const file = path.join(dir, 'platform-catalog.yaml');

    it('is rendered inert: no links, no HTML, no command links', async () => {
      const hostile = exampleCatalog
        .replace('description: The design system\'s React components.', 'description: "<script>alert(1)</script> <img src=x onerror=alert(1)> [click](command:workbench.action.quit) **bold**"')
        .replace('contact: "#web-platform on chat"', 'contact: "</textarea>[mail](https://evil.example)"');
      fs.writeFileSync(file, hostile);
      await setUserSetting('platformGuide.catalogs', [file]);
      await waitFor('the hostile catalog to load', () => api.catalogState().kind === 'fresh');
      await api.settled();
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', fileIn('apps', 'admin', 'package.json'), new vscode.Position(5, 19));
      const raw = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
      assert.ok(raw.includes('alert(1)') || raw.includes('alert\\(1\\)'), 'the text is there, as text');
      assert.doesNotMatch(raw, /(^|[^\\])\]\(command:(?!platformGuide\.sendFeedback\?)/, 'no command link survives but our own feedback link (6-feedback.test.ts)');
      assert.doesNotMatch(raw, /(^|[^\\])\]\(https:\/\/evil/, 'no link survives');
      assert.doesNotMatch(raw, /(^|[^\\])\*\*bold/, 'no markdown emphasis from the catalog');
      const ours = hovers.flatMap((h) => h.contents).filter((c): c is vscode.MarkdownString => typeof c !== 'string' && 'isTrusted' in c && c.value.includes('Owner:'));
      assert.equal(ours.length, 1, 'our hover is there');
      for (const md of ours) {
        assert.deepEqual(md.isTrusted, { enabledCommands: ['platformGuide.sendFeedback'] }, 'the hover trusts only our feedback command');
        assert.ok(!md.supportHtml, 'the hover renders no HTML');
      }
    });
  });
});
