#!/usr/bin/env bash
# The DictaMesh reliability scenarios, with nothing but a JDK: builds the starter, then for
# each scenario starts a standalone KRaft broker (the Maven Central jars, a JVM of its own)
# or a 3-broker KRaft cluster (a JVM per broker), an embedded PostgreSQL and a service using
# the starter (a JVM of its own, two for one cluster scenario), injects a fault (SIGKILL of
# the service, the broker or the partition leader, the database stopped) and counts what was
# sent, received, duplicated and lost. Prints one table, also written under
# reliability/target/results as Markdown, AsciiDoc and JSON.
#
#   ./reliability.sh                  # the long run (100,000 events a scenario)
#   ./reliability.sh --fast           # the scale of the test suite (2,000 events a scenario)
#   ./reliability.sh --docs           # the long run, its tables copied into src-docs
#   ./reliability.sh --only=cluster   # only the two cluster scenarios (6 to 11 minutes);
#                                     # --only also takes class names, comma-separated:
#                                     # ServiceKilledDuringRelay, BrokerKilledUnderLoad,
#                                     # DatabaseRestartedUnderLoad, MalformedRecordsScenario,
#                                     # SlowHandlerScenario, ClusterLeaderKilled,
#                                     # ClusterInstanceKilled
#
# --docs copies a table into src-docs only when all of its scenarios ran: the single-broker
# table (the first five) or the cluster table (the last two), so --docs --only=cluster
# updates the cluster table alone.
set -euo pipefail
cd "$(dirname "$0")"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
echo "==> Building the reliability scenarios (the first run downloads Maven and the dependencies)"
./mvnw -q -B package -DskipTests -pl reliability -am
exec "$java" -Xmx1g -Dreliability.root="$PWD" \
  -cp "$(cat reliability/target/reliability-classpath.txt):reliability/target/classes" \
  com.dictamesh.reliability.Reliability "$@"
