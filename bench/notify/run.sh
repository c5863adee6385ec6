#!/usr/bin/env bash
# Notification delivery benchmark (issues 7, 21). On a fresh database (VIGIL_TEST_DB_URL, else 127.0.0.1:5432 as
# postgres): signed webhook POSTs straight to a loopback receiver (baseline), then the same number of incidents
# delivered through the outbox dispatcher, by one instance at three batch shapes and by two sharing the database.
# Prints deliveries/s for each, the figure measured before batching, and the machine's load. Dropped at the end.
#   bench/notify/run.sh [events=2000]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bin/lib/jdk.sh
cp_file=$(mktemp)
./mvnw -B -q -pl alerting-service -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
classes="alerting-service/target/test-classes:alerting-service/target/classes"
exec "$JAVA_HOME/bin/java" -cp "$classes:$(cat "$cp_file")" \
  dev.vigil.alerting.notify.NotifyBenchmark "${1:-2000}"
