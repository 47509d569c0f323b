#!/usr/bin/env bash
# The action's check step: one scan written three ways — SARIF for code scanning, Markdown for
# the job summary, PG_FORMAT for the log — and the exit status of the gate as an output, so the
# SARIF is uploaded before the job fails. Inputs arrive as environment variables (never pasted
# into the script), so a catalog URL cannot inject shell. PG_TODAY (not an input) pins the date
# sunsets are measured against, for tests.
set -uo pipefail
read -r -a cli <<< "${PLATFORM_GUIDE_CLI:-platform-guide}"

args=(check "${PG_DIRECTORY:-.}")
# Catalogs: one a line or comma-separated; blanks ignored.
while IFS= read -r catalog; do
  catalog="$(echo "$catalog" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')"
  [ -n "$catalog" ] && args+=(--catalog "$catalog")
done < <(printf '%s\n' "${PG_CATALOGS:-}" | tr ',' '\n')
[ -n "${PG_TODAY:-}" ] && args+=(--today "$PG_TODAY")

sarif="${RUNNER_TEMP:-/tmp}/platform-guide.sarif"
"${cli[@]}" "${args[@]}" --format sarif --fail-on never > "$sarif"
status=$?
if [ "$status" -ne 0 ]; then
  # A usage or catalog error: the same run prints it, then the gate fails on its status.
  echo "status=$status" >> "$GITHUB_OUTPUT"
  echo "sarif=" >> "$GITHUB_OUTPUT"
  exit 0
fi
echo "sarif=$sarif" >> "$GITHUB_OUTPUT"
"${cli[@]}" "${args[@]}" --format markdown --fail-on never >> "${GITHUB_STEP_SUMMARY:-/dev/null}"
"${cli[@]}" "${args[@]}" --format "${PG_FORMAT:-text}" --fail-on "${PG_FAIL_ON:-error}"
echo "status=$?" >> "$GITHUB_OUTPUT"
exit 0
