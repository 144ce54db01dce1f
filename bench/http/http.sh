#!/usr/bin/env bash
# HTTP benchmark of the packaged jar: wrk, 32 connections, realistic deals in rotation, alternately against
# POST /v1/qualifications and POST /bench/constant (the ceiling: same reading, no rules), a few rounds (the ratio is the median of each round's ratio); then
# batches of 1,000 deals. Run from anywhere after bench/run has packaged the jar and exported the deals.
# Usage: bench/http/http.sh DATA_FOLDER RESULT_FILE [ROUNDS] [SECONDS]   Writes key=value lines to RESULT_FILE.
# WARMUP_SECONDS (default 180) is the warm-up before the rounds, shared by the two endpoints.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=$(realpath "$1")
RESULT=$2
ROUNDS=${3:-5}
DURATION=${4:-8}
WARMUP_SECONDS=${WARMUP_SECONDS:-180}
source bench/http/server.sh

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
export DEALS_FILE="$DATA/http-deals.ndjson"
head -n 1 "$DEALS_FILE" >"$DATA/one-deal.json"

SERVER_LOG="$DATA/server-http.log"
start_server
wait_until_answering "$DATA/one-deal.json"

run_wrk() { # path seconds -> one JSON line; fails on any error response
  local line
  line=$(wrk -t2 -c32 -d"$2"s --timeout 5s -s bench/http/deals.lua "$BENCH_URL$1" | tail -n 1)
  if ! grep -q '"non2xx":0,"socketErrors":0' <<<"$line"; then
    echo "wrk against $1 got errors: $line" >&2
    exit 1
  fi
  echo "$line"
}
field() { grep -o "\"$1\":[0-9.]*" | cut -d: -f2; }

# On 2 shared cores the JIT keeps compiling for minutes under load: /bench/constant rose from 0.4K to a 7K req/s
# plateau over its first 60 s, and qualifications still spent a sixth of their CPU in C2 after 150 s. Measuring
# earlier times the compiler, not the service.
echo "HTTP: warming up both endpoints for ${WARMUP_SECONDS}s" >&2
for warmup in $(seq $((WARMUP_SECONDS / 20))); do
  run_wrk /v1/qualifications 10 >/dev/null
  run_wrk /bench/constant 10 >/dev/null
done
: >"$DATA/wrk-rounds.txt"
for round in $(seq "$ROUNDS"); do
  for path in /v1/qualifications /bench/constant; do
    echo "$round $path $(run_wrk "$path" "$DURATION")" | tee -a "$DATA/wrk-rounds.txt" >&2
  done
done
RSS_KB=$(awk '/^VmRSS/ { print $2 }' "/proc/$SERVER_PID/status")
HWM_KB=$(awk '/^VmHWM/ { print $2 }' "/proc/$SERVER_PID/status")

# The batch path has code of its own (the workers, the batch document) that the JIT has not compiled yet: a
# profile after 40 batches still spent two thirds of the CPU in C2. So it gets a warm-up of its own.
BATCH_WARMUP_SECONDS=${BATCH_WARMUP_SECONDS:-$((WARMUP_SECONDS / 4))}
echo "batch: 1,000 deals a request, after ${BATCH_WARMUP_SECONDS}s of warm-up" >&2
warmup_ends=$((SECONDS + BATCH_WARMUP_SECONDS))
while [ $SECONDS -lt $warmup_ends ]; do
  [ "$(post_status /v1/qualifications/batch "$DATA/batch.json")" = 200 ] || { echo "batch failed" >&2; exit 1; }
done
: >"$DATA/batch-rounds.txt"
for round in 1 2 3 4 5; do
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H 'Content-Type: application/json' \
    -H "X-API-Key: $BENCH_API_KEY" --data-binary "@$DATA/batch.json" "$BENCH_URL/v1/qualifications/batch" \
    | tee -a "$DATA/batch-rounds.txt" >&2
done
grep -qv '^200 ' "$DATA/batch-rounds.txt" && { echo "a batch did not answer 200" >&2; exit 1; }
# A record dropped because the buffer was full would flatter the figures with recording on, so it is shown.
DROPPED=$(curl -s "$BENCH_MANAGEMENT_URL/q/health/well" | grep -o '"dropped":[0-9]*' | cut -d: -f2 || true)
stop_server

of() { grep " $1 " "$DATA/wrk-rounds.txt" | field "$2" | median; }
{
  echo "http.rounds=$ROUNDS"
  echo "http.seconds=$DURATION"
  echo "http.qualify.rps=$(of /v1/qualifications requestsPerSecond)"
  echo "http.qualify.p50us=$(of /v1/qualifications p50Micros)"
  echo "http.qualify.p99us=$(of /v1/qualifications p99Micros)"
  echo "http.constant.rps=$(of /bench/constant requestsPerSecond)"
  echo "http.constant.p50us=$(of /bench/constant p50Micros)"
  echo "http.constant.p99us=$(of /bench/constant p99Micros)"
  # Each round's two runs are back to back, so their ratio is the least disturbed by other load on the machine.
  echo "http.ratio=$(paste <(grep ' /v1/qualifications ' "$DATA/wrk-rounds.txt" | field requestsPerSecond) \
    <(grep ' /bench/constant ' "$DATA/wrk-rounds.txt" | field requestsPerSecond) | awk '{ print $1 / $2 }' | median)"
  echo "http.rssKb=$RSS_KB"
  echo "http.peakRssKb=$HWM_KB"
  echo "batch.dealsPerSecond=$(awk '{ print 1000 / $2 }' "$DATA/batch-rounds.txt" | median)"
  echo "records.dropped=${DROPPED:-0}"
} >"$RESULT"
cat "$RESULT" >&2
