-- Issue 17: what a failed browser check saw — a PNG screenshot of the page and its HTML — stored with its result
-- (keyed by the result's job id), written by the alerting service from the probe's check-artifacts message, served
-- by the api to the monitor's workspace only, and deleted with raw results (the results retention).
CREATE TABLE check_artifacts (
    job_id         uuid        PRIMARY KEY,
    monitor_id     uuid        NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    workspace_id   uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    time           timestamptz NOT NULL,
    region         text        NOT NULL,
    failed_step    integer,
    screenshot_png bytea,
    html           text,
    stored_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX check_artifacts_monitor_idx ON check_artifacts (monitor_id, time DESC);
CREATE INDEX check_artifacts_time_idx ON check_artifacts (time);
