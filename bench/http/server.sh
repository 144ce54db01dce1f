# Sourced by the HTTP benchmarks: starts and stops the packaged service from the top level (where rules/ is),
# with -Xmx128m, an API key for the role qualify given as system properties, /bench/constant on, decision log off,
# decision records in a fresh embedded store each start (a store left by earlier runs would grow run after run);
# BENCH_JAVA_OPTS adds system properties (e.g. -Ddeal-advisor.decisions.enabled=false for recording off).
BENCH_PORT=${BENCH_PORT:-18080}
BENCH_URL="http://127.0.0.1:$BENCH_PORT"
# Health and metrics: the management interface, a port of its own.
BENCH_MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-19000}
BENCH_MANAGEMENT_URL="http://127.0.0.1:$BENCH_MANAGEMENT_PORT"
BENCH_JAR=${BENCH_JAR:-target/quarkus-app/quarkus-run.jar}
BENCH_API_KEY=${BENCH_API_KEY:-bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')}
export BENCH_API_KEY
SERVER_PID=
BENCH_STORE=

start_server() {
  if curl -s -o /dev/null "$BENCH_URL/"; then
    echo "port $BENCH_PORT is already in use; set BENCH_PORT" >&2
    exit 1
  fi
  if curl -s -o /dev/null "$BENCH_MANAGEMENT_URL/q/health"; then
    echo "port $BENCH_MANAGEMENT_PORT is already in use; set BENCH_MANAGEMENT_PORT" >&2
    exit 1
  fi
  local key_sha256
  key_sha256=$(printf '%s' "$BENCH_API_KEY" | sha256sum | cut -d' ' -f1)
  BENCH_STORE=$(mktemp -d)
  java -Xmx128m -Ddeal-advisor.decisions.path="$BENCH_STORE/decisions" \
    -Dquarkus.http.port="$BENCH_PORT" -Dquarkus.http.host=127.0.0.1 \
    -Dquarkus.management.port="$BENCH_MANAGEMENT_PORT" -Dquarkus.management.host=127.0.0.1 \
    -Ddeal-advisor.auth.api-keys.bench.sha256="$key_sha256" -Ddeal-advisor.auth.api-keys.bench.roles=qualify \
    -Ddeal-advisor.bench.enabled=true -Ddeal-advisor.decision-log.enabled=false ${BENCH_JAVA_OPTS:-} \
    -jar "$BENCH_JAR" >"${SERVER_LOG:-/dev/null}" 2>&1 &
  SERVER_PID=$!
}

stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  fi
  if [ -n "$BENCH_STORE" ]; then
    rm -rf "$BENCH_STORE"
    BENCH_STORE=
  fi
}
trap stop_server EXIT

# POSTs a deal file; prints the HTTP status (000 while nothing listens).
post_status() {
  curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -H "X-API-Key: $BENCH_API_KEY" \
    --data-binary "@$2" "$BENCH_URL$1" || true
}

wait_until_answering() {
  local deadline=$((SECONDS + 60))
  # A TCP connect from bash until the port listens: a curl every 10 ms from the exec on would take up to half a
  # second of the two cores from the JVM whose start is being timed.
  until (exec 3<>"/dev/tcp/127.0.0.1/$BENCH_PORT") 2>/dev/null; do
    if [ $SECONDS -ge $deadline ] || ! kill -0 "$SERVER_PID" 2>/dev/null; then
      break
    fi
    sleep 0.01
  done
  until [ "$(post_status /v1/qualifications "$1")" = 200 ]; do
    if [ $SECONDS -ge $deadline ] || ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "the service did not answer 200 within 60 s; log: ${SERVER_LOG:-not kept}" >&2
      exit 1
    fi
    sleep 0.01
  done
}

median() {
  sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
