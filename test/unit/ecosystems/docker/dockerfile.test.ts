import * as assert from 'node:assert/strict';
import { itReads, lines, read, type Case } from './helpers';

describe('docker module: Dockerfile', () => {
  const cases: readonly Case[] = [
    ['a tagged image', 'FROM node:20-alpine\n', [['FROM 0', 'node', '20-alpine', 'node', '20-alpine', 1]]],
    ['no tag: no version text, the range is the name', 'FROM nginx\n', [['FROM 0', 'nginx', null, 'nginx', 'nginx', 1]]],
    ['a named stage', 'FROM golang:1.22 AS build\n', [['FROM build', 'golang', '1.22', 'golang', '1.22', 1]]],
    ['instructions in any case, indented', '  from node:20 as Build\n', [['FROM Build', 'node', '20', 'node', '20', 1]]],
    [
      'flags are skipped',
      'FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.9.0 AS xx\n',
      [['FROM xx', 'tonistiigi/xx', '1.9.0', 'tonistiigi/xx', '1.9.0', 1]],
    ],
    [
      'a registry with a port: its colon is not a tag',
      'FROM registry.acme.dev:5000/base/node:16-alpine\n',
      [['FROM 0', 'registry.acme.dev:5000/base/node', '16-alpine', 'registry.acme.dev:5000/base/node', '16-alpine', 1]],
    ],
    ['a registry with a port and no tag', 'FROM localhost:5000/app\n', [['FROM 0', 'localhost:5000/app', null, 'localhost:5000/app', 'localhost:5000/app', 1]]],
    [
      'a tag followed by a digest: the tag is the version text',
      'FROM node:20.11.1-bookworm@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
      [['FROM 0', 'node', '20.11.1-bookworm', 'node', '20.11.1-bookworm', 1]],
    ],
    [
      'a digest alone: no version text',
      'FROM node@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
      [['FROM 0', 'node', null, 'node', 'node', 1]],
    ],
    [
      'multi-stage: scratch and earlier stages are not uses, in any case',
      lines('FROM node:20 AS Build', 'FROM build AS test', 'FROM BUILD', 'FROM scratch', 'FROM nginx:1.25'),
      [
        ['FROM Build', 'node', '20', 'node', '20', 1],
        ['FROM 4', 'nginx', '1.25', 'nginx', '1.25', 5],
      ],
    ],
    [
      'a stage named later is an image, not that stage',
      lines('FROM base', 'FROM node:20 AS base'),
      [
        ['FROM 0', 'base', null, 'base', 'base', 1],
        ['FROM base', 'node', '20', 'node', '20', 2],
      ],
    ],
    [
      'comments and blank lines are skipped',
      lines('# FROM commented:1', '', '   # indented comment', 'FROM python:3.12-slim # not a comment here'),
      [['FROM 0', 'python', '3.12-slim', 'python', '3.12-slim', 4]],
    ],
    [
      'continuation lines, with comments and blanks inside',
      lines('FROM \\', '  # the base', '', '  node:20 \\  ', '  AS build'),
      [['FROM build', 'node', '20', 'node', '20', 4]],
    ],
    [
      'a continued RUN hides nothing and shows nothing',
      lines('FROM node:20', 'RUN apt-get update \\', '  && echo FROM evil:1 \\', '  && true', 'FROM nginx:1.25'),
      [
        ['FROM 0', 'node', '20', 'node', '20', 1],
        ['FROM 1', 'nginx', '1.25', 'nginx', '1.25', 5],
      ],
    ],
    [
      'heredocs: their lines are not instructions',
      lines(
        'FROM node:20',
        'RUN <<EOF',
        'FROM evil:1',
        'EOF',
        'COPY <<-"END" /etc/conf',
        '\tFROM evil:2',
        '\tEND',
        'RUN <<A cat && <<B cat',
        'FROM evil:3',
        'A',
        'FROM evil:4',
        'B',
        'RUN echo $((1<<2)) && cat <<< "FROM x"',
        'FROM nginx:1.25',
      ),
      [
        ['FROM 0', 'node', '20', 'node', '20', 1],
        ['FROM 1', 'nginx', '1.25', 'nginx', '1.25', 14],
      ],
    ],
    [
      'the escape directive makes a backtick the continuation',
      lines('# escape=`', '', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022 `', '  AS base', 'RUN dir C:\\', 'FROM base'),
      [['FROM base', 'mcr.microsoft.com/windows/servercore', 'ltsc2022', 'mcr.microsoft.com/windows/servercore', 'ltsc2022', 3]],
    ],
    [
      'a directive after a comment is a comment',
      lines('# hello', '# escape=`', 'FROM node:20 `', 'FROM nginx'),
      [['FROM 0', 'node', '20', 'node', '20', 3], ['FROM 1', 'nginx', null, 'nginx', 'nginx', 4]],
    ],
    [
      'an unknown directive is a comment, and ends the directives',
      lines('# foo=bar', '# escape=`', 'FROM node:20 `', 'FROM nginx'),
      [['FROM 0', 'node', '20', 'node', '20', 3], ['FROM 1', 'nginx', null, 'nginx', 'nginx', 4]],
    ],
    [
      'directives in any case and spacing, with syntax first',
      lines('# syntax=docker/dockerfile:1', '#  ESCAPE = `', 'FROM node:20 `', '  AS b'),
      [['FROM b', 'node', '20', 'node', '20', 3]],
    ],
    [
      'an ARG default before the first FROM is the version text, at its definition',
      lines('ARG NODE=20-alpine', 'FROM base/node:${NODE}'),
      [['FROM 0', 'base/node', '20-alpine', 'base/node', '20-alpine', 1]],
    ],
    [
      '$NODE and a quoted default',
      lines('ARG NODE="18.19-slim"', 'FROM node:$NODE'),
      [['FROM 0', 'node', '18.19-slim', 'node', '18.19-slim', 1]],
    ],
    [
      'two stages from one definition by the same image are one use',
      lines('ARG NODE=20', 'FROM node:${NODE} AS build', 'FROM node:${NODE}', 'FROM python:${NODE}'),
      [
        ['FROM build', 'node', '20', 'node', '20', 1],
        ['FROM 2', 'python', '20', 'python', '20', 1],
      ],
    ],
    [
      'the default form: the word when the ARG has no default',
      lines('ARG NODE', 'FROM node:${NODE:-18}-alpine'),
      [['FROM 0', 'node', '18', 'node', '18', 2]],
    ],
    [
      'the default form: the ARG default when it has one',
      lines('ARG NODE=22', 'FROM node:${NODE:-18}'),
      [['FROM 0', 'node', '22', 'node', '22', 1]],
    ],
    [
      'a variable then a variant: the definition holds the version',
      lines('ARG GO=1.22', 'ARG ALPINE=3.19', 'FROM golang:${GO}-alpine${ALPINE}'),
      [['FROM 0', 'golang', '1.22', 'golang', '1.22', 1]],
    ],
    [
      'a version made of two variables is read as written',
      lines('ARG MAJOR=20', 'ARG MINOR=11', 'FROM node:${MAJOR}.${MINOR}'),
      [['FROM 0', 'node', '${MAJOR}.${MINOR}', 'node', '${MAJOR}.${MINOR}', 3]],
    ],
    [
      'an ARG built from an earlier one',
      lines('ARG DOCKER=29.6', 'ARG CLI=${DOCKER}', 'FROM docker:${CLI}-cli'),
      [['FROM 0', 'docker', '29.6', 'docker', '29.6', 1]],
    ],
    [
      'a whole image from an ARG: name and tag inside the definition',
      lines('ARG BASE=node:20-alpine', 'FROM ${BASE} AS app'),
      [['FROM app', 'node', '20-alpine', 'node', '20-alpine', 1]],
    ],
    [
      'a registry from an ARG: the key is the name as written',
      lines('ARG REGISTRY=registry.acme.dev', 'FROM ${REGISTRY}/base/node:20'),
      [['FROM 0', 'registry.acme.dev/base/node', '20', '${REGISTRY}/base/node', '20', 2]],
    ],
    [
      'a tag from an ARG without a default is unknown, as written',
      lines('ARG NODE', 'FROM node:${NODE}'),
      [['FROM 0', 'node', '${NODE}', 'node', '${NODE}', 2]],
    ],
    ['an image fully from a variable without a default is no use', lines('ARG IMAGE', 'FROM ${IMAGE}', 'FROM $OTHER AS x'), []],
    [
      'an ARG after the first FROM does not reach a later FROM',
      lines('FROM alpine:3.19', 'ARG NODE=20', 'FROM node:${NODE}'),
      [
        ['FROM 0', 'alpine', '3.19', 'alpine', '3.19', 1],
        ['FROM 1', 'node', '${NODE}', 'node', '${NODE}', 3],
      ],
    ],
    [
      'a stage chosen by a variable',
      lines('ARG MODE=prod', 'FROM node:20 AS base-prod', 'FROM base-${MODE}'),
      [['FROM base-prod', 'node', '20', 'node', '20', 2]],
    ],
    [
      'an ARG whose default is itself unknown expands nothing',
      lines('ARG A=${TARGETPLATFORM#linux/}', 'ARG B=${A:+x}', 'FROM img-${B} AS y', 'FROM node:${A:-20}'),
      [['FROM 1', 'node', '${A:-20}', 'node', '${A:-20}', 4]],
    ],
  ];
  itReads(cases, 'Dockerfile');

  it('reads CRLF line ends and a byte-order mark', () => {
    const text = '\ufeff# escape=`\r\nARG NODE=20-alpine\r\nFROM node:${NODE} `\r\n  AS build\r\nFROM nginx:1.25\r\n';
    assert.deepEqual(read(text, 'Dockerfile').rows, [
      ['FROM build', 'node', '20-alpine', 'node', '20-alpine', 2],
      ['FROM 1', 'nginx', '1.25', 'nginx', '1.25', 5],
    ]);
  });

  it('reads old Mac line ends (a lone CR)', () => {
    assert.deepEqual(read('FROM node:20\rFROM nginx\r', 'Dockerfile').rows, [
      ['FROM 0', 'node', '20', 'node', '20', 1],
      ['FROM 1', 'nginx', null, 'nginx', 'nginx', 2],
    ]);
  });

  it('says where a FROM names no image, and reads on', () => {
    const { rows, problems } = read(lines('FROM node:20', '  FROM', 'FROM --platform=linux/amd64', 'FROM nginx'), 'Dockerfile');
    assert.deepEqual(problems, ['2:3 this FROM names no image; write `FROM image:tag`', '3:1 this FROM names no image; write `FROM image:tag`']);
    assert.deepEqual(rows.map((r) => r[1]), ['node', 'nginx']);
  });

  it('says where an image reference is split across lines', () => {
    const { rows, problems } = read(lines('FROM no\\', 'de:20'), 'Dockerfile');
    assert.deepEqual(rows, []);
    assert.deepEqual(problems, ['1:6 this image name is split across lines; write it on one line']);
  });

  it('says where an image reference is quoted', () => {
    const { rows, problems } = read(lines('FROM "node:20"', 'FROM nginx'), 'Dockerfile');
    assert.deepEqual(rows, [['FROM 1', 'nginx', null, 'nginx', 'nginx', 2]]);
    assert.deepEqual(problems, ['1:6 `"node:20"` is not an image reference; write it as name:tag, without quotes (for example node:20-alpine)']);
  });

  it('an unterminated heredoc ends the file quietly', () => {
    assert.deepEqual(read(lines('FROM node:20', 'RUN <<EOF', 'FROM evil:1'), 'Dockerfile').rows, [['FROM 0', 'node', '20', 'node', '20', 1]]);
  });

  it('reads Containerfiles and *.Dockerfile alike', () => {
    for (const file of ['Containerfile', 'x/Containerfile.rhel', 'build/ci.Dockerfile', 'Dockerfile.dev']) {
      assert.deepEqual(read('FROM node:20\n', file).rows, [['FROM 0', 'node', '20', 'node', '20', 1]], file);
    }
  });
});
