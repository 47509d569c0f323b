import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitRunner } from '../../../src/cli/gitRunner';
import { gitFacts, gitFactsAsync, runGitHere } from '../../../src/core/report/git';
import { git, makeReportRepos } from '../../support/reportRepos';

describe('report git facts: from the helper process, as from git run here', function () {
  let fx: ReturnType<typeof makeReportRepos>;
  let dirs: string[];
  before(() => {
    fx = makeReportRepos();
    const fresh = path.join(fx.org, 'fresh');
    fs.mkdirSync(fresh);
    git(fresh, '2026-11-30T00:00:00Z', 'init', '-q');
    const plain = path.join(fx.dir, 'plain');
    fs.mkdirSync(plain);
    // With a remote and a commit, with neither, without commits, outside git.
    dirs = [...fs.readdirSync(fx.org).map((d) => path.join(fx.org, d)), plain];
  });
  after(() => fs.rmSync(fx.dir, { recursive: true, force: true }));

  it('reads every repository the same three ways, many at once', async () => {
    const runner = new GitRunner();
    try {
      // Each asked for ten times at once: answers must not cross between requests.
      const many = dirs.flatMap((d) => Array.from({ length: 10 }, () => d));
      const viaHelper = await Promise.all(many.map((d) => gitFactsAsync(d, runner.run)));
      const here = await Promise.all(dirs.map((d) => gitFactsAsync(d, runGitHere)));
      const sync = dirs.map((d) => gitFacts(d));
      assert.deepEqual(here, sync);
      assert.deepEqual(viaHelper, many.map((d) => sync[dirs.indexOf(d)]));
      const byName = Object.fromEntries(dirs.map((d, i) => [path.basename(d), sync[i]!]));
      assert.equal(byName['web-shop']!.remote, 'https://git.acme.dev/acme/web-shop.git');
      assert.match(byName['payments-api']!.commit ?? '', /^[0-9a-f]{40}$/);
      assert.ok(byName['fresh']!.problem, 'a repository without commits says why');
      assert.deepEqual(byName['plain'], { remote: null, commit: null, date: null });
    } finally {
      runner.close();
    }
  });

  it('runs git from this process when the helper cannot start, with the same answers', async () => {
    const runner = new GitRunner(path.join(fx.dir, 'no-such-node'));
    try {
      const facts = await Promise.all(dirs.map((d) => gitFactsAsync(d, runner.run)));
      assert.deepEqual(facts, dirs.map((d) => gitFacts(d)));
    } finally {
      runner.close();
    }
  });
});
