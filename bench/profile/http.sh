#!/usr/bin/env bash
# Where the CPU of one HTTP request goes: the packaged jar under JFR while wrk sends the benchmark's deals to
# PATH, then the CPU time per request (from /proc) and the methods the samples fall in, in us per request.
# Run after bench/run (it needs the packaged jar and target/bench-results/data).
# Usage: bench/profile/http.sh PATH [SECONDS]   e.g. bench/profile/http.sh /v1/qualifications 20
set -euo pipefail
cd "$(dirname "$0")/../.."
ENDPOINT=$1
DURATION=${2:-20}
DATA=$(pwd)/target/bench-results/data
OUT=$(pwd)/target/bench-results/profile
mkdir -p "$OUT"
RECORDING="$OUT/$(echo "$ENDPOINT" | tr '/' '_').jfr"
source bench/http/server.sh
export DEALS_FILE="$DATA/http-deals.ndjson"
head -n 1 "$DEALS_FILE" >"$DATA/one-deal.json"

SERVER_LOG="$OUT/server.log"
start_server
wait_until_answering "$DATA/one-deal.json"
wrk -t2 -c32 -d"${WARMUP_SECONDS:-90}"s -s bench/http/deals.lua "$BENCH_URL$ENDPOINT" >/dev/null # the JIT is busy for a minute
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"; }
# Recorded only while measured: not the start or the warm-up.
jcmd "$SERVER_PID" JFR.start name=profile settings=profile >/dev/null
before=$(cpu_ticks)
line=$(wrk -t2 -c32 -d"${DURATION}"s -s bench/http/deals.lua "$BENCH_URL$ENDPOINT" | tail -n 1)
after=$(cpu_ticks)
jcmd "$SERVER_PID" JFR.stop name=profile filename="$RECORDING" >/dev/null
stop_server
requests=$(grep -o '"requests":[0-9]*' <<<"$line" | cut -d: -f2)
micros=$(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests ))
echo "$ENDPOINT: $line" >&2
java bench/profile/HotMethods.java "$RECORDING" "$micros" "${ROWS:-40}"
