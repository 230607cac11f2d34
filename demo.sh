#!/usr/bin/env bash
# The DictaMesh demo, with nothing but a JDK: builds the samples, then starts a Kafka
# broker (KRaft, from the Maven Central jars), the products adapter and the search
# indexer, loads a generated catalogue and prints where to look. Ctrl-C stops it all.
#
#   ./demo.sh                    # 2000 products
#   ./demo.sh --catalogue=10000
set -euo pipefail
cd "$(dirname "$0")"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
echo "==> Building the samples (the first run downloads Maven and the dependencies)"
./mvnw -q -B package -DskipTests -pl demo -am
exec "$java" -Dorg.slf4j.simpleLogger.defaultLogLevel=error -Ddemo.root="$PWD" \
  -cp "$(cat demo/target/demo-classpath.txt):demo/target/classes" com.dictamesh.demo.Demo "$@"
