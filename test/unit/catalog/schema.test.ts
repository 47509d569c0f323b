import assert from 'node:assert/strict';
import catalogSchema from '../../../schemas/catalog-v1.schema.json';
import configSchema from '../../../schemas/platform-guide-config-v1.schema.json';
import { ECOSYSTEMS } from '../../../src/core/types';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every subschema with the JSON path that leads to it. */
function* walk(node: Json, at = '#'): Generator<[string, { [k: string]: Json }]> {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const [i, n] of node.entries()) yield* walk(n, `${at}/${i}`);
    return;
  }
  yield [at, node];
  for (const [k, v] of Object.entries(node)) if (k !== 'enum' && k !== 'const' && k !== 'default') yield* walk(v, `${at}/${k}`);
}

for (const [name, schema] of [['catalog-v1', catalogSchema], ['platform-guide-config-v1', configSchema]] as const) {
  describe(`schemas/${name}.schema.json`, () => {
    const root = schema as unknown as { [k: string]: Json };

    it('is draft-07 and every $ref resolves', () => {
      assert.equal(root.$schema, 'http://json-schema.org/draft-07/schema#');
      const definitions = root.definitions as { [k: string]: Json };
      for (const [at, node] of walk(root)) {
        if (typeof node.$ref !== 'string') continue;
        const target = /^#\/definitions\/(.+)$/.exec(node.$ref)?.[1];
        assert.ok(target !== undefined && target in definitions, `${at}: ${node.$ref}`);
      }
    });

    it('describes every property (editors show it on completion) and closes every object', () => {
      const definitions = root.definitions as { [k: string]: { [k: string]: Json } };
      for (const [at, node] of walk(root)) {
        const props = node.properties as { [k: string]: { [k: string]: Json } } | undefined;
        for (const [key, prop] of Object.entries(props ?? {})) {
          const target = typeof prop.$ref === 'string' ? definitions[prop.$ref.replace('#/definitions/', '')] : undefined;
          assert.ok(typeof (prop.description ?? target?.description) === 'string', `${at}/properties/${key} has no description`);
        }
        if (node.type === 'object' && props && !node.oneOf) assert.equal(node.additionalProperties, false, `${at} is open`);
      }
    });

    it('compiles every pattern as a unicode RegExp', () => {
      for (const [at, node] of walk(root)) if (typeof node.pattern === 'string') assert.doesNotThrow(() => new RegExp(node.pattern as string, 'u'), at);
    });
  });
}

describe('schemas and types agree', () => {
  it('offers exactly the ecosystems of the core types as package keys', () => {
    const branches = (catalogSchema.definitions.package.oneOf as { required: string[] }[]).map((b) => b.required[0]);
    assert.deepEqual(branches, [...ECOSYSTEMS]);
  });
});
