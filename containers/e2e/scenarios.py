#!/usr/bin/env python3
"""The scenarios of the containers test (containers/e2e/run starts the system and calls this).

Drives the compose system through the public API and breaks it on purpose with podman. Every measurement is printed
as a "FIGURE" line; every expectation as "ok"/"FAIL"; the process exits 1 if any expectation failed.

Counting checks under load: a set of HTTP monitors (every 5 s, three regions) checks the target fixture, which logs
every request with the client address (hence the region's network). A round of a monitor in a region is
- lost when it should have run in the measured window (the monitor's phase + k x interval) but no result is stored;
- a result lost when the target saw the request but no result was stored for that round;
- a duplicate when the target saw the same round more than once.
"""
import ipaddress
import json
import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request

ENV = os.environ
API = ENV["VIGIL_API_URL"]
TARGET = ENV["VIGIL_E2E_TARGET_URL"]
HOOK = ENV["VIGIL_E2E_HOOK_URL"]
MAIL = ENV["VIGIL_E2E_MAIL_URL"]
PROJECT = ENV["VIGIL_E2E_PROJECT"]
MODE = ENV.get("VIGIL_E2E_MODE", "full")
WEBHOOK_SECRET = ENV["VIGIL_E2E_WEBHOOK_SECRET"]
INTERVAL = 5
# The load monitors check every 10 s: a probe drops a job older than its monitor's interval (stale), and on a
# 2-core machine a JVM starting next door can delay a 5 s job past that.
LOAD_INTERVAL = 10
LOAD_MONITORS = 20 if MODE == "quick" else 30
REGIONS = ["local-a", "local-b", "local-c"]
SERVICES = ["api", "scheduler", "scheduler-standby", "alerting", "probe-a", "probe-b", "probe-c"]
STARTED = time.time()

containers = {name: f"{PROJECT}_{name}_1" for name in SERVICES + ["timescaledb", "elasticmq", "mailpit", "target",
                                                                    "webhook"]}
failures = []
passes = []
key = None


def log(message):
    print(f"\n-- [{time.time() - STARTED:5.0f}s] {message}", flush=True)


def figure(name, value):
    print(f"   FIGURE {name}: {value}", flush=True)


def check(condition, what):
    print(f"   {'ok  ' if condition else 'FAIL'} {what}", flush=True)
    (passes if condition else failures).append(what)
    return condition


# --- plumbing -------------------------------------------------------------------------------------------------------

def http(method, url, body=None, headers=None, timeout=15):
    data = None
    headers = dict(headers or {})
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as e:
        return 0, str(e)


def api(method, path, body=None, expect=None):
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    status, text = http(method, API + path, body, headers)
    if expect is not None and status != expect:
        raise AssertionError(f"{method} {path} answered {status}, expected {expect}: {text[:300]}")
    try:
        return status, json.loads(text) if text else None
    except json.JSONDecodeError:
        return status, text


def podman(*args, check_rc=True, timeout=300):
    result = subprocess.run(["podman", *args], capture_output=True, text=True, timeout=timeout)
    if check_rc and result.returncode != 0:
        raise AssertionError(f"podman {' '.join(args)} failed: {result.stderr.strip()[:300]}")
    return result


# The images' MANAGEMENT_SERVER_PORT: actuator (health, info, prometheus) lives there, not on 8080.
MANAGEMENT_PORT = 9090


def healthy(name):
    return podman("healthcheck", "run", name, check_rc=False, timeout=30).returncode == 0


def wait_until(condition, timeout, step=1.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    return None


def wait_healthy(name, timeout=300):
    started = time.time()
    return time.time() - started if wait_until(lambda: healthy(name), timeout, 2) else None


def container_get(name, path, port=MANAGEMENT_PORT):
    """GET a path of a service from inside its container (the services publish no port but the API's). Actuator
    routes (metrics) answer only on the management port, which is never published."""
    script = ('exec 3<>/dev/tcp/127.0.0.1/%d && printf "GET %s HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n" >&3 && cat <&3'
              % (port, path))
    result = podman("exec", name, "bash", "-c", script, check_rc=False, timeout=20)
    return result.stdout if result.returncode == 0 else ""


def metric(name, metric_name):
    for line in container_get(name, "/actuator/prometheus").splitlines():
        if line.startswith(metric_name) and not line.startswith("#"):
            try:
                return float(line.rsplit(" ", 1)[1])
            except ValueError:
                return None
    return None


def sql(query):
    result = podman("exec", containers["timescaledb"], "psql", "-U", "vigil", "-d", "vigil", "-At", "-F", "|", "-c",
                    query, check_rc=False, timeout=60)
    if result.returncode != 0:
        return None
    return [line.split("|") for line in result.stdout.splitlines() if line]


def incidents(monitor_id):
    _, body = api("GET", f"/api/v1/incidents?monitorId={monitor_id}")
    return body.get("items", []) if isinstance(body, dict) else []


def deliveries():
    status, text = http("GET", HOOK + "/deliveries")
    return json.loads(text) if status == 200 else []


def set_down_status(status, path="/down"):
    http("POST", TARGET + f"/control{path}?status={status}", body={})


# --- the system comes up ----------------------------------------------------------------------------------------------

def services_are_healthy():
    log("every service container becomes healthy by the image's own health check (bash, no curl)")
    started = time.time()
    pending = set(SERVICES)
    while pending and time.time() - started < 480:
        for service in sorted(pending):
            if healthy(containers[service]):
                pending.discard(service)
                figure(f"{service} healthy", f"{time.time() - started:.0f} s after the test began waiting")
        time.sleep(2)
    for service in sorted(pending):
        check(False, f"{service} healthy within 480 s")
    if pending:
        raise AssertionError(f"not healthy: {sorted(pending)}")
    api_ctr = containers["api"]
    check(podman("exec", api_ctr, "id", "-u").stdout.strip() == "10001", "services run as uid 10001, not root")
    check(podman("exec", api_ctr, "bash", "-c", "command -v curl || command -v wget", check_rc=False).returncode != 0,
          "the image has neither curl nor wget")
    public_metrics = container_get(api_ctr, "/actuator/prometheus", port=8080).split("\r\n", 1)[0]
    check(" 404" in public_metrics,
          f"metrics are not on the public port (GET :8080/actuator/prometheus: {public_metrics})")
    check("jvm_memory_used_bytes" in container_get(api_ctr, "/actuator/prometheus"),
          f"metrics are served on the management port {MANAGEMENT_PORT}")
    runtime = podman("exec", api_ctr, "java", "--list-modules", check_rc=False).stdout.count("\n")
    figure("modules in the image's jlink'd Java runtime", runtime)


# --- set-up through the public API -------------------------------------------------------------------------------------

monitors = {}
load = {}


def sign_up_and_create_monitors():
    global key
    log("sign-up, channels, monitors and a status page through the public API")
    email = f"e2e-{secrets.token_hex(4)}@example.com"
    _, body = api("POST", "/api/v1/signup", {"email": email, "password": "correct horse battery",
                                             "workspace": "Containers test"}, expect=201)
    key = body["apiKey"]
    _, regions = api("GET", "/api/v1/regions", expect=200)
    check(sorted(r["id"] for r in regions["items"]) == REGIONS, "three probe regions: " + ", ".join(REGIONS))
    _, hook = api("POST", "/api/v1/alert-channels", {"name": "Ops webhook", "type": "WEBHOOK", "config": {
        "url": "http://webhook:8001/hook", "secret": WEBHOOK_SECRET}}, expect=201)
    _, mail = api("POST", "/api/v1/alert-channels", {"name": "Ops mail", "type": "EMAIL", "config": {
        "to": "ops@example.com"}}, expect=201)

    def monitor(name, path, channels, interval=INTERVAL):
        _, body = api("POST", "/api/v1/monitors", {
            "name": name, "type": "HTTP", "url": f"http://target:8000{path}", "intervalSeconds": interval,
            "timeoutMs": 3000, "regions": REGIONS, "confirmations": 1, "alertChannelIds": channels}, expect=201)
        return body["id"]

    monitors["outage"] = monitor("Outage target", "/down", [hook["id"], mail["id"]])
    monitors["split"] = monitor("Split target", "/ok/split", [hook["id"]])
    # Its own monitor for the outage during the database stop: the first outage's incident would otherwise be
    # reopened (an outage soon after recovering continues the same incident), not opened.
    monitors["outage-db"] = monitor("Outage while the database is down", "/down-db", [hook["id"]])
    for i in range(LOAD_MONITORS):
        load[monitor(f"Load {i}", f"/ok/load-{i}", [], LOAD_INTERVAL)] = f"/ok/load-{i}"
    figure("steady load", f"{LOAD_MONITORS} HTTP monitors x 3 regions every {LOAD_INTERVAL} s = "
                          f"{LOAD_MONITORS * 3 / LOAD_INTERVAL:.1f} checks/s")

    def all_up():
        _, body = api("GET", "/api/v1/monitors?size=100")
        items = body.get("items", []) if isinstance(body, dict) else []
        return len(items) == LOAD_MONITORS + 3 and all(m["status"] == "UP" for m in items)

    started = time.time()
    check(wait_until(all_up, 240, 2), "every monitor UP")
    figure("first monitor rounds UP after", f"{time.time() - started:.0f} s")
    slug = f"e2e-{secrets.token_hex(3)}"
    api("POST", "/api/v1/status-pages", {"slug": slug, "title": "Vigil containers test", "components": [
        {"name": "Outage target", "monitorId": monitors["outage"], "group": "Targets"},
        {"name": "Split target", "monitorId": monitors["split"], "group": "Targets"}]}, expect=201)
    monitors["page"] = slug


# --- functional scenarios -----------------------------------------------------------------------------------------------

def one_region_cut_off():
    log("a failure seen from one region only: region-a's network is cut from the target")
    network = f"{PROJECT}_region-a"
    target = containers["target"]
    podman("network", "disconnect", network, target)
    cut = time.time()

    def unconfirmed():
        _, body = api("GET", f"/api/v1/monitors/{monitors['split']}/results?limit=50")
        return [r for r in (body or {}).get("items", []) if r.get("region") == "local-a"
                and r.get("roundStatus") == "NOT_CONFIRMED"]

    seen = wait_until(unconfirmed, 60, 2)
    time.sleep(3 * INTERVAL)
    podman("network", "connect", "--alias", "target", network, target)
    check(bool(seen), "the split monitor's local-a failures show roundStatus NOT_CONFIRMED")
    if seen:
        figure("result note", f"\"{seen[0].get('note')}\"")
        check("not confirmed" in (seen[0].get("note") or ""), "the note says \"not confirmed\"")
    figure("rounds not confirmed in local-a", len(unconfirmed()))
    opened = [i for m in [monitors["outage"], monitors["split"], monitors["outage-db"]] + list(load)
              for i in incidents(m)]
    check(not opened, "no incident opened for a failure one region saw")
    check(not [d for d in deliveries() if d["event"].startswith("incident")], "no webhook sent")
    _, split = api("GET", f"/api/v1/monitors/{monitors['split']}")
    check(split["status"] == "UP", "the monitor stays UP")
    back = wait_until(lambda: any(r.get("region") == "local-a" and r.get("ok") for r in api(
        "GET", f"/api/v1/monitors/{monitors['split']}/results?limit=6")[1].get("items", [])), 60, 2)
    check(bool(back), "region-a reaches the target again once reconnected")
    figure("one-region cut lasted", f"{time.time() - cut:.0f} s")


def outage_everywhere():
    log("an outage every region sees: one incident, one signed webhook, a mail, the status page shows it")
    began = time.time()
    set_down_status(503)
    opened = wait_until(lambda: [i for i in incidents(monitors["outage"]) if i["status"] == "OPEN"], 120)
    check(bool(opened), "an incident opens")
    figure("outage to incident", f"{time.time() - began:.1f} s" if opened else "none")
    hook = wait_until(lambda: [d for d in deliveries() if d["event"] == "incident.opened"], 60, 0.5)
    check(bool(hook), "an incident.opened webhook arrives")
    if hook:
        figure("outage to signed webhook", f"{time.time() - began:.1f} s")
        check(all(d["validSignature"] for d in hook), "its X-Vigil-Signature verifies with the channel secret")
    mail = wait_until(lambda: [m for m in json.loads(http("GET", MAIL + "/api/v1/messages")[1] or "{}")
                               .get("messages", []) if "ops@example.com" in m.get("To", [])], 60)
    check(bool(mail), "the EMAIL channel's mail reaches the compose file's mail server")
    if mail:
        figure("mail subject", f"\"{mail[0]['Subject']}\"")
    slug = monitors["page"]
    summary = wait_until(lambda: next((c for c in json.loads(http("GET", f"{API}/status/{slug}/summary.json")[1]
                                                             or "{}").get("components", [])
                                       if c["name"] == "Outage target" and c["status"] == "major_outage"), None), 60)
    check(bool(summary), "the status page's summary.json shows the component in major_outage")
    status, html = http("GET", f"{API}/status/{slug}")
    check(status == 200 and "Outage target" in html, "the status page serves its HTML")
    time.sleep(3 * INTERVAL)
    check(len(incidents(monitors["outage"])) == 1, "exactly one incident for the whole outage")
    opened_hooks = {d["delivery"] for d in deliveries() if d["event"] == "incident.opened"}
    check(len(opened_hooks) == 1, f"exactly one incident.opened webhook (got {len(opened_hooks)})")
    set_down_status(200)
    resolved = wait_until(lambda: [i for i in incidents(monitors["outage"]) if i["status"] == "RESOLVED"], 120)
    check(bool(resolved), "the incident resolves when the target recovers")
    check(bool(wait_until(lambda: [d for d in deliveries() if d["event"] == "incident.resolved"], 60, 0.5)),
          "an incident.resolved webhook arrives")


# --- counting rounds under load --------------------------------------------------------------------------------------

subnets = {}


def region_networks():
    for region, net in zip(REGIONS, ["region-a", "region-b", "region-c"]):
        info = json.loads(podman("network", "inspect", f"{PROJECT}_{net}").stdout)[0]
        subnets[region] = [ipaddress.ip_network(s["subnet"]) for s in info.get("subnets", [])]


def region_of(address):
    ip = ipaddress.ip_address(address)
    return next((r for r, nets in subnets.items() if any(ip in n for n in nets)), None)


def stale_drops():
    """Jobs the probes dropped as older than their interval, so far (from each probe's metrics)."""
    return sum(metric(containers[p], "vigil_probe_jobs_stale_total") or 0 for p in ["probe-a", "probe-b", "probe-c"])


def measure(label, t0, t1, down_regions=(), settle=25, stale_before=None):
    """Rounds of the load monitors scheduled in [t0, t1): lost, results lost, duplicates, false incidents."""
    time.sleep(settle)
    ids = ",".join(f"'{m}'" for m in load)
    rows = sql(f"SELECT monitor_id, region, extract(epoch FROM time) FROM check_results "
               f"WHERE monitor_id IN ({ids}) AND kind = 'SCHEDULED' AND time >= to_timestamp({t0 - LOAD_INTERVAL}) "
               f"AND time < to_timestamp({t1 + LOAD_INTERVAL})")
    if rows is None:
        check(False, f"{label}: the database answers")
        return {}
    stored = {}
    phase = {}
    for monitor_id, region, epoch in rows:
        at = round(float(epoch), 3)
        stored.setdefault((monitor_id, region), set()).add(at)
        phase.setdefault(monitor_id, at % LOAD_INTERVAL)
    hits = {}
    _, text = http("GET", TARGET + "/hits", timeout=30)
    path_to_monitor = {p: m for m, p in load.items()}
    for line in text.splitlines():
        ms, path, address = line.split(" ")
        seconds = int(ms) / 1000
        monitor_id = path_to_monitor.get(path)
        if monitor_id is None or monitor_id not in phase or not (t0 - LOAD_INTERVAL <= seconds < t1 + 2 * LOAD_INTERVAL):
            continue
        p = phase[monitor_id]
        round_at = round(p + ((seconds - p) // LOAD_INTERVAL) * LOAD_INTERVAL, 3)
        key_ = (monitor_id, region_of(address), round_at)
        hits[key_] = hits.get(key_, 0) + 1
    lost = {r: 0 for r in REGIONS}
    results_lost = duplicates = expected = 0
    for monitor_id, p in phase.items():
        first = p + ((t0 - p) // LOAD_INTERVAL + 1) * LOAD_INTERVAL
        at = first
        while at < t1:
            at_r = round(at, 3)
            for region in REGIONS:
                expected += 1
                present = any(abs(at_r - s) < 0.01 for s in stored.get((monitor_id, region), ()))
                ran = hits.get((monitor_id, region, at_r), 0)
                if not present:
                    lost[region] += 1
                    if ran:
                        results_lost += 1
                duplicates += max(0, ran - 1)
            at += LOAD_INTERVAL
    opened = [i for m in load for i in incidents(m) if i["startedAt"] >= time.strftime(
        "%Y-%m-%dT%H:%M:%S", time.gmtime(t0 - LOAD_INTERVAL))]
    up_lost = sum(n for r, n in lost.items() if r not in down_regions)
    figure(f"{label}: rounds expected", expected)
    figure(f"{label}: checks lost", up_lost if not down_regions else
           f"{up_lost} in the regions that stayed up; {sum(lost[r] for r in down_regions)} not run in "
           f"{', '.join(down_regions)} while its probe was down")
    if stale_before is not None:
        stale = stale_drops() - stale_before
        figure(f"{label}: jobs the probes dropped as stale (older than the interval when received)",
               f"{stale:.0f} (counted by the running probes)" if stale >= 0 and label != "rolling restart"
               else "not comparable (the probes were replaced, their counts started again)")
    figure(f"{label}: results lost (checked, never stored)", results_lost)
    figure(f"{label}: duplicate checks", duplicates)
    figure(f"{label}: false incidents", len(opened))
    return {"lost": lost, "up_lost": up_lost, "results_lost": results_lost, "duplicates": duplicates,
            "false_incidents": len(opened), "expected": expected}


def replace_like_ecs(service):
    """Start a copy of the service's container, wait until it is healthy, then SIGTERM the old one (ECS's rolling
    deployment: minimum healthy 100 %, maximum 200 %)."""
    old = containers[service]
    new = f"{PROJECT}_{service}_r{int(time.time())}"
    podman("container", "clone", old, new)
    podman("start", new)
    seconds = wait_healthy(new, 300)
    check(seconds is not None, f"{service}: the replacement becomes healthy")
    stopping = time.time()
    podman("stop", "-t", "75", old, timeout=120)
    figure(f"rolling restart {service}: replacement healthy in, old drained in",
           f"{seconds:.0f} s, {time.time() - stopping:.1f} s")
    podman("rm", old, check_rc=False)
    containers[service] = new


def rolling_restart():
    log("fault: rolling restart of every service container, one by one (SIGTERM, replacement first as on ECS)")
    t0, stale0 = time.time(), stale_drops()
    active, standby = active_scheduler()
    for service in ["probe-a", "probe-b", "probe-c", "alerting", standby, active]:
        replace_like_ecs(service)
    # The API publishes the test's port, which a copy cannot share: stop and start it (checks do not pass through it).
    stopping = time.time()
    podman("stop", "-t", "75", containers["api"], timeout=120)
    podman("start", containers["api"])
    seconds = wait_healthy(containers["api"], 300)
    figure("rolling restart api: API unavailable for", f"{time.time() - stopping:.0f} s (one container, no load balancer)")
    result = measure("rolling restart", t0, time.time(), stale_before=stale0)
    check(result.get("up_lost") == 0, "rolling restart: 0 checks lost")
    check(result.get("false_incidents") == 0, "rolling restart: 0 false incidents")


def kill_and_restart(service, label, down_regions=()):
    """kill -9 of a service's container under load, started again 3 s later; the rounds of the window measured."""
    t0, stale0 = time.time(), stale_drops()
    name = containers[service]
    time.sleep(2 * INTERVAL)
    podman("kill", "-s", "KILL", name)
    killed = time.time()
    time.sleep(3)
    podman("start", name)
    wait_healthy(name, 300)
    figure(f"{service} back after kill -9", f"{time.time() - killed:.0f} s")
    time.sleep(2 * INTERVAL)
    return measure(label, t0, time.time(), down_regions=down_regions, stale_before=stale0)


def kill_probe():
    log("fault: kill -9 of the probe of local-b")
    result = kill_and_restart("probe-b", "kill -9 probe", down_regions=("local-b",))
    check(result.get("results_lost") == 0, "kill -9 of a probe: 0 results lost")
    check(result.get("up_lost") == 0, "kill -9 of a probe: the other regions lose no check")
    check(result.get("false_incidents") == 0, "kill -9 of a probe: no false incident")


def kill_alerting():
    log("fault: kill -9 of the alerting service")
    result = kill_and_restart("alerting", "kill -9 alerting")
    check(result.get("results_lost") == 0 and result.get("up_lost") == 0, "kill -9 of alerting: 0 results lost")


def database_stopped():
    log("fault: the PostgreSQL container stopped for 30 s, while the outage target fails")
    t0, stale0 = time.time(), stale_drops()
    podman("stop", "-t", "10", containers["timescaledb"])
    stopped = time.time()
    set_down_status(503, "/down-db")
    time.sleep(30 - (time.time() - stopped))
    podman("start", containers["timescaledb"])
    restarted = time.time()
    figure("database stopped for", f"{restarted - stopped:.0f} s")
    db_incident = lambda: [d for d in deliveries() if d["event"] == "incident.opened"
                           and json.loads(d["body"])["monitor"]["id"] == monitors["outage-db"]]
    hook = wait_until(db_incident, 240, 1)
    check(bool(hook), "the outage during the database stop is alerted once it is back (delayed, not dropped)")
    if hook:
        figure("outage to webhook, database down for the first 30 s", f"{time.time() - stopped:.0f} s")
    time.sleep(2 * INTERVAL)
    check(len(incidents(monitors["outage-db"])) == 1 and len(db_incident()) == 1,
          "exactly one incident and one incident.opened webhook for it")
    set_down_status(200, "/down-db")
    wait_until(lambda: all(i["status"] == "RESOLVED" for i in incidents(monitors["outage-db"])), 120)
    result = measure("database stopped 30 s", t0, time.time(), settle=40, stale_before=stale0)
    check(result.get("results_lost") == 0, "database stopped: 0 results lost")


def sqs_restarted():
    log("fault: the SQS server restarted (ElasticMQ keeping queues and messages in its volume)")
    t0, stale0 = time.time(), stale_drops()
    time.sleep(2 * INTERVAL)
    restart = time.time()
    podman("restart", "-t", "5", containers["elasticmq"])
    figure("SQS server restarted in", f"{time.time() - restart:.0f} s")
    ids = ",".join(f"'{m}'" for m in load)

    def flowing():
        rows = sql(f"SELECT DISTINCT region FROM check_results WHERE monitor_id IN ({ids}) "
                   f"AND received_at > to_timestamp({time.time() - 2 * LOAD_INTERVAL})")
        return rows is not None and len(rows) == 3

    time.sleep(INTERVAL)
    recovered = wait_until(flowing, 180, 2)
    check(bool(recovered), "results flow again from every region without restarting a service")
    figure("SQS restart to results from every region again", f"{time.time() - restart:.0f} s" if recovered
           else "not within 180 s")
    time.sleep(2 * INTERVAL)
    result = measure("SQS restarted", t0, time.time(), stale_before=stale0)
    figure("SQS restarted: what is lost", f"{sum(result.get('lost', {}).values())} checks: the rounds due while "
           "the server was down (the scheduler cannot send them; the queues and the messages in them survive)")


def active_scheduler():
    for _ in range(60):
        states = {s: metric(containers[s], "vigil_scheduler_active") for s in ["scheduler", "scheduler-standby"]}
        active = [s for s, v in states.items() if v == 1.0]
        if len(active) == 1:
            return active[0], next(s for s in states if s != active[0])
        time.sleep(1)
    raise AssertionError(f"no single active scheduler: {states}")


def scheduler_killed():
    log("fault: kill -9 of the active scheduler")
    t0, stale0 = time.time(), stale_drops()
    active, standby = active_scheduler()
    time.sleep(2 * INTERVAL)
    podman("kill", "-s", "KILL", containers[active])
    killed = time.time()
    took_over = wait_until(lambda: metric(containers[standby], "vigil_scheduler_active") == 1.0, 60, 0.25)
    takeover = time.time() - killed
    figure("active scheduler killed: standby active after", f"{takeover:.1f} s" if took_over else "never")
    check(bool(took_over) and takeover <= 10, "another scheduler takes over within 10 s")
    podman("start", containers[active])
    wait_healthy(containers[active], 300)
    time.sleep(2 * INTERVAL)
    result = measure("scheduler killed", t0, time.time(), stale_before=stale0)
    check(result.get("duplicates") == 0, "scheduler takeover: no duplicate rounds")
    figure("scheduler killed: rounds not sent during the takeover", result.get("up_lost"))


def main():
    services_are_healthy()
    region_networks()
    sign_up_and_create_monitors()
    one_region_cut_off()
    outage_everywhere()
    faults = [kill_probe, scheduler_killed] if MODE == "quick" else [
        rolling_restart, kill_probe, kill_alerting, database_stopped, sqs_restarted, scheduler_killed]
    for fault in faults:
        try:
            fault()
        except AssertionError as e:
            check(False, f"{fault.__name__}: {e}")
    print(f"\n{len(failures)} failed: {failures}" if failures else "\nevery expectation held", flush=True)
    return 1 if failures else 0


def counts():
    """The closing line of containers/e2e/run ('containers: N passed, N failed')."""
    with open(ENV.get("VIGIL_E2E_COUNTS", os.devnull), "w") as out:
        out.write(f"containers: {len(passes)} passed, {len(failures)} failed\n")


if __name__ == "__main__":
    try:
        code = main()
    except AssertionError as e:
        check(False, str(e))
        code = 1
    counts()
    sys.exit(code)
