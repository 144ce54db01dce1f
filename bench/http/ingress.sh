#!/usr/bin/env bash
# Deals in from Kafka: the packaged service with events on (to the broker bench/http/kafka.sh started, BENCH_KAFKA),
# started and answering, then DATA/http-deals.ndjson sent to deal-advisor.deals at once (3 partitions, one consumer);
# timed from the send until the broker holds a decision event for each deal. Records on (every deal read from Kafka
# waits for its record's commit before it is acknowledged). Writes key=value lines to RESULT_FILE.
# Usage: bench/http/ingress.sh DATA_FOLDER RESULT_FILE
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=$(realpath "$1")
RESULT=$2
source bench/http/server.sh
KAFKA_LIB=$(pwd)/target/kafka-broker/lib
topic() { java -cp "$KAFKA_LIB/*" bench/http/KafkaTopic.java "$BENCH_KAFKA" "$@"; }
DEALS=$(wc -l <"$DATA/http-deals.ndjson")

SERVER_LOG="$DATA/server-ingress.log"
BENCH_JAVA_OPTS="-Ddeal-advisor.events.kafka.bootstrap-servers=$BENCH_KAFKA ${BENCH_JAVA_OPTS:-}" start_server
# ready, without deciding a deal of its own (whose event would be counted)
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$BENCH_MANAGEMENT_URL/q/health/ready")" = 200 ]; do
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "the service did not start; log: $SERVER_LOG" >&2; exit 1; }
  sleep 0.1
done
target=$(($(topic count deal-advisor.decisions) + DEALS))
started=$(date +%s%N)
topic send deal-advisor.deals "$DATA/http-deals.ndjson"
deadline=$((SECONDS + 600))
until [ "$(topic count deal-advisor.decisions)" -ge "$target" ]; do
  [ $SECONDS -lt $deadline ] || { echo "the deals were not all decided within 600 s; log: $SERVER_LOG" >&2; exit 1; }
  sleep 0.2
done
elapsed_ms=$((($(date +%s%N) - started) / 1000000))
stop_server
echo "ingress.deals=$DEALS" >"$RESULT"
echo "ingress.seconds=$(awk -v ms="$elapsed_ms" 'BEGIN { printf "%.1f", ms / 1000 }')" >>"$RESULT"
echo "ingress.dealsPerSecond=$(awk -v n="$DEALS" -v ms="$elapsed_ms" 'BEGIN { printf "%.0f", n * 1000 / ms }')" >>"$RESULT"
cat "$RESULT" >&2
