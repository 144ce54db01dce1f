#!/usr/bin/env bash
# Unit tests of the analyst page's pure modules (formatting of rates and intervals, verdict wording, days,
# deal diffs, the transition matrix, the form read from the contract) with Node's own test runner: no browser,
# no service, no npm package. `./mvnw verify` runs them in its test phase, also with -De2e.skip=true (skip them
# with -Dpage.unit.skip=true or -DskipTests); alone: bash src/test/js/run.sh
set -euo pipefail
cd "$(dirname "$0")"
exec node --test --test-reporter=spec ./*.test.mjs
