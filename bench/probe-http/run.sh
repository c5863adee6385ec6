#!/usr/bin/env bash
# HTTP checks per second and per CPU-second: Vigil's check engine against Prometheus blackbox_exporter, side by side in
# one run, both checking the same loopback nginx page at the same concurrency with a fresh connection per check.
#
#   bench/probe-http/run.sh [concurrency=16] [seconds=20]        (WARMUP=5 seconds by default)
#
# Vigil: a JVM running the check engine (HttpCheckBench) on virtual threads. blackbox_exporter: its /probe endpoint
# (module http_2xx), driven by wrk at the same concurrency. CPU seconds come from /proc/<pid>/stat of the engine's or
# the exporter's own process over the measured window (load generator and nginx not counted; the Java figure includes
# its in-process driver loop, GC and JIT threads). Memory: heap in use and RSS after the run.
set -euo pipefail
cd "$(dirname "$0")/../.."
CONCURRENCY=${1:-16}
SECONDS_MEASURED=${2:-20}
WARMUP=${WARMUP:-5}
NGINX_PORT=${NGINX_PORT:-18089}
BLACKBOX_PORT=${BLACKBOX_PORT:-19115}

need=()
command -v nginx >/dev/null || need+=(nginx-light)
command -v prometheus-blackbox-exporter >/dev/null || need+=(prometheus-blackbox-exporter)
command -v wrk >/dev/null || need+=(wrk)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get -o DPkg::Lock::Timeout=120 update -qq || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=120 install -y -qq "${need[@]}"
fi
. bin/lib/jdk.sh

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# 1. The target: nginx on loopback serving a small page.
. bench/lib/nginx.sh
start_page_nginx "$work" "$NGINX_PORT"
TARGET="http://127.0.0.1:$NGINX_PORT/"

ticks() { awk '{ s = $0; sub(/^.*\) /, "", s); split(s, f, " "); print f[12] + f[13] }' "/proc/$1/stat"; }
rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# 2. Vigil's check engine.
echo "== building the check engine"
./mvnw -q -B -pl probe-worker -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/cp.txt" >/dev/null
CP="probe-worker/target/test-classes:probe-worker/target/classes:$(cat "$work/cp.txt")"
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx64m -XX:+UseSerialGC}
echo "== vigil check engine: concurrency $CONCURRENCY, ${WARMUP}s warm-up, ${SECONDS_MEASURED}s measured (java $JAVA_OPTS)"
# shellcheck disable=SC2086
vigil=$("$JAVA_HOME/bin/java" $JAVA_OPTS -cp "$CP" dev.vigil.probe.check.http.HttpCheckBench "$TARGET" \
  "$CONCURRENCY" "$SECONDS_MEASURED" "$WARMUP" 2>/dev/null | grep -E '^(engine|first failure)')
echo "$vigil"

# 3. blackbox_exporter on the same target.
cat > "$work/blackbox.yml" <<CONF
modules:
  http_2xx:
    prober: http
    timeout: 5s
    http:
      preferred_ip_protocol: ip4
CONF
prometheus-blackbox-exporter --config.file="$work/blackbox.yml" --web.listen-address="127.0.0.1:$BLACKBOX_PORT" \
  --log.level=error >"$work/logs/blackbox.log" 2>&1 &
bb=$!
pids+=("$bb")
PROBE="http://127.0.0.1:$BLACKBOX_PORT/probe?target=$TARGET&module=http_2xx"
for _ in $(seq 1 50); do curl -fs "$PROBE" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "$PROBE" | grep -q '^probe_success 1' || { echo "blackbox_exporter cannot probe $TARGET"; exit 1; }
echo "== blackbox_exporter $(prometheus-blackbox-exporter --version 2>&1 | head -n1 | awk '{print $3}'): wrk -c$CONCURRENCY, ${WARMUP}s warm-up, ${SECONDS_MEASURED}s measured"
wrk -t2 -c"$CONCURRENCY" -d"${WARMUP}s" "$PROBE" >/dev/null
before=$(ticks "$bb")
out=$(wrk -t2 -c"$CONCURRENCY" -d"${SECONDS_MEASURED}s" "$PROBE")
after=$(ticks "$bb")
requests=$(echo "$out" | awk '/requests in/ { print $1 }')
errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ { print }')
failed=$(curl -fs "$PROBE" | awk '/^probe_success/ { print ($2 == 1) ? 0 : 1 }')
heap=$(curl -fs "http://127.0.0.1:$BLACKBOX_PORT/metrics" | awk '/^go_memstats_heap_inuse_bytes/ { printf "%.1f", $2 / 1048576 }')
awk -v n="$requests" -v s="$SECONDS_MEASURED" -v t=$((after - before)) -v c="$CONCURRENCY" -v h="$heap" \
    -v r="$(rss_mb "$bb")" -v f="$failed" 'BEGIN {
  cpu = t / 100.0
  printf "engine=blackbox_exporter concurrency=%d checks=%d last_probe_failed=%d seconds=%d checks_per_s=%.0f cpu_s=%.2f checks_per_cpu_s=%.0f heap_inuse_mb=%s rss_mb=%s\n", c, n, f, s, n / s, cpu, n / cpu, h, r
}'
[ -n "$errors" ] && echo "wrk: $errors"
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
