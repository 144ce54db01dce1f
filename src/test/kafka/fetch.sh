#!/usr/bin/env bash
# Puts the Kafka broker's jars in target/kafka-broker/lib (src/test/kafka/pom.xml), once: the main build runs this in
# generate-test-resources, and io.dealadvisor.testing.KafkaBroker when the folder is missing.
set -euo pipefail
cd "$(dirname "$0")/../../.."
lib=target/kafka-broker/lib
if [ -f "$lib/.complete" ]; then
  exit 0
fi
./mvnw -B -q -f src/test/kafka/pom.xml dependency:copy-dependencies -Dbroker.lib="$PWD/$lib"
touch "$lib/.complete"
