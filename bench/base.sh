#!/usr/bin/env bash
# Builds deal-advisor as it was at a git revision, for the A/B rows of bench/run: a throwaway worktree under
# target/bench-base/REV, packaged once (kept for later runs). Prints that folder; its target/ holds the jar the
# in-process benchmark swaps in and the packaged service for HTTP.
# Usage: bench/base.sh REV
set -euo pipefail
cd "$(dirname "$0")/.."
REV=$(git rev-parse --short "$1^{commit}")
FOLDER=$(pwd)/target/bench-base/$REV
if [ ! -f "$FOLDER/target/quarkus-app/quarkus-run.jar" ]; then
  echo "== building the baseline $REV (once)" >&2
  git worktree prune
  rm -rf "$FOLDER"
  git worktree add --detach --force "$FOLDER" "$REV" >/dev/null 2>&1
  (cd "$FOLDER" && ./mvnw -q -B package -DskipTests -De2e.skip=true) >"$(dirname "$FOLDER")/build-$REV.log" 2>&1 \
    || { tail -n 40 "$(dirname "$FOLDER")/build-$REV.log" >&2; exit 1; }
fi
echo "$FOLDER"
