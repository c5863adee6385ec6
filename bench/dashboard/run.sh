#!/usr/bin/env bash
# Dashboard at size (issue 22): with 1,000 monitors in one workspace (50 results each, so every beat bar is full),
# the monitors page's render time (p50/p99 of N sequential GETs over loopback, after a warm-up), and the live
# stream with 10 pages open: results stored one after another at a steady rate, each an event every page must get;
# delivered count and latency (from the result's own timestamp, set by PostgreSQL at insert, to its arrival at the page).
#
#   bench/dashboard/run.sh [renders=100] [events=200] [pages=10]      (SKIP_BUILD=1 reuses the jar)
#
# Creates a fresh database on the PostgreSQL of 127.0.0.1:5432 as postgres (PGHOST/PGPORT/PGUSER to change), starts
# the api-service jar on 127.0.0.1:$API_PORT, and drops the database at the end. Bounded: the service start waits at
# most START_WAIT=600 s, every loop has a fixed count, and the stream readers stop 15 s after the last event was sent.
set -euo pipefail
cd "$(dirname "$0")/../.."
RENDERS=${1:-100}
EVENTS=${2:-200}
PAGES=${3:-10}
API_PORT=${API_PORT:-18092}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER
. bin/lib/jdk.sh

work=$(mktemp -d)
db="vigil_bench_dashboard_$$"
api_pid=""
cleanup() {
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null || true
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
if [ -z "${SKIP_BUILD:-}" ]; then
  echo "== building api-service"
  ./mvnw -q -B -o -pl api-service -am package -DskipTests >/dev/null
fi
jar=$(ls api-service/target/api-service-*.jar | grep -v plain | head -n 1)
psql -q -d postgres -c "CREATE DATABASE $db" >/dev/null
API="http://127.0.0.1:$API_PORT"
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx512m}
# A throwaway key for sealing channel secrets (the service refuses to start with the public development key).
export VIGIL_CHANNEL_ENCRYPTION_KEY="${VIGIL_CHANNEL_ENCRYPTION_KEY:-$(openssl rand -hex 32)}"
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" $JAVA_OPTS -jar "$jar" --server.port="$API_PORT" --server.address=127.0.0.1 \
  --vigil.db.url="jdbc:postgresql://$PGHOST:$PGPORT/$db" --vigil.db.user="$PGUSER" \
  --vigil.api.public-url="$API" --vigil.rate-limits.sign-in.capacity=1000 \
  --logging.level.root=WARN >"$work/api.log" 2>&1 &
api_pid=$!
# On a machine shared with other builds (load average 30 on 2 cores) the start alone can take minutes.
deadline=$(( $(date +%s) + ${START_WAIT:-600} ))
until curl -fs -m 5 "$API/readyz" >/dev/null 2>&1; do
  [ "$(date +%s)" -lt "$deadline" ] || { echo "api-service did not start"; tail -50 "$work/api.log"; exit 1; }
  kill -0 "$api_pid" 2>/dev/null || { echo "api-service exited"; tail -50 "$work/api.log"; api_pid=""; exit 1; }
  sleep 1
done
echo "== api-service up after $(( $(date +%s) - deadline + ${START_WAIT:-600} )) s"

# A workspace through the API, one monitor through the API, 999 copies of it and 50 results each with SQL.
email="bench-$$@example.com"
password="a long enough password"
key=$(curl -fs -H 'Content-Type: application/json' -d '{"email":"'$email'","password":"'"$password"'",
  "workspace":"Bench"}' "$API/api/v1/signup" | jq -r .apiKey)
curl -fs -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d '{"name":"service-1","type":"HTTP",
  "url":"https://example.com/1","regions":["local-a","local-b"]}' "$API/api/v1/monitors" >/dev/null
# The copies name every stored column (search_text is generated, so it is left for PostgreSQL to fill in).
columns=$(psql -tA -d "$db" -c "SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)
  FROM information_schema.columns WHERE table_name = 'monitors' AND is_generated = 'NEVER'")
psql -q -v ON_ERROR_STOP=1 -d "$db" >/dev/null <<SQL
INSERT INTO monitors ($columns)
SELECT $(echo "$columns" | sed 's/[a-z_][a-z_0-9]*/r.&/g') FROM monitors m, generate_series(2, 1000) g,
  jsonb_populate_record(NULL::monitors, to_jsonb(m) || jsonb_build_object('id', gen_random_uuid(),
        'name', 'service-' || g, 'ping_token', NULL,
        'status', CASE WHEN g % 97 = 0 THEN 'DOWN' WHEN g % 31 = 0 THEN 'DEGRADED' ELSE 'UP' END)) r;
SQL
psql -q -v ON_ERROR_STOP=1 -d "$db" >/dev/null <<'SQL'
INSERT INTO check_results (time, job_id, round_id, monitor_id, workspace_id, region, kind, started_at, ok, latency_ms,
                           error)
SELECT now() - make_interval(secs => 60 * i), gen_random_uuid(), gen_random_uuid(), m.id, m.workspace_id,
       CASE WHEN i % 2 = 0 THEN 'local-a' ELSE 'local-b' END, 'SCHEDULED', now() - make_interval(secs => 60 * i),
       i % 17 <> 0, 80 + (i * 7) % 120, CASE WHEN i % 17 = 0 THEN 'connection refused' END
FROM monitors m, generate_series(1, 50) i;
ANALYZE;
SQL
echo "== seeded: $(psql -tA -d "$db" -c 'SELECT count(*) FROM monitors') monitors," \
  "$(psql -tA -d "$db" -c 'SELECT count(*) FROM check_results') results"

# Sign in to the dashboard as a browser does (form with its CSRF token, session cookie).
jar_file="$work/cookies"
csrf=$(curl -fs -c "$jar_file" -b "$jar_file" "$API/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 \
  | sed 's/.*value="//; s/"$//')
curl -fs -o /dev/null -c "$jar_file" -b "$jar_file" --data-urlencode "username=$email" \
  --data-urlencode "password=$password" --data-urlencode "_csrf=$csrf" "$API/login"
session=$(awk '$6 == "SESSION" || $6 == "JSESSIONID" { print $6 "=" $7 }' "$jar_file" | tail -1)
[ -n "$session" ] || { echo "no session cookie after sign-in"; exit 1; }

# 1. Render time of /app/monitors (1,000 rows, beat bars, overview), sequential, after 10 warm-up requests.
for _ in $(seq 1 10); do curl -fs -o /dev/null -b "$jar_file" "$API/app/monitors"; done
rows=$(curl -fs -b "$jar_file" "$API/app/monitors" | grep -c 'class="beats"' || true)
for _ in $(seq 1 "$RENDERS"); do
  curl -fs -o /dev/null -b "$jar_file" -w '%{time_starttransfer} %{time_total} %{size_download}\n' "$API/app/monitors"
done >"$work/renders"
echo "== /app/monitors, $rows rows with beat bars, $RENDERS sequential requests (seconds; first byte / whole page)"
sort -n -k1 "$work/renders" | awk '{ fb[NR] = $1; size = $3 } END {
  printf "first byte: p50 %.0f ms, p99 %.0f ms, max %.0f ms; page %d KiB\n",
    fb[int(NR * 0.5 + 0.5)] * 1000, fb[int(NR * 0.99 + 0.5)] * 1000, fb[NR] * 1000, size / 1024 }'
sort -n -k2 "$work/renders" | awk '{ t[NR] = $2 } END {
  printf "whole page: p50 %.0f ms, p99 %.0f ms, max %.0f ms\n", t[int(NR * 0.5 + 0.5)] * 1000,
    t[int(NR * 0.99 + 0.5)] * 1000, t[NR] * 1000 }'
echo "   load average now: $(cut -d' ' -f1-3 /proc/loadavg)"

# 2. The live stream with $PAGES pages open: $EVENTS results stored 20 per second, each one event on every page.
monitor=$(psql -tA -d "$db" -c "SELECT id FROM monitors WHERE name = 'service-500'")
workspace=$(psql -tA -d "$db" -c "SELECT workspace_id FROM monitors WHERE name = 'service-500'")
python3 - "$API_PORT" "$session" "$PAGES" "$EVENTS" "$db" "$monitor" "$workspace" <<'PY'
import datetime, http.client, subprocess, sys, threading, time
port, cookie, pages, events, db, monitor, workspace = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), \
    sys.argv[5], sys.argv[6], sys.argv[7]
latencies, counts, lock, ready = [], [0] * pages, threading.Lock(), threading.Barrier(pages + 1)
stop_at = [None]

def page(n):
    conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
    conn.request("GET", "/app/events", headers={"Cookie": cookie, "Accept": "text/event-stream"})
    response = conn.getresponse()
    assert response.status == 200, response.status
    name, first = None, True
    while stop_at[0] is None or time.time() < stop_at[0]:
        try:
            line = response.fp.readline().decode().rstrip("\n")
        except OSError:
            break  # no byte for 30 s (heartbeats come every 15 s): the stream is gone
        if first and line.startswith("event:"):
            first = False
            ready.wait()
        if line.startswith("event:"):
            name = line[6:].strip()
        elif line.startswith("data:") and name == "result":
            data = line[5:]
            sent = data.split('"t" : "')[1].split('"')[0]
            at = datetime.datetime.fromisoformat(sent).timestamp()
            with lock:
                latencies.append(time.time() - at)
                counts[n] += 1
    conn.close()

threads = [threading.Thread(target=page, args=(n,), daemon=True) for n in range(pages)]
for t in threads:
    t.start()
ready.wait()
sql = "".join(
    "INSERT INTO check_results (time, job_id, round_id, monitor_id, workspace_id, region, kind, started_at, ok, "
    "latency_ms) VALUES (clock_timestamp(), gen_random_uuid(), gen_random_uuid(), '%s', '%s', 'local-a', "
    "'SCHEDULED', now(), true, 100);\nSELECT pg_sleep(0.05);\n" % (monitor, workspace) for _ in range(events))
started = time.time()
subprocess.run(["psql", "-q", "-d", db], input=sql.encode(), check=True, stdout=subprocess.DEVNULL)
stop_at[0] = time.time() + 15
for t in threads:
    t.join(timeout=30)
latencies.sort()
n = len(latencies)
pct = lambda p: latencies[min(n - 1, int(n * p))] * 1000 if n else float("nan")
print("== live stream: %d pages, %d results stored in %.1f s" % (pages, events, stop_at[0] - 15 - started))
print("delivered %d of %d events (per page: min %d, max %d); latency p50 %.0f ms, p99 %.0f ms, max %.0f ms"
      % (n, pages * events, min(counts), max(counts), pct(0.5), pct(0.99), pct(1.0) if n else float("nan")))
PY
echo "   load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
