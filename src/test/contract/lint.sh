#!/usr/bin/env bash
# The written contract, linted: Redocly's recommended rules and Spectral's spectral:oas, both at 0 errors and
# 0 warnings. `./mvnw verify` runs it (skip with -Dcontract-lint.skip=true); alone: bash src/test/contract/lint.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
LINT=src/test/contract
(cd "$LINT" && npm ci --no-audit --no-fund --loglevel=error)
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
mkdir -p target/contract-lint
"$LINT/node_modules/.bin/redocly" lint openapi.yaml --config "$LINT/redocly.yaml" --format=json \
  >target/contract-lint/redocly.json 2>target/contract-lint/redocly.log || true
node -e '
  const report = require(process.argv[1]);
  const { errors, warnings } = report.totals;
  for (const problem of report.problems) {
    console.log(`redocly ${problem.severity} ${problem.ruleId}: ${problem.message} (${problem.location.map(l => l.pointer).join(", ")})`);
  }
  console.log(`redocly (recommended): ${errors} error(s), ${warnings} warning(s)`);
  process.exit(errors + warnings === 0 ? 0 : 1);
' "$PWD/target/contract-lint/redocly.json"
"$LINT/node_modules/.bin/spectral" lint openapi.yaml --ruleset "$LINT/.spectral.yaml" --fail-severity=warn
echo "spectral (spectral:oas): 0 errors, 0 warnings"
