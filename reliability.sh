#!/usr/bin/env bash
# The DictaMesh reliability scenarios, with nothing but a JDK: builds the starter, then for
# each scenario starts a standalone KRaft broker (the Maven Central jars, a JVM of its own),
# an embedded PostgreSQL and a service using the starter (a JVM of its own), injects a
# fault (SIGKILL of the service or the broker, the database stopped) and counts what was
# sent, received, duplicated and lost. Prints one table, also written under
# reliability/target/results as Markdown, AsciiDoc and JSON.
#
#   ./reliability.sh           # the long run (100,000 events a scenario)
#   ./reliability.sh --fast    # the scale of the test suite (2,000 events a scenario)
#   ./reliability.sh --docs    # the long run, its table copied into src-docs
set -euo pipefail
cd "$(dirname "$0")"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
echo "==> Building the reliability scenarios (the first run downloads Maven and the dependencies)"
./mvnw -q -B package -DskipTests -pl reliability -am
exec "$java" -Xmx1g -Dreliability.root="$PWD" \
  -cp "$(cat reliability/target/reliability-classpath.txt):reliability/target/classes" \
  com.dictamesh.reliability.Reliability "$@"
