#!/usr/bin/env bash
# Public status page throughput (issue 9): wrk against the running api-service serving /status/{slug} (a page with 20
# components, 90-day bars, an active incident with updates, maintenance), beside nginx serving a saved copy of the same
# HTML in the same run (the physical ceiling of serving those bytes over loopback on this machine).
#
#   bench/status-page/run.sh [connections=64] [seconds=20]        (WARMUP=10 seconds by default)
#
# Creates a fresh database on the PostgreSQL of VIGIL_TEST_DB_URL's server (else 127.0.0.1:5432 as postgres), starts
# the api-service jar on 127.0.0.1:$API_PORT, seeds the page through the API (and monitor states / transitions /
# incidents with SQL, as the alerting service would write them), and drops the database at the end. Bounded in time:
# every wrk run has a fixed duration and the service start waits at most 120 s.
set -euo pipefail
cd "$(dirname "$0")/../.."
CONNECTIONS=${1:-64}
SECONDS_MEASURED=${2:-20}
WARMUP=${WARMUP:-10}
API_PORT=${API_PORT:-18090}
NGINX_PORT=${NGINX_PORT:-18091}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER

need=()
command -v nginx >/dev/null || need+=(nginx-light)
command -v wrk >/dev/null || need+=(wrk)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get -o DPkg::Lock::Timeout=120 update -qq || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=120 install -y -qq "${need[@]}"
fi
. bin/lib/jdk.sh

work=$(mktemp -d)
db="vigil_bench_status_$$"
api_pid=""
cleanup() {
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# 1. The service, on a fresh database.
if [ -z "${SKIP_BUILD:-}" ]; then
  echo "== building api-service"
  ./mvnw -q -B -pl api-service -am package -DskipTests >/dev/null
fi
jar=$(ls api-service/target/api-service-*.jar | grep -v plain | head -n 1)
psql -q -d postgres -c "CREATE DATABASE $db" >/dev/null
if curl -fs "http://127.0.0.1:$API_PORT/" >/dev/null 2>&1 || curl -s -o /dev/null "http://127.0.0.1:$API_PORT/"; then
  echo "port $API_PORT is in use (set API_PORT)"; exit 1
fi
API="http://127.0.0.1:$API_PORT"
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx512m}
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" $JAVA_OPTS -jar "$jar" --server.port="$API_PORT" --server.address=127.0.0.1 \
  --vigil.db.url="jdbc:postgresql://$PGHOST:$PGPORT/$db" --vigil.db.user="$PGUSER" \
  --vigil.api.public-url="$API" --logging.level.root=WARN >"$work/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 240); do curl -fs "$API/readyz" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "$API/readyz" >/dev/null \
  || { echo "api-service did not start"; tail -50 "$work/api.log"; exit 1; }

# 2. A workspace with 20 monitors, their states and 90 days of transitions, an incident with updates, maintenance.
key=$(curl -fs -H 'Content-Type: application/json' -d '{"email":"bench-'$$'@example.com",
  "password":"a long enough password","workspace":"Bench"}' "$API/api/v1/signup" | jq -r .apiKey)
auth=(-H "Authorization: Bearer $key" -H 'Content-Type: application/json')
components="["
for i in $(seq 1 20); do
  id=$(curl -fs "${auth[@]}" -d '{"name":"service-'$i'","type":"HTTP","url":"https://example.com/'$i'",
    "regions":["local-a","local-b"]}' "$API/api/v1/monitors" | jq -r .id)
  [ "$i" -gt 1 ] && components+=","
  components+='{"name":"Service '$i'","monitorId":"'$id'","group":"Group '$(( (i - 1) / 5 + 1 ))'"}'
done
components+="]"
psql -q -d "$db" >/dev/null <<'SQL'
INSERT INTO monitor_states (monitor_id, status)
SELECT id, CASE WHEN name = 'service-3' THEN 'DOWN' WHEN name = 'service-7' THEN 'DEGRADED' ELSE 'UP' END
FROM monitors;
-- Every monitor up since 90 days ago, with an outage of 10-60 minutes every few days.
INSERT INTO monitor_transitions (monitor_id, workspace_id, from_status, to_status, at, reason)
SELECT id, workspace_id, 'PENDING', 'UP', now() - interval '91 days', 'bench' FROM monitors;
INSERT INTO monitor_transitions (monitor_id, workspace_id, from_status, to_status, at, reason)
SELECT m.id, m.workspace_id, f.from_status, f.to_status, f.at, 'bench'
FROM monitors m, generate_series(1, 85, 3 + (abs(hashtext(m.name)) % 5)) AS d,
     LATERAL (VALUES ('UP', 'DOWN', now() - d * interval '1 day'),
                     ('DOWN', 'UP', now() - d * interval '1 day' + (10 + d % 50) * interval '1 minute'))
         AS f(from_status, to_status, at);
INSERT INTO incidents (id, workspace_id, monitor_id, kind, status, started_at, resolved_at, cause, regions)
SELECT gen_random_uuid(), m.workspace_id, m.id, 'DOWN', 'RESOLVED', t.at,
       t.at + interval '10 minutes', 'HTTP status 503', '{local-a}'
FROM monitors m JOIN monitor_transitions t ON t.monitor_id = m.id AND t.to_status = 'DOWN';
INSERT INTO monitor_transitions (monitor_id, workspace_id, from_status, to_status, at, reason)
SELECT id, workspace_id, 'UP', 'DOWN', now() - interval '20 minutes', 'bench' FROM monitors WHERE name = 'service-3';
INSERT INTO incidents (id, workspace_id, monitor_id, kind, status, started_at, cause, regions)
SELECT gen_random_uuid(), workspace_id, id, 'DOWN', 'OPEN', now() - interval '20 minutes', 'HTTP status 503',
       '{local-a,local-b}'
FROM monitors WHERE name = 'service-3';
SQL
incident=$(psql -qtA -d "$db" -c "SELECT id FROM incidents WHERE status = 'OPEN'")
curl -fs "${auth[@]}" -d '{"status":"investigating","message":"Checkout requests are failing for some customers."}' \
  "$API/api/v1/incidents/$incident/updates" >/dev/null
curl -fs "${auth[@]}" -d '{"status":"identified","message":"A faulty deploy; rolling back now."}' \
  "$API/api/v1/incidents/$incident/updates" >/dev/null
monitor1=$(psql -qtA -d "$db" -c "SELECT id FROM monitors WHERE name = 'service-1'")
curl -fs "${auth[@]}" -d '{"title":"Database upgrade","monitorIds":["'$monitor1'"],
  "startsAt":"'$(date -u -d '+2 days' +%FT%TZ)'","endsAt":"'$(date -u -d '+2 days 1 hour' +%FT%TZ)'"}' \
  "$API/api/v1/maintenances" >/dev/null
curl -fs "${auth[@]}" -d '{"slug":"bench","title":"Bench Inc.","description":"Status of every Bench service",
  "components":'"$components"'}' "$API/api/v1/status-pages" >/dev/null
PAGE="$API/status/bench"

# 3. nginx serving a saved copy of the same HTML.
mkdir -p "$work/html" "$work/logs"
chmod 755 "$work" "$work/html"
curl -fs "$PAGE" -o "$work/html/index.html"
curl -fs -H 'Accept-Encoding: gzip' "$PAGE" -o "$work/html/index.html.gz"
bytes=$(wc -c < "$work/html/index.html")
gz_bytes=$(wc -c < "$work/html/index.html.gz")
cat > "$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  default_type text/html;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $work/html;
    # The same precompressed bytes the service sends to clients that take gzip.
    gzip_static on;
    location / { add_header Cache-Control "public, max-age=30"; }
  }
}
CONF
nginx -c "$work/nginx.conf" -p "$work"
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$NGINX_PORT/" >/dev/null 2>&1 && break; sleep 0.1; done

run() { # name url [wrk options...]
  name=$1; url=$2; shift 2
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" "$@" "$url" >/dev/null
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_MEASURED}s" --latency "$@" "$url")
  rps=$(echo "$out" | awk '/^Requests\/sec/ { print $2 }')
  p50=$(echo "$out" | awk '$1 == "50%" { print $2 }')
  p99=$(echo "$out" | awk '$1 == "99%" { print $2 }')
  errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ { printf "%s ", $0 }')
  echo "server=$name connections=$CONNECTIONS seconds=$SECONDS_MEASURED requests_per_s=$rps p50=$p50 p99=$p99 ${errors}"
}
echo "== page of $bytes bytes ($gz_bytes gzipped), 20 components;" \
  "wrk -t2 -c$CONNECTIONS, ${WARMUP}s warm-up, ${SECONDS_MEASURED}s measured"
GZ=(-H 'Accept-Encoding: gzip')
run nginx-gzip "http://127.0.0.1:$NGINX_PORT/index.html" "${GZ[@]}"
run vigil-api-service-gzip "$PAGE" "${GZ[@]}"
run nginx-identity "http://127.0.0.1:$NGINX_PORT/index.html"
run vigil-api-service-identity "$PAGE"
run vigil-api-service-summary-json-gzip "$PAGE/summary.json" "${GZ[@]}"
# Per-request overhead without the page's bytes: a ~300-byte badge from the same cache.
run vigil-api-service-badge-svg "$PAGE/badge.svg"
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# HOLD=seconds keeps the service and nginx up after the run, for profiling by hand.
[ -n "${HOLD:-}" ] && { echo "== holding: $PAGE and http://127.0.0.1:$NGINX_PORT/index.html"; sleep "$HOLD"; }
true
