#!/usr/bin/env bash
# Ingest and uptime-query benchmark (issue 6). Creates a fresh database on the PostgreSQL of VIGIL_TEST_DB_URL (else
# 127.0.0.1:5432 as postgres), measures sustained ingest of check results with the service's ResultWriter (COPY
# batches) against the single-row INSERT baseline in the same run, then generates MONITORS x DAYS of 1-minute results
# and times the 90-day uptime query. The database is dropped at the end.
#   bench/ingest/run.sh [seconds-per-ingest-run=15] [monitors=1000] [days=30]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bin/lib/jdk.sh
cp_file=$(mktemp)
./mvnw -B -q -pl alerting-service -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" -cp "alerting-service/target/test-classes:alerting-service/target/classes:$(cat "$cp_file")" \
  dev.vigil.alerting.bench.IngestBenchmark "${1:-15}" "${2:-1000}" "${3:-30}"
