#!/usr/bin/env bash
# Scheduler throughput and timeliness: N one-minute monitors against the embedded ElasticMQ on this machine, the
# scheduler-service itself and the naive scan-every-tick baseline one after the other, each in its own JVM.
#
#   bench/scheduler/run.sh [monitors=100000] [warmup-seconds=20] [measured-seconds=60]
#   BENCH_JAVA_OPTS="-Xmx256m" bench/scheduler/run.sh          (options of the scheduler JVMs; default -Xmx512m)
#
# A fresh database is created on the server of VIGIL_TEST_DB_URL (else 127.0.0.1:5432 as postgres) and dropped at the
# end. Prints, for each scheduler: jobs/s (its meter and the queue depth), schedule lag p50/p99/max (SQS acceptance
# minus the round's instant, from the lag histogram), its CPU (/proc), heap, and ElasticMQ's CPU (the driver JVM).
# Then due-round extraction alone for 1M monitors (heap schedule vs scan), in the driver JVM.
set -euo pipefail
cd "$(dirname "$0")/../.."
MONITORS=${1:-100000}
WARMUP=${2:-20}
MEASURED=${3:-60}
. bin/lib/jdk.sh

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== building"
./mvnw -q -B -pl scheduler-service -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/cp.txt" >/dev/null
CP="scheduler-service/target/test-classes:scheduler-service/target/classes:$(cat "$work/cp.txt")"

# The driver holds ElasticMQ (and the messages of the measured window) in its heap.
"$JAVA_HOME/bin/java" -Xmx2g -cp "$CP" dev.vigil.scheduler.bench.SchedulerBench "$MONITORS" "$WARMUP" "$MEASURED" \
  "${BENCH_JAVA_OPTS:--Xmx512m}" 2> >(grep -v -E '^(WARNING|SLF4J)' >&2)
