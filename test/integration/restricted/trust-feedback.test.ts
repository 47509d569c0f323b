// Restricted mode and feedback: a team that only a catalog inside the (untrusted) workspace
// defines is not offered in the feedback panel; the user's own catalog's teams still are.
// Runs after restricted.test.ts (files run in name order) in the same workspace copy.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { fileIn, waitFor, type PlatformGuideApi } from '../helpers';

interface FeedbackState {
  init: { teams: Array<{ id: string }>; notice: string | null };
  withheld: string[];
}

describe('restricted mode: feedback', () => {
  it('does not offer a team that only the workspace\'s own catalog defines', async () => {
    const ext = vscode.extensions.getExtension<PlatformGuideApi & { feedbackPanelState(): FeedbackState | undefined }>('platform-guide.platform-guide')!;
    await waitFor('activation', () => ext.isActive, 15_000);
    assert.equal(vscode.workspace.isTrusted, false);

    fs.writeFileSync(
      fileIn('tools', 'repo.platform-catalog.yaml').fsPath,
      'schema: platform-guide/v1\nteams:\n  - id: repo-team\n    name: Repo Team\n    feedback:\n      - webhook: https://feedback.example.invalid/repo\ncomponents: []\n',
    );
    const config = fileIn('.platform-guide.yaml').fsPath;
    fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace('schema: platform-guide/v1\n', 'schema: platform-guide/v1\ncatalogs:\n  - tools/repo.platform-catalog.yaml\n'));

    await vscode.commands.executeCommand('platformGuide.sendFeedback');
    const state = await waitFor('the workspace catalog to be loaded (its team withheld)', () => ext.exports.feedbackPanelState()?.withheld.includes('repo-team') ? ext.exports.feedbackPanelState() : undefined, 15_000);
    const offered = state.init.teams.map((t) => t.id);
    assert.ok(!offered.includes('repo-team'), 'the workspace\'s team is not offered');
    assert.ok(offered.includes('web-platform'), 'the user catalog\'s teams are');
    assert.match(state.init.notice ?? '', /^Restricted Mode: Repo Team is defined by a catalog inside this workspace and is not offered/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
