-- Issue 6: hourly and daily rollups of check results (checks, failures, latency percentiles per monitor and region),
-- compression and retention. Same relation names and columns on both storages, so every query works on both:
--   * TimescaleDB: continuous aggregates with real-time aggregation, a compression policy after 7 days, retention
--     policies (raw results 30 days, rollups 400 days).
--   * plain PostgreSQL: tables of the same names kept by the alerting service's StorageMaintainer, which calls
--     vigil_rollup_check_results() for recent buckets and drops old partitions and rollup rows.
-- Rollups count SCHEDULED results only (confirmations and on-demand runs would count a round twice); latency
-- percentiles are over successful checks (a timed-out check's latency is its timeout, not the target's speed).

DO
$$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        -- WITH NO DATA: a continuous aggregate created WITH DATA cannot be created inside a transaction (Flyway's).
        EXECUTE $view$
            CREATE MATERIALIZED VIEW check_results_hourly
            WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
            SELECT time_bucket(INTERVAL '1 hour', time)                                              AS bucket,
                   monitor_id,
                   region,
                   count(*)                                                                          AS checks,
                   sum(CASE WHEN ok THEN 0 ELSE 1 END)                                               AS failures,
                   percentile_cont(0.50) WITHIN GROUP (ORDER BY CASE WHEN ok THEN latency_ms END)    AS p50_ms,
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY CASE WHEN ok THEN latency_ms END)    AS p95_ms,
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY CASE WHEN ok THEN latency_ms END)    AS p99_ms,
                   avg(CASE WHEN ok THEN latency_ms END)::double precision                           AS avg_ms
            FROM check_results
            WHERE kind = 'SCHEDULED'
            GROUP BY time_bucket(INTERVAL '1 hour', time), monitor_id, region
            WITH NO DATA
        $view$;
        EXECUTE $view$
            CREATE MATERIALIZED VIEW check_results_daily
            WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
            SELECT time_bucket(INTERVAL '1 day', time)                                               AS bucket,
                   monitor_id,
                   region,
                   count(*)                                                                          AS checks,
                   sum(CASE WHEN ok THEN 0 ELSE 1 END)                                               AS failures,
                   percentile_cont(0.50) WITHIN GROUP (ORDER BY CASE WHEN ok THEN latency_ms END)    AS p50_ms,
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY CASE WHEN ok THEN latency_ms END)    AS p95_ms,
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY CASE WHEN ok THEN latency_ms END)    AS p99_ms,
                   avg(CASE WHEN ok THEN latency_ms END)::double precision                           AS avg_ms
            FROM check_results
            WHERE kind = 'SCHEDULED'
            GROUP BY time_bucket(INTERVAL '1 day', time), monitor_id, region
            WITH NO DATA
        $view$;
        -- Refresh windows stay well inside the raw retention, so dropping raw chunks never empties a rollup.
        PERFORM add_continuous_aggregate_policy('check_results_hourly', start_offset => INTERVAL '2 days',
                                                end_offset => INTERVAL '1 hour',
                                                schedule_interval => INTERVAL '15 minutes');
        PERFORM add_continuous_aggregate_policy('check_results_daily', start_offset => INTERVAL '4 days',
                                                end_offset => INTERVAL '1 hour',
                                                schedule_interval => INTERVAL '1 hour');

        EXECUTE $alter$
            ALTER TABLE check_results SET (timescaledb.compress,
                                           timescaledb.compress_segmentby = 'monitor_id',
                                           timescaledb.compress_orderby = 'time DESC, job_id')
        $alter$;
        PERFORM add_compression_policy('check_results', INTERVAL '7 days');
        PERFORM add_retention_policy('check_results', INTERVAL '30 days');
        PERFORM add_retention_policy('check_results_hourly', INTERVAL '400 days');
        PERFORM add_retention_policy('check_results_daily', INTERVAL '400 days');
    ELSE
        CREATE TABLE check_results_hourly (
            bucket     timestamptz NOT NULL,
            monitor_id uuid        NOT NULL,
            region     text        NOT NULL,
            checks     bigint      NOT NULL,
            failures   bigint      NOT NULL,
            p50_ms     double precision,
            p95_ms     double precision,
            p99_ms     double precision,
            avg_ms     double precision,
            PRIMARY KEY (monitor_id, bucket, region)
        );
        CREATE TABLE check_results_daily (LIKE check_results_hourly INCLUDING ALL);
    END IF;
END
$$;

-- Plain PostgreSQL: (re)computes the rollup buckets ('hour' or 'day', UTC) overlapping [from_at, to_at) from the raw
-- results, replacing what was there, so a bucket that received late results is simply rolled up again. Answers the
-- number of rollup rows written. (Defined on TimescaleDB too, where nothing calls it.)
CREATE FUNCTION vigil_rollup_check_results(width text, from_at timestamptz, to_at timestamptz) RETURNS integer
    LANGUAGE plpgsql AS
$$
DECLARE
    target  text;
    step    interval;
    lower_b timestamptz;
    upper_b timestamptz;
    written integer;
BEGIN
    IF width = 'hour' THEN
        target := 'check_results_hourly';
        step := INTERVAL '1 hour';
    ELSIF width = 'day' THEN
        target := 'check_results_daily';
        step := INTERVAL '1 day';
    ELSE
        RAISE EXCEPTION 'unknown rollup width %', width;
    END IF;
    lower_b := date_trunc(width, from_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    upper_b := date_trunc(width, to_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    IF upper_b < to_at THEN
        upper_b := upper_b + step;
    END IF;
    EXECUTE format($sql$
        INSERT INTO %I (bucket, monitor_id, region, checks, failures, p50_ms, p95_ms, p99_ms, avg_ms)
        SELECT date_trunc(%L, time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
               monitor_id,
               region,
               count(*),
               sum(CASE WHEN ok THEN 0 ELSE 1 END),
               percentile_cont(0.50) WITHIN GROUP (ORDER BY CASE WHEN ok THEN latency_ms END),
               percentile_cont(0.95) WITHIN GROUP (ORDER BY CASE WHEN ok THEN latency_ms END),
               percentile_cont(0.99) WITHIN GROUP (ORDER BY CASE WHEN ok THEN latency_ms END),
               avg(CASE WHEN ok THEN latency_ms END)::double precision
        FROM check_results
        WHERE kind = 'SCHEDULED' AND time >= $1 AND time < $2
        GROUP BY 1, 2, 3
        ON CONFLICT (monitor_id, bucket, region) DO UPDATE
            SET checks = EXCLUDED.checks, failures = EXCLUDED.failures, p50_ms = EXCLUDED.p50_ms,
                p95_ms = EXCLUDED.p95_ms, p99_ms = EXCLUDED.p99_ms, avg_ms = EXCLUDED.avg_ms
        $sql$, target, width) USING lower_b, upper_b;
    GET DIAGNOSTICS written = ROW_COUNT;
    RETURN written;
END
$$;

-- Plain PostgreSQL: how far each rollup has been computed, so a restarted maintainer catches up on missed buckets.
CREATE TABLE rollup_progress (
    rollup       text PRIMARY KEY,
    rolled_until timestamptz NOT NULL
);
