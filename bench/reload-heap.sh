#!/usr/bin/env bash
# Does reloading the rules leak memory? Loads the shipped rules 500 times in a 256 MB heap, the way the
# service reloads them, and fails if the heap used after GC grows by more than half after warm-up.
# Takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -B compile
classpath_file=target/reload-heap.classpath
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$classpath_file"

java -Xmx256m -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -cp "$(cat "$classpath_file"):target/classes" bench/ReloadHeap.java rules 1.5
