#!/usr/bin/env bash
# Installs the platform-guide CLI (a single bundled file, no dependencies) outside the checked-out
# repository and puts its command on PATH for the next steps. PLATFORM_GUIDE_CLI, when set, is a
# command to use instead (a checkout's `node dist/cli.js`), and nothing is installed.
set -euo pipefail
if [ -n "${PLATFORM_GUIDE_CLI:-}" ]; then exit 0; fi
prefix="${RUNNER_TEMP:-/tmp}/platform-guide"
mkdir -p "$prefix"
npm install --prefix "$prefix" --no-audit --no-fund --no-save "platform-guide@${PG_VERSION}" >&2
echo "$prefix/node_modules/.bin" >> "$GITHUB_PATH"
