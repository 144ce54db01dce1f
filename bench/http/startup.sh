#!/usr/bin/env bash
# Start to first answer: from exec of `java -jar` to the first 200 from POST /v1/qualifications, median of
# ROUNDS starts (polled every 10 ms, so a figure may be up to that late). Writes key=value lines to RESULT_FILE.
# Usage: bench/http/startup.sh DATA_FOLDER RESULT_FILE [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=$(realpath "$1")
RESULT=$2
ROUNDS=${3:-3}
source bench/http/server.sh
head -n 1 "$DATA/http-deals.ndjson" >"$DATA/one-deal.json"
SERVER_LOG="$DATA/server-startup.log"

: >"$DATA/startup-rounds.txt"
for round in $(seq "$ROUNDS"); do
  started=$(date +%s%N)
  start_server
  wait_until_answering "$DATA/one-deal.json"
  echo "$(( ($(date +%s%N) - started) / 1000000 ))" | tee -a "$DATA/startup-rounds.txt" >&2
  stop_server
done
echo "startup.firstAnswerMs=$(median <"$DATA/startup-rounds.txt")" >"$RESULT"
cat "$RESULT" >&2
