import * as assert from 'node:assert/strict';
import { itReads, read, type Case } from './helpers';

describe('docker module: devcontainer.json', () => {
  const cases: readonly Case[] = [
    [
      'the image, with comments and a trailing comma',
      '{\n  // the team image\n  "name": "api",\n  "image": "mcr.microsoft.com/devcontainers/typescript-node:1-20-bookworm",\n}\n',
      [['image', 'mcr.microsoft.com/devcontainers/typescript-node', '1-20-bookworm', 'mcr.microsoft.com/devcontainers/typescript-node', '1-20-bookworm', 4]],
    ],
    ['an image without a tag', '{"image": "ubuntu"}', [['image', 'ubuntu', null, 'ubuntu', 'ubuntu', 1]]],
    ['a build instead of an image', '{"build": {"dockerfile": "Dockerfile"}}', []],
    ['a nested image key is not the image', '{"customizations": {"image": "x:1"}}', []],
    ['a variable of the Dev Containers tools in the name', '{"image": "${localEnv:REGISTRY}/app:1"}', []],
    ['an image that is not a string', '{"image": 20}', []],
  ];
  itReads(cases, '.devcontainer/devcontainer.json');

  it('reads .devcontainer.json, a byte-order mark and CRLF', () => {
    const text = '\ufeff{\r\n  "image": "python:3.12"\r\n}\r\n';
    assert.deepEqual(read(text, '.devcontainer.json').rows, [['image', 'python', '3.12', 'python', '3.12', 2]]);
  });

  it('says where the JSON is broken', () => {
    const { rows, problems } = read('{\n  "image": "python:3.12"\n  "name": "x"\n}', '.devcontainer/devcontainer.json');
    assert.deepEqual(rows, []);
    assert.deepEqual(problems, ['3:3 JSON syntax error: CommaExpected']);
  });

  it('says where an image is written with escapes', () => {
    const { rows, problems } = read('{"image": "python\\u003a3.12"}', '.devcontainer/devcontainer.json');
    assert.deepEqual(rows, []);
    assert.deepEqual(problems, ['1:11 this image is written with escapes; write it without backslashes']);
  });
  it('refuses a file nested thousands deep where it passes the limit, without overflowing the stack', () => {
    const { rows, problems } = read(`{"image": "python:3.12", "x": ${'['.repeat(20_000)}}`, '.devcontainer/devcontainer.json');
    assert.deepEqual(rows, []);
    assert.deepEqual(problems, ['1:230 This devcontainer.json is nested more than 200 levels deep here, more than Platform Guide reads; flatten it']);
  });
});
