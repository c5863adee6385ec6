#!/usr/bin/env bash
# Browser checks per minute per probe, with the memory and CPU they take, and the probe's HTTP check rate beside them.
#
#   bench/probe-browser/run.sh [pool=1] [seconds=120]        (HTTP_RATE=100 checks/s, HTTP_SECONDS=60)
#
# One JVM, as one probe:
# 1. HTTP checks of a loopback nginx page at a fixed rate (HttpLoad, open loop: started on their ticks, latency
#    counted from the tick) for HTTP_SECONDS alone, after a 5 s warm-up.
# 2. BrowserCheckBench: a sign-in journey (6 steps) against a loopback app, as a BROWSER check, back to back with
#    `pool` browsers at once (the probe's vigil.probe.browser.max-concurrent) for `seconds`. RSS is of the JVM plus
#    chromedriver and every Chromium process under it, sampled every 200 ms; CPU seconds of the same tree over the run
#    (the HTTP checks of step 3 included: a few percent of it).
# 3. From 5 s into step 2, the same HTTP load again for HTTP_SECONDS, beside the browsers: the same offered rate, so a
#    probe slowed by its browsers shows a lower achieved rate or a higher latency.
# bench/probe-http/run.sh measures the HTTP engine flat out instead (and blackbox_exporter beside it).
set -euo pipefail
cd "$(dirname "$0")/../.."
POOL=${1:-1}
SECONDS_MEASURED=${2:-120}
HTTP_RATE=${HTTP_RATE:-100}
HTTP_SECONDS=${HTTP_SECONDS:-60}
NGINX_PORT=${NGINX_PORT:-18090}
. bin/lib/jdk.sh
command -v chromium >/dev/null && command -v chromedriver >/dev/null || {
  echo "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"; exit 1; }
command -v nginx >/dev/null || { echo "needs nginx for the HTTP target (apt-get install nginx-light)"; exit 1; }
work=$(mktemp -d)
cleanup() {
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The HTTP checks' target: nginx on loopback serving a small page (as in bench/probe-http).
. bench/lib/nginx.sh
start_page_nginx "$work" "$NGINX_PORT"

echo "== building"
./mvnw -q -B -pl probe-worker -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/cp.txt" >/dev/null
CP="probe-worker/target/test-classes:probe-worker/target/classes:$(cat "$work/cp.txt")"
echo "== browser checks: pool $POOL, ${SECONDS_MEASURED}s ($(chromium --version 2>/dev/null | head -n1));" \
  "HTTP checks at ${HTTP_RATE}/s for ${HTTP_SECONDS}s alone, then beside the browsers"
"$JAVA_HOME/bin/java" -Xmx128m -XX:+UseSerialGC -cp "$CP" dev.vigil.probe.check.browser.BrowserCheckBench \
  "$POOL" "$SECONDS_MEASURED" "http://127.0.0.1:$NGINX_PORT/" "$HTTP_RATE" "$HTTP_SECONDS" \
  2> >(grep -E '^first failure' >&2)
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
