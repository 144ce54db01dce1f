#!/usr/bin/env bash
# Load test of POST /v1/qualifications on 127.0.0.1: starts the packaged service with -Xmx128m, runs wrk with
# bench/load.lua (good deals of every advice and a fifth of bad ones), prints req/s, p50 and p99 latency, the
# answers by status class and the service's RSS, then stops the service.
# Exits non-zero on any 5xx or socket error, or when the share of 4xx answers is not the share of bad deals sent
# (good deals refused, or the key not accepted).
#
#   bench/load.sh                  # 60 s, 64 connections, 2 threads
#   DURATION=10s bench/load.sh     # a quick try; CONNECTIONS and THREADS can be set the same way
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-60s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
JAR=target/quarkus-app/quarkus-run.jar

if [[ ! -f $JAR || -n $(find pom.xml src -newer "$JAR" -print -quit) ]]; then
  echo "building $JAR"
  ./mvnw -B -q package -DskipTests
fi
if ! command -v wrk > /dev/null; then
  apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }
fi

# A key for this run only; the service is given its SHA-256, as operators configure keys.
key=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
key_sha256=$(printf '%s' "$key" | sha256sum | cut -d' ' -f1)
log=$(mktemp --suffix=.log)

# Port 0: the service takes free ports (the API's and the management interface's, where health is) and names
# them in its start-up line.
java -Xmx128m -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=0 \
  -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port=0 \
  -Ddeal-advisor.auth.api-keys.load.sha256="$key_sha256" -Ddeal-advisor.auth.api-keys.load.roles=qualify \
  -Ddeal-advisor.decision-log.enabled=false \
  -jar "$JAR" > "$log" 2>&1 &
service=$!
trap 'kill "$service" 2> /dev/null || true; wait "$service" 2> /dev/null || true' EXIT

port=
management=
for _ in $(seq 120); do
  if ! kill -0 "$service" 2> /dev/null; then
    echo "the service did not start:" >&2
    cat "$log" >&2
    exit 1
  fi
  port=${port:-$(grep -o 'Listening on: http://127\.0\.0\.1:[0-9]*' "$log" | grep -o '[0-9]*$' || true)}
  management=${management:-$(grep -o 'Management interface listening on http://127\.0\.0\.1:[0-9]*' "$log" \
    | grep -o '[0-9]*$' || true)}
  if [[ -n $management ]] && curl -sf "http://127.0.0.1:$management/q/health/ready" > /dev/null; then
    break
  fi
  sleep 1
done
if [[ -z $management ]] || ! curl -sf "http://127.0.0.1:$management/q/health/ready" > /dev/null; then
  echo "the service was not ready after 120 s; its log: $log" >&2
  exit 1
fi
echo "service pid $service on 127.0.0.1:$port; wrk for $DURATION, $CONNECTIONS connections, $THREADS threads"

# The timeout is wider than wrk's 2 s so that a slow answer on a busy machine is measured, not dropped.
results=$(wrk --threads "$THREADS" --connections "$CONNECTIONS" --duration "$DURATION" --timeout 10s \
  --script bench/load.lua --header "X-API-Key: $key" "http://127.0.0.1:$port/v1/qualifications")
echo "$results"
rss_kb=$(awk '/^VmRSS/ { print $2 }' "/proc/$service/status")
peak_kb=$(awk '/^VmHWM/ { print $2 }' "/proc/$service/status")
echo "service RSS    $((rss_kb / 1024)) MiB after the run (peak $((peak_kb / 1024)) MiB)"

count() { echo "$results" | grep -o "$1=[0-9.]*" | head -1 | cut -d= -f2; }
server_errors=$(count 5xx)
socket_errors=$(echo "$results" | awk '/^socket errors/ { print $3 }')
bad_sent=$(echo "$results" | awk '/^bad deals/ { sub("%", "", $3); print $3 }')
refused=$(echo "$results" | awk '/^bad deals/ { sub("4xx=", "", $5); sub("%", "", $5); print $5 }')
failed=0
if (( server_errors > 0 || socket_errors > 0 )); then
  echo "FAILED: $server_errors answers 5xx, $socket_errors socket errors; the service log: $log" >&2
  failed=1
fi
if ! awk -v sent="$bad_sent" -v refused="$refused" 'BEGIN { exit (refused - sent > 2 || sent - refused > 2) }'; then
  echo "FAILED: $refused% of answers were 4xx for $bad_sent% bad deals sent" >&2
  failed=1
fi
(( failed == 0 )) && rm -f "$log"
exit "$failed"
