import * as assert from 'node:assert/strict';
import { itReads, lines, read, type Case } from './helpers';

describe('docker module: compose files', () => {
  const cases: readonly Case[] = [
    [
      'service images, plain and quoted',
      lines('services:', '  db:', '    image: postgres:15.4-alpine', '  cache:', '    image: "redis:7"', '  proxy:', "    image: 'nginx'"),
      [
        ['services.db.image', 'postgres', '15.4-alpine', 'postgres', '15.4-alpine', 3],
        ['services.cache.image', 'redis', '7', 'redis', '7', 5],
        ['services.proxy.image', 'nginx', null, 'nginx', 'nginx', 7],
      ],
    ],
    [
      'a service that builds: its image names what it builds',
      lines('services:', '  web:', '    build: ./web', '    image: acme/web:1.0.0', '  api:', '    image: acme/api:2', '    build:', '      context: .'),
      [],
    ],
    [
      'a registry with a port and a digest',
      lines('services:', '  app:', '    image: registry.acme.dev:5000/base/node:20@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'),
      [['services.app.image', 'registry.acme.dev:5000/base/node', '20', 'registry.acme.dev:5000/base/node', '20', 3]],
    ],
    [
      'interpolation: a default is the version text, a variable alone is unknown',
      lines(
        'services:',
        '  db:',
        '    image: "postgres:${PG_VERSION:-15.4}-alpine"',
        '  app:',
        '    image: acme/app:${TAG}',
        '  cache:',
        '    image: ${REDIS_IMAGE:-redis:7.2}',
        '  other:',
        '    image: ${REGISTRY}/acme/other:1.0.0',
      ),
      [
        ['services.db.image', 'postgres', '15.4', 'postgres', '15.4', 3],
        ['services.app.image', 'acme/app', '${TAG}', 'acme/app', '${TAG}', 5],
        ['services.cache.image', 'redis', '7.2', 'redis', '7.2', 7],
      ],
    ],
    [
      'anchors and merge keys: one definition, one use',
      lines(
        'x-worker: &worker',
        '  image: acme/worker:2.4.1',
        'x-built: &built',
        '  build: .',
        'services:',
        '  worker:',
        '    <<: *worker',
        '  worker-eu:',
        '    <<: [*worker]',
        '    environment:',
        '      REGION: eu',
        '  local:',
        '    <<: [*built, *worker]',
        '  own:',
        '    <<: *worker',
        '    image: acme/own:1',
      ),
      [
        ['services.worker.image', 'acme/worker', '2.4.1', 'acme/worker', '2.4.1', 2],
        ['services.own.image', 'acme/own', '1', 'acme/own', '1', 16],
      ],
    ],
    [
      'an alias as the image',
      lines('x-image: &img node:20-alpine', 'services:', '  a:', '    image: *img'),
      [['services.a.image', 'node', '20-alpine', 'node', '20-alpine', 1]],
    ],
    [
      'what is not a service image',
      lines('version: "3.9"', 'image: top:1', 'services:', '  a:', '    environment:', '      image: env:1', '  b: ~', '  c:', '    image: 20', '  d:', '    image:', 'volumes:', '  data: {}'),
      [],
    ],
    ['no services at all', lines('name: demo', 'networks: {}'), []],
    ['an empty file', '', []],
  ];
  itReads(cases, 'deploy/docker-compose.yml');

  it('reads CRLF line ends and a byte-order mark', () => {
    const text = '\ufeffservices:\r\n  db:\r\n    image: "postgres:16"\r\n  web:\r\n    image: nginx:1.25\r\n';
    assert.deepEqual(read(text, 'compose.yaml').rows, [
      ['services.db.image', 'postgres', '16', 'postgres', '16', 3],
      ['services.web.image', 'nginx', '1.25', 'nginx', '1.25', 5],
    ]);
  });

  it('says where the YAML is broken', () => {
    const { rows, problems } = read(lines('services:', '  db:', '    image: "postgres:16', '  web: ['), 'compose.yml');
    assert.deepEqual(rows, []);
    assert.ok(problems.length > 0);
    assert.match(problems[0]!, /^\d+:\d+ YAML syntax error: /);
  });

  it('says where an image is written in a form whose place cannot be kept', () => {
    const { rows, problems } = read(lines('services:', '  db:', '    image: "postgres:\\u0031\\u0036"', '  web:', '    image: >-', '      nginx:1.25'), 'compose.yml');
    assert.deepEqual(rows, []);
    assert.deepEqual(problems, [
      '3:12 this image is written with escapes or folded over lines; write it on one line, plain or in quotes',
      '5:12 this image is written with escapes or folded over lines; write it on one line, plain or in quotes',
    ]);
  });

  it('reads every service of a large file (the alias budget counts aliases only)', () => {
    const text = ['services:', ...Array.from({ length: 5100 }, (_, i) => `  s${i}:\n    image: acme/s${i}:1.${i}`)].join('\n');
    const { rows } = read(text, 'compose.yml');
    assert.equal(rows.length, 5100);
    assert.deepEqual(rows.at(-1), ['services.s5099.image', 'acme/s5099', '1.5099', 'acme/s5099', '1.5099', 10201]);
  });

  it('says where a service is written twice, and reads the first', () => {
    const { rows, problems } = read(lines('services:', '  db:', '    image: postgres:15', '  db:', '    image: postgres:16'), 'compose.yml');
    assert.deepEqual(rows, [['services.db.image', 'postgres', '15', 'postgres', '15', 3]]);
    assert.deepEqual(problems, ['4:3 service `db` is written twice in `services`; compose refuses the file, keep one']);
  });

  it('stops an alias bomb without expanding it', () => {
    const bomb = [
      'a: &a {<<: [], image: x:1}',
      ...Array.from({ length: 30 }, (_, i) => `${String.fromCharCode(98 + (i % 20))}${i}: &l${i} {<<: [${i === 0 ? '*a' : `*l${i - 1}, *l${i - 1}, *l${i - 1}`}]}`),
      'services:',
      '  s:',
      '    <<: *l29',
    ].join('\n');
    const started = Date.now();
    const { problems } = read(bomb, 'compose.yml');
    assert.deepEqual(problems, []);
    assert.ok(Date.now() - started < 2000, 'the walk is bounded');
  });
});
