#!/usr/bin/env bash
# The DictaMesh benchmarks, with nothing but a JDK: builds the starter, starts a standalone
# KRaft broker (the Maven Central jars, a JVM of its own) and measures the starter beside
# the raw Kafka clients in the same run. Prints one table, also written under
# benchmarks/target/results as Markdown, AsciiDoc and JSON.
#
#   ./benchmarks.sh           # the full run
#   ./benchmarks.sh --smoke   # seconds; proves the harness only
#   ./benchmarks.sh --docs    # the full run, its table copied into src-docs
set -euo pipefail
cd "$(dirname "$0")"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
echo "==> Building the benchmarks (the first run downloads Maven and the dependencies)"
./mvnw -q -B package -DskipTests -pl benchmarks -am
exec "$java" -Xmx2g -Dbenchmarks.root="$PWD" \
  -cp "$(cat benchmarks/target/benchmarks-classpath.txt):benchmarks/target/classes" \
  com.dictamesh.benchmarks.Benchmarks "$@"
