#!/usr/bin/env bash
# Browser tests of the analyst page: starts the built service (dev profile, so the demo key works) on a copy
# of rules/ that the tests may break, with a shadow candidate (another copy, one threshold changed), in a
# temporary folder that also gets its decision records, drives the page in Debian's headless Chromium with
# playwright-core, and always stops the service. `./mvnw verify` runs it (skip with -De2e.skip=true); alone:
# bash src/test/e2e/run.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROOT="$PWD"
E2E=src/test/e2e
OUT="$PWD/target/e2e"
JAR=target/quarkus-app/quarkus-run.jar

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi
(cd "$E2E" && npm ci --no-audit --no-fund --loglevel=error)
if [ ! -f "$JAR" ]; then
  ./mvnw -B -q package -DskipTests
fi

mkdir -p "$OUT"
WORK=$(mktemp -d)
cp -r rules "$WORK/rules"
# The shadow candidate: WAIT above 1 approval instead of 4. The scenarios that pinned PROCEED with more approvals
# are rewritten to expect WAIT, as an analyst would, so that the candidate validates and is compared.
CANDIDATE="$WORK/candidate"
cp -r rules "$CANDIDATE"
sed -i 's/^maximumApprovals: 4$/maximumApprovals: 1/' "$CANDIDATE/thresholds.yaml"
if ! grep -q '^maximumApprovals: 1$' "$CANDIDATE/thresholds.yaml"; then
  echo "rules/thresholds.yaml no longer has maximumApprovals: 4; change the candidate that run.sh writes"
  exit 1
fi
for scenario in $(grep -lE 'approvalsRequired: ([2-9]|[1-9][0-9]+)\b' "$CANDIDATE"/scenarios/*.yaml); do
  sed -i 's/^  advice: PROCEED$/  advice: WAIT/' "$scenario"
done
free_port() {
  node -e 'const server = require("net").createServer().listen(0, "127.0.0.1", () => {
    console.log(server.address().port); server.close(); })'
}
PORT=$(free_port)
# Health and metrics are on the management interface, a port of its own.
MANAGEMENT_PORT=$(free_port)
# Besides the demo key, a key with the role qualify only: the page must say what it may not read.
QUALIFY_ONLY_KEY="e2e-qualify-only-$RANDOM$RANDOM"
QUALIFY_ONLY_SHA256=$(printf %s "$QUALIFY_ONLY_KEY" | sha256sum | cut -d' ' -f1)
# And a key with the role analyst only: the figures without the deals, so the page hides what needs auditor.
ANALYST_KEY="e2e-analyst-only-$RANDOM$RANDOM"
ANALYST_SHA256=$(printf %s "$ANALYST_KEY" | sha256sum | cut -d' ' -f1)
# Run from the temporary folder, so that files the service keeps by default (its decision records) land there.
(cd "$WORK" && exec java -Dquarkus.profile=dev -Ddeal-advisor.rules.dir="$WORK/rules" -Dquarkus.http.host=127.0.0.1 \
  -Ddeal-advisor.shadow.dir="$CANDIDATE" \
  -Ddeal-advisor.auth.api-keys.e2e-qualify-only.sha256="$QUALIFY_ONLY_SHA256" \
  -Ddeal-advisor.auth.api-keys.e2e-qualify-only.roles=qualify \
  -Ddeal-advisor.auth.api-keys.e2e-analyst.sha256="$ANALYST_SHA256" \
  -Ddeal-advisor.auth.api-keys.e2e-analyst.roles=analyst \
  -Dquarkus.http.port="$PORT" -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$MANAGEMENT_PORT" \
  -jar "$ROOT/$JAR") > "$OUT/service.log" 2>&1 &
SERVICE=$!
stop_service() {
  kill "$SERVICE" 2>/dev/null || true
  wait "$SERVICE" 2>/dev/null || true # stopped on purpose: its exit status (143) is no failure of the tests
  rm -rf "$WORK"
}
trap stop_service EXIT

BASE_URL="http://127.0.0.1:$PORT/"
STARTUP_SECONDS=120
for second in $(seq "$STARTUP_SECONDS"); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" 2>/dev/null; then
    break
  fi
  if ! kill -0 "$SERVICE" 2>/dev/null || [ "$second" = "$STARTUP_SECONDS" ]; then
    echo "The service did not become ready; the end of $OUT/service.log:"
    tail -n 40 "$OUT/service.log"
    exit 1
  fi
  sleep 1
done

# DOCS_IMAGES=docs/images bash src/test/e2e/run.sh also writes the screenshots that docs/rules.md shows.
DOCS_IMAGES_DIR=""
if [ -n "${DOCS_IMAGES:-}" ]; then
  DOCS_IMAGES_DIR=$(realpath -m "$DOCS_IMAGES")
fi
BASE_URL="$BASE_URL" RULES_DIR="$WORK/rules" CANDIDATE_DIR="$CANDIDATE" SCREENSHOT_DIR="$OUT" QUALIFY_ONLY_KEY="$QUALIFY_ONLY_KEY" \
  ANALYST_KEY="$ANALYST_KEY" DOCS_IMAGES="$DOCS_IMAGES_DIR" \
  node --test --test-reporter=spec "$E2E/analyst-page.test.mjs"
