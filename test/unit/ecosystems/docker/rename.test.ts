import * as assert from 'node:assert/strict';
import { dockerModule } from '../../../../src/core/ecosystems/docker';
import { lines, renamed } from './helpers';

describe('docker module: rename', () => {
  const cases: readonly (readonly [title: string, file: string, text: string, from: string, to: string, expected: string])[] = [
    [
      'every FROM of the image, keeping tag, digest, stage and flags',
      'Dockerfile',
      lines('FROM --platform=$BUILDPLATFORM acme/node:16-alpine AS build', 'FROM acme/node@sha256:abc AS digest', 'FROM ACME/Node', 'FROM acme/node-extra:1', 'FROM build'),
      'acme/node',
      'registry.acme.dev/base/node',
      lines(
        'FROM --platform=$BUILDPLATFORM registry.acme.dev/base/node:16-alpine AS build',
        'FROM registry.acme.dev/base/node@sha256:abc AS digest',
        'FROM registry.acme.dev/base/node',
        'FROM acme/node-extra:1',
        'FROM build',
      ),
    ],
    [
      'a registry with a port, matched in lower case',
      'Dockerfile',
      'FROM Registry.Acme.dev:5000/base/node:20\n',
      'registry.acme.dev:5000/base/node',
      'ghcr.io/acme/node',
      'FROM ghcr.io/acme/node:20\n',
    ],
    [
      'a stage named like the image is not renamed',
      'Dockerfile',
      lines('FROM node:20 AS node', 'FROM node'),
      'node',
      'acme/node',
      lines('FROM acme/node:20 AS node', 'FROM node'),
    ],
    [
      'an image inside an ARG default is renamed there',
      'Dockerfile',
      lines('ARG BASE=node:20-alpine', 'FROM ${BASE}', 'FROM ${BASE} AS again'),
      'node',
      'acme/node',
      lines('ARG BASE=acme/node:20-alpine', 'FROM ${BASE}', 'FROM ${BASE} AS again'),
    ],
    [
      'a continuation line and CRLF',
      'Dockerfile',
      'FROM \\\r\n  node:20 \\\r\n  AS b\r\n',
      'node',
      'acme/node',
      'FROM \\\r\n  acme/node:20 \\\r\n  AS b\r\n',
    ],
    [
      'compose: plain, quoted and anchored images; a service that builds is left',
      'docker-compose.yml',
      lines(
        'x-base: &base',
        '  image: node:20',
        'services:',
        '  a:',
        '    image: "node:18-alpine"',
        '  b:',
        '    <<: *base',
        '  c:',
        '    <<: *base',
        '  d:',
        '    build: .',
        '    image: node:dev',
      ),
      'node',
      'acme/node',
      lines(
        'x-base: &base',
        '  image: acme/node:20',
        'services:',
        '  a:',
        '    image: "acme/node:18-alpine"',
        '  b:',
        '    <<: *base',
        '  c:',
        '    <<: *base',
        '  d:',
        '    build: .',
        '    image: node:dev',
      ),
    ],
    [
      'devcontainer',
      '.devcontainer/devcontainer.json',
      '{ "image": "mcr.microsoft.com/devcontainers/base:bookworm" }',
      'mcr.microsoft.com/devcontainers/base',
      'registry.acme.dev/dev/base',
      '{ "image": "registry.acme.dev/dev/base:bookworm" }',
    ],
    ['nothing to rename', 'Dockerfile', 'FROM python:3.12\n', 'node', 'acme/node', 'FROM python:3.12\n'],
  ];
  for (const [title, file, text, from, to, expected] of cases) {
    it(title, () => {
      const result = renamed(text, file, from, to);
      assert.equal(result.text, expected);
      assert.deepEqual(result.notes, []);
    });
  }

  it('leaves a name made up with a variable and says so', () => {
    const text = lines('ARG REGISTRY=registry.acme.dev', 'FROM ${REGISTRY}/base/node:20', 'FROM registry.acme.dev/base/node:18');
    const result = renamed(text, 'Dockerfile', 'registry.acme.dev/base/node', 'ghcr.io/acme/node');
    assert.equal(result.text, lines('ARG REGISTRY=registry.acme.dev', 'FROM ${REGISTRY}/base/node:20', 'FROM ghcr.io/acme/node:18'));
    assert.deepEqual(result.notes, ['Dockerfile: `${REGISTRY}/base/node` (FROM 0) is made up with a variable; rename it by hand']);
  });

  it('refuses a target that is not an image name, and edits nothing', () => {
    for (const to of ['', 'acme/node:20', 'acme/node@sha256:abc', 'acme node', '${X}/node']) {
      const result = dockerModule.rename('FROM node:16\n', 'Dockerfile', 'node', to);
      assert.deepEqual(result.splices, [], to);
      assert.equal(result.notes.length, 1, to);
      assert.match(result.notes[0]!, /is not an image name/);
    }
  });
});
