#!/usr/bin/env bash
# Where the CPU of one HTTP request goes: the packaged jar under JFR while wrk sends the benchmark's deals to
# PATH, then the CPU time per request (from /proc), in all and by thread, and the methods the samples fall in,
# in us per request.
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
# Flight recording from the start: switching it on later makes the JIT throw away and redo compiled code, and
# the measured window would time that. The window itself is a second recording, started after the warm-up.
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -XX:StartFlightRecording=settings=profile,disk=true,maxsize=64m"
start_server
wait_until_answering "$DATA/one-deal.json"
wrk -t2 -c32 -d"${WARMUP_SECONDS:-90}"s -s bench/http/deals.lua "$BENCH_URL$ENDPOINT" >/dev/null # the JIT is busy for a minute
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"; }
# CPU ticks by thread name with its number dropped: executor-thread, vert.x-eventloo, C2 CompilerThre, ...
thread_ticks() {
  for task in /proc/"$SERVER_PID"/task/*; do
    echo "$(tr -d '0-9#' <"$task/comm" | tr ' ' '_') $(awk '{ print $14 + $15 }' "$task/stat")"
  done | awk '{ ticks[$1] += $2 } END { for (name in ticks) print name, ticks[name] }' | sort
}
# Recorded only while measured: not the start or the warm-up.
jcmd "$SERVER_PID" JFR.start name=profile settings=profile >/dev/null
before=$(cpu_ticks)
thread_ticks >"$OUT/threads-before.txt"
line=$(wrk -t2 -c32 -d"${DURATION}"s -s bench/http/deals.lua "$BENCH_URL$ENDPOINT" | tail -n 1)
after=$(cpu_ticks)
thread_ticks >"$OUT/threads-after.txt"
jcmd "$SERVER_PID" JFR.stop name=profile filename="$RECORDING" >/dev/null
stop_server
requests=$(grep -o '"requests":[0-9]*' <<<"$line" | cut -d: -f2)
micros=$(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests ))
echo "$ENDPOINT: $line" >&2
echo "CPU per request by thread (us):"
join "$OUT/threads-before.txt" "$OUT/threads-after.txt" | awk -v requests="$requests" -v tick="$(getconf CLK_TCK)" \
  '$3 > $2 { printf "%7.1f  %s\n", ($3 - $2) * 1000000 / tick / requests, $1 }' | sort -rn | head -n 8
java bench/profile/HotMethods.java "$RECORDING" "$micros" "${ROWS:-40}"
