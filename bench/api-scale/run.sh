#!/usr/bin/env bash
# The API and dashboard at size (issue 21): the local stack (bin/vigil-local's jar, one JVM with embedded ElasticMQ)
# on a fresh database of the test PostgreSQL server, one workspace of 100,000 monitors and ten of 10,000, the pipeline
# running (10,000 of the large workspace's monitors checked every 60 s in the three local regions against a nginx page
# on loopback, the rest daily). Then the list pages, search, filters and a monitor's page, API and dashboard, each read
# by 4 clients at once for 20 s: p50/p99/max against the goals (lists < 200 ms, a monitor's page < 300 ms at p99).
#
#   bench/api-scale/run.sh [large=100000] [workspaces=10] [small=10000]
#
# Environment: CHECKED (monitors checked every 60 s, default 10000), WARMUP (s, default 90), SECONDS_PER_PAGE (20),
# CLIENTS (4), USE_WARMUP (s every page is read in turn before the first is measured, default 120; the dashboard list's first
# use after the start is printed before it, held to no goal; 0 reads none), PAGE_WARMUP (s each page is read before it is measured, default 5), SLOWEST (print when the N slowest requests of each page started, for a profile's timeline), PAGES (a regex: only the pages whose names match), HOLD (s the stack stays up after the pages, reachable as written to hold.env), BENCH_STACK_OPTS (default "-Xmx2g -Xmn640m -XX:+UseSerialGC -XX:SweeperThreshold=50"), SKIP_BUILD=1, VIGIL_TEST_DB_URL, NGINX_PORT.
# The database is dropped at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
LARGE=${1:-100000}
WORKSPACES=${2:-10}
SMALL=${3:-10000}
NGINX_PORT=${NGINX_PORT:-18091}

. bin/lib/jdk.sh
export VIGIL_TEST_DB_URL=${VIGIL_TEST_DB_URL:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}

work=$(mktemp -d)
cleanup() {
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  if [ -n "${KEEP_WORK:-}" ]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# The target the checked monitors watch: a 600-byte page from nginx on loopback (every path, /healthy too).
. bench/lib/nginx.sh
start_page_nginx "$work" "$NGINX_PORT"

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "== building"
  ./mvnw -q -B -DskipTests package dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt -pl local-stack -am >/dev/null
fi

echo "== API and dashboard at size: $LARGE monitors + $WORKSPACES x $SMALL (load average $(cut -d' ' -f1-3 /proc/loadavg))"
CP="local-stack/target/test-classes:local-stack/target/classes:$(cat local-stack/target/bench-classpath.txt)"
"$JAVA_HOME/bin/java" -Xmx512m -cp "$CP" \
  -Dbench.large="$LARGE" -Dbench.workspaces="$WORKSPACES" -Dbench.small="$SMALL" \
  -Dbench.checked="${CHECKED:-10000}" -Dbench.warmup="${WARMUP:-90}" -Dbench.seconds="${SECONDS_PER_PAGE:-20}" \
  -Dbench.clients="${CLIENTS:-4}" -Dbench.slowest="${SLOWEST:-0}" -Dbench.hold="${HOLD:-0}" -Dbench.pageWarmup="${PAGE_WARMUP:-5}" -Dbench.useWarmup="${USE_WARMUP:-120}" -Dbench.pages="${PAGES:-}" -Dbench.target="http://127.0.0.1:$NGINX_PORT" -Dbench.work="$work" \
  -Dbench.jar=local-stack/target/vigil-local-exec.jar \
  -Dbench.stackOpts="${BENCH_STACK_OPTS:--Xmx2g -Xmn640m -XX:+UseSerialGC -XX:SweeperThreshold=50}" \
  dev.vigil.local.bench.ApiScaleBench
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
