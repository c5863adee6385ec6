-- The 90-day uptime of one monitor as the API computes it (UptimeCalculator, without maintenance tables): downtime
-- from the DOWN intervals of its transitions, the number of incidents, latency percentiles from the hourly rollup.
-- Every ? is the monitor id.
WITH flips AS (
    SELECT at, to_status, lead(at) OVER (ORDER BY at, id) AS next_at
    FROM monitor_transitions WHERE monitor_id = ? AND at < now()
), down AS (
    SELECT range_agg(tstzrange(greatest(at, now() - interval '90 days'), least(coalesce(next_at, now()), now()))) AS r
    FROM flips WHERE to_status = 'DOWN' AND coalesce(next_at, now()) > now() - interval '90 days'
), latency AS (
    SELECT sum(p50_ms * (checks - failures)) / nullif(sum(checks - failures), 0) AS p50,
           sum(p95_ms * (checks - failures)) / nullif(sum(checks - failures), 0) AS p95,
           sum(p99_ms * (checks - failures)) / nullif(sum(checks - failures), 0) AS p99
    FROM check_results_hourly
    WHERE monitor_id = ? AND bucket >= now() - interval '90 days' - interval '1 hour' AND p50_ms IS NOT NULL
)
SELECT coalesce((SELECT sum(extract(epoch FROM upper(x) - lower(x))) FROM unnest(down.r) x), 0) AS downtime,
       (SELECT count(*) FROM incidents WHERE monitor_id = ? AND coalesce(resolved_at, now()) > now() - interval '90 days')
           AS incidents,
       latency.p50, latency.p95, latency.p99
FROM down, latency
