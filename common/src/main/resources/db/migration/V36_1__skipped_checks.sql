-- Issue 21: checks probes dropped because they could not run them in time (a job older than its interval when a
-- check slot came free) are reported, not silent. A probe sends runs of consecutive skipped rounds of a monitor
-- (first and last round, how many) every few seconds; the alerting service keeps them here. The API shows a
-- monitor's skipped checks, the dashboard a workspace banner, and uptime counts rounds every region skipped as no
-- data. A run is stored once whatever the redeliveries (key: monitor, region, first round).
CREATE TABLE skipped_checks (
    monitor_id       uuid        NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    region           text        NOT NULL,
    first_at         timestamptz NOT NULL,
    last_at          timestamptz NOT NULL,
    checks           integer     NOT NULL CHECK (checks > 0),
    interval_seconds integer     NOT NULL CHECK (interval_seconds > 0),
    workspace_id     uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    reported_at      timestamptz NOT NULL,
    PRIMARY KEY (monitor_id, region, first_at),
    CHECK (last_at >= first_at)
);
-- The monitor's recent skips (API field, uptime) and a workspace's (dashboard banner, operator gauge).
CREATE INDEX skipped_checks_monitor_idx ON skipped_checks (monitor_id, last_at DESC);
CREATE INDEX skipped_checks_workspace_idx ON skipped_checks (workspace_id, last_at DESC);
CREATE INDEX skipped_checks_last_idx ON skipped_checks (last_at);
