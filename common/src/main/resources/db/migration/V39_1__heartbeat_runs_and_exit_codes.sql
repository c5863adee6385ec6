-- Heartbeat runs: /ping/{token}/start records a START; the ping that ends a run (BEAT or FAIL) carries the run's
-- duration (from the latest START after the previous BEAT/FAIL), and /ping/{token}/{exit-code} the job's exit code.
-- The body is kept capped (10 KB); body_truncated says the job sent more.
ALTER TABLE heartbeat_pings DROP CONSTRAINT heartbeat_pings_kind_check;
ALTER TABLE heartbeat_pings ADD CONSTRAINT heartbeat_pings_kind_check CHECK (kind IN ('BEAT', 'FAIL', 'START'));
ALTER TABLE heartbeat_pings
    ADD COLUMN exit_code      integer CHECK (exit_code BETWEEN 0 AND 255),
    ADD COLUMN duration_ms    bigint CHECK (duration_ms >= 0),
    ADD COLUMN body_truncated boolean NOT NULL DEFAULT false;

-- The latest START of a monitor, found without reading its whole ping history.
CREATE INDEX heartbeat_pings_start_idx ON heartbeat_pings (monitor_id, id DESC) WHERE kind = 'START';
