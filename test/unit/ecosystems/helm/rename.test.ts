import * as assert from 'node:assert/strict';
import { helmModule } from '../../../../src/core/ecosystems/helm';
import { applySplices } from '../helpers';

function renamed(text: string, from: string, to: string, file = 'Chart.yaml'): { text: string; notes: string[] } {
  const result = helmModule.rename(text, file, from, to);
  return { text: applySplices(text, result.splices), notes: result.notes };
}

const head = 'apiVersion: v2\nname: acme-service\nversion: 1.0.0\n';

describe('ecosystems/helm: rename', () => {
  it('renames every entry of the chart, keeping aliases, versions, repositories and comments', () => {
    const text = `${head}dependencies:\n  - name: acme-service # web\n    alias: web\n    version: ~4.2\n    repository: https://charts.acme.dev\n  - name: "acme-service"\n    alias: worker\n    version: "~4.2"\n    repository: https://charts.acme.dev\n  - name: acme-service-extras\n    version: 1.0.0\n`;
    assert.deepEqual(renamed(text, 'acme-service', 'acme-app'), {
      text: `${head}dependencies:\n  - name: acme-app # web\n    alias: web\n    version: ~4.2\n    repository: https://charts.acme.dev\n  - name: "acme-app"\n    alias: worker\n    version: "~4.2"\n    repository: https://charts.acme.dev\n  - name: acme-service-extras\n    version: 1.0.0\n`,
      notes: [],
    });
  });

  it('renames an entry without an alias too (its values key changes with it: README says so)', () => {
    const text = `${head}dependencies:\n  - name: acme-service\n    version: 4.2.1\n    repository: https://charts.acme.dev\n`;
    assert.deepEqual(renamed(text, 'acme-service', 'acme-app', 'charts/shop/Chart.yaml'), {
      text: `${head}dependencies:\n  - name: acme-app\n    version: 4.2.1\n    repository: https://charts.acme.dev\n`,
      notes: [],
    });
  });

  it('renames in a flow list and in a Helm 2 requirements.yaml', () => {
    assert.equal(renamed('dependencies: [{name: acme-service, alias: a, version: "1.2.x"}]\n', 'acme-service', 'acme-app').text, 'dependencies: [{name: acme-app, alias: a, version: "1.2.x"}]\n');
    assert.equal(renamed('dependencies:\n- name: acme-service\n  alias: s\n', 'acme-service', 'acme-app', 'requirements.yaml').text, 'dependencies:\n- name: acme-app\n  alias: s\n');
  });

  it('leaves the chart’s own name, maintainers and an alias that reads like the name alone', () => {
    const text = 'apiVersion: v2\nname: acme-service\nmaintainers:\n  - name: acme-service\ndependencies:\n  - name: acme-redis\n    alias: acme-service\n';
    assert.deepEqual(renamed(text, 'acme-service', 'acme-app'), { text, notes: [] });
  });

  it('refuses a name that would change how the YAML reads, and a file it cannot read', () => {
    const text = `${head}dependencies:\n  - name: acme-service\n    alias: s\n`;
    const bad = renamed(text, 'acme-service', 'acme app: x');
    assert.equal(bad.text, text);
    assert.match(bad.notes[0]!, /not a name that can be written here/);
    const broken = `${head}dependencies:\n  - name: acme-service\n    version: [1\n  - name: x\n`;
    const out = renamed(broken, 'acme-service', 'acme-app');
    assert.equal(out.text, broken);
    assert.match(out.notes[0]!, /^not renamed: YAML syntax error in Chart\.yaml/);
  });
});
