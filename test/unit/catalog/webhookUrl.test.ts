import assert from 'node:assert/strict';
import { parseCatalogText } from '../../../src/core/catalog';
import { y } from './helpers';

const catalog = (url: string): string => y`
  schema: platform-guide/v1
  teams:
    - id: web
      name: Web
      feedback:
        - webhook: ${url}
  components: []
`;

describe('feedback webhook URLs', () => {
  for (const url of ['https://feedback.acme.dev/api/web', 'http://127.0.0.1:8080/feedback', 'http://localhost/feedback', 'http://[::1]:9000/']) {
    it(`accepts ${url}`, () => {
      const { document, problems } = parseCatalogText('c.yaml', catalog(url));
      assert.deepEqual(problems, []);
      assert.deepEqual(document?.teams[0]?.feedback, [{ kind: 'webhook', url }]);
    });
  }
  for (const url of ['http://feedback.acme.dev/api/web', 'http://127.0.0.1.evil.dev/x', 'http://10.0.0.1/x', 'ftp://127.0.0.1/x']) {
    it(`refuses ${url}: plain http only to this machine`, () => {
      const { document, problems } = parseCatalogText('c.yaml', catalog(url));
      assert.equal(problems.length, 1);
      assert.match(problems[0]!.message, /links must be https:\/\/ addresses; a webhook may use plain http:\/\/ only to this machine/);
      assert.deepEqual(document?.teams[0]?.feedback ?? [], []);
    });
  }
});
