-- wrk script for bench/apply/run.sh: every request is a POST /api/v1/monitors of a monitor with a name of its own
-- (thread number and request number), over connections kept open, so the client costs little of the shared cores.
-- The Authorization and Content-Type headers come from wrk's -H options; the first argument after "--" prefixes the
-- names. done() prints one line the script reads: "wrk requests=N non2xx=N errors=N seconds=S p50_ms=X p99_ms=Y".
local threads = {}
local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  prefix = args[1] or "wrk"
  n = 0
end

function request()
  n = n + 1
  local name = string.format("%s-%d-%d", prefix, id, n)
  local body = string.format('{"name":"%s","type":"HTTP","url":"https://example.com/%s"}', name, name)
  return wrk.format("POST", "/api/v1/monitors", nil, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("wrk requests=%d non2xx=%d errors=%d seconds=%.3f p50_ms=%.1f p99_ms=%.1f\n",
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
