/**
 * Realistic files of this ecosystem, with the paths they would have in a repository: for the
 * contract test every module passes and for the parser fuzzer, which mutates them.
 */
export const samples: readonly { readonly path: string; readonly text: string }[] = [
  {
    path: '.github/workflows/ci.yml',
    text: `name: CI
on:
  push:
    branches: [main]
  pull_request:

permissions:
  contents: read

jobs:
  build:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node: [18, 20]
    steps:
      - uses: actions/checkout@v4
      - name: Set up Node
        uses: actions/setup-node@v4.1.0
        with:
          node-version: \${{ matrix.node }}
          cache: npm
      - run: npm ci && npm test
      - uses: ./.github/actions/report
      - uses: acme/deploy/cleanup@main
  release:
    needs: build
    uses: acme/ci/.github/workflows/release.yml@v2
    secrets: inherit
`,
  },
  {
    path: 'services/api/.github/workflows/scorecard.yaml',
    text: `name: Scorecard
on: [push]
jobs:
  analysis:
    runs-on: ubuntu-latest
    steps:
      - name: Harden the runner
        uses: acme/harden-runner@0634a2670c59f64b4a01f0f96f84700a4088b9f0 # v2.12.0
      - uses: "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683" #v4.2.2
      - uses: 'acme/scan@6e9b5d5e8f1d6b0f5f7a0f3a8c4c2e6b9a1d0c3e' # tag=v1.3.0
      - uses: acme/upload@1f1e5e3f0c8b8a2d4e6f7a9b0c1d2e3f4a5b6c7d  # pin@v3.0.1
      - uses: acme/unpinned@2c1c4a5b6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a
      - uses: docker://alpine:3.20
`,
  },
  {
    path: 'action.yml',
    text: `name: Build and publish
description: Composite action shared by the services
inputs:
  token:
    required: true
runs:
  using: composite
  steps:
    - uses: actions/setup-go@v5
      with:
        go-version-file: go.mod
    - uses: >-
        acme/publish@v1.4
    - run: ./scripts/publish.sh
      shell: bash
`,
  },
  {
    path: '.github/workflows/anchors.yml',
    text: `on: workflow_dispatch
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - &checkout
        uses: actions/checkout@v3.6.0
      - { name: Cache, uses: actions/cache@v3 }
  test:
    runs-on: ubuntu-latest
    steps:
      - *checkout
      - uses: acme/test-runner@\${{ inputs.ref }}
`,
  },
];
