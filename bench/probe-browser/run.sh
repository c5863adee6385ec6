#!/usr/bin/env bash
# Browser checks per minute per probe, with the memory and CPU they take, and the probe's HTTP check rate beside it.
#
#   bench/probe-browser/run.sh [pool=1] [seconds=120]        (HTTP_CONCURRENCY=16, HTTP_SECONDS=20)
#
# 1. BrowserCheckBench: a sign-in journey (6 steps) against a loopback app, as a BROWSER check, back to back with
#    `pool` browsers at once (the probe's vigil.probe.browser.max-concurrent). RSS is of the JVM plus chromedriver and
#    every Chromium process under it, sampled every 200 ms; CPU seconds of the same tree over the run.
# 2. bench/probe-http/run.sh: the HTTP check engine's rate on the same machine, for comparison.
set -euo pipefail
cd "$(dirname "$0")/../.."
POOL=${1:-1}
SECONDS_MEASURED=${2:-120}
. bin/lib/jdk.sh
command -v chromium >/dev/null && command -v chromedriver >/dev/null || {
  echo "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== building"
./mvnw -q -B -pl probe-worker -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/cp.txt" >/dev/null
CP="probe-worker/target/test-classes:probe-worker/target/classes:$(cat "$work/cp.txt")"
echo "== browser checks: pool $POOL, ${SECONDS_MEASURED}s ($(chromium --version 2>/dev/null | head -n1))"
"$JAVA_HOME/bin/java" -Xmx128m -XX:+UseSerialGC -cp "$CP" dev.vigil.probe.check.browser.BrowserCheckBench \
  "$POOL" "$SECONDS_MEASURED" 2> >(grep -E '^first failure' >&2)
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== HTTP checks on the same probe engine, for comparison"
bench/probe-http/run.sh "${HTTP_CONCURRENCY:-16}" "${HTTP_SECONDS:-20}" | grep -E '^(engine=vigil|== machine)'
