# Sourced by bench/run for the events benchmark: a single-node Apache Kafka broker (KRaft, broker and controller in
# one process, the settings of the tests' io.dealadvisor.testing.KafkaBroker) from the jars the tests use
# (src/test/kafka/fetch.sh, once, into target/kafka-broker/lib), in a temporary folder, on 127.0.0.1. Ports
# BENCH_KAFKA_PORT (default 19092) and BENCH_KAFKA_CONTROLLER_PORT (19093). bench/http/KafkaTopic.java tells when it
# answers, makes the events' topics and counts what they hold.
BENCH_KAFKA_PORT=${BENCH_KAFKA_PORT:-19092}
BENCH_KAFKA_CONTROLLER_PORT=${BENCH_KAFKA_CONTROLLER_PORT:-19093}
BENCH_KAFKA="127.0.0.1:$BENCH_KAFKA_PORT"
KAFKA_LIB=$(pwd)/target/kafka-broker/lib
KAFKA_PID=
KAFKA_FOLDER=

# Starts the broker and returns once it answers and the topics named (the events' topics) exist.
start_kafka() {
  if (exec 3<>"/dev/tcp/127.0.0.1/$BENCH_KAFKA_PORT") 2>/dev/null; then
    echo "port $BENCH_KAFKA_PORT is already in use; set BENCH_KAFKA_PORT" >&2
    exit 1
  fi
  bash src/test/kafka/fetch.sh
  KAFKA_FOLDER=$(mktemp -d)
  cat >"$KAFKA_FOLDER/server.properties" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$BENCH_KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$BENCH_KAFKA,CONTROLLER://127.0.0.1:$BENCH_KAFKA_CONTROLLER_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA_FOLDER/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
group.initial.rebalance.delay.ms=0
PROPERTIES
  # Without a log4j2 configuration the broker prints nothing; its log goes to the folder.
  printf '%s\n' 'appender.file.type = File' 'appender.file.name = file' \
    "appender.file.fileName = $KAFKA_FOLDER/broker.log" 'appender.file.layout.type = PatternLayout' \
    'appender.file.layout.pattern = [%d] %p %m (%c)%n' 'rootLogger.level = INFO' 'rootLogger.appenderRef.file.ref = file' \
    >"$KAFKA_FOLDER/log4j2.properties"
  local java=(java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1
    "-Dlog4j2.configurationFile=$KAFKA_FOLDER/log4j2.properties" -cp "$KAFKA_LIB/*")
  "${java[@]}" kafka.tools.StorageTool format -t "$("${java[@]}" kafka.tools.StorageTool random-uuid)" \
    -c "$KAFKA_FOLDER/server.properties" --standalone >"$KAFKA_FOLDER/format.out" 2>&1 \
    || { cat "$KAFKA_FOLDER/format.out" >&2; exit 1; }
  "${java[@]}" kafka.Kafka "$KAFKA_FOLDER/server.properties" >"$KAFKA_FOLDER/broker.out" 2>&1 &
  KAFKA_PID=$!
  java -cp "$KAFKA_LIB/*" bench/http/KafkaTopic.java "$BENCH_KAFKA" ready "$@" \
    || { echo "the broker did not start; log: $KAFKA_FOLDER/broker.log" >&2; exit 1; }
}

# How many records topic $1 holds.
kafka_records() {
  java -cp "$KAFKA_LIB/*" bench/http/KafkaTopic.java "$BENCH_KAFKA" count "$1"
}

stop_kafka() {
  [ -z "$KAFKA_PID" ] || { kill "$KAFKA_PID" && wait "$KAFKA_PID"; } 2>/dev/null || true
  [ -z "$KAFKA_FOLDER" ] || rm -rf "$KAFKA_FOLDER"
  KAFKA_PID= KAFKA_FOLDER=
}
