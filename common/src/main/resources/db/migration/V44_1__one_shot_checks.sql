-- One-shot checks ("run a check now, from every region, no monitor created"). The api-service writes the check
-- (which workspace asked, in which regions, until when answers are wanted) and sends a ONE_SHOT job per region; the
-- alerting-service's ingest stores each region's result here, only when the check exists in the workspace the result
-- names and the region was asked (the results queue is writable by every probe); the api-service polls for them and
-- deletes the check when it has answered. Nothing here feeds a monitor, its state or its uptime.
CREATE TABLE one_shot_checks (
    id           uuid        PRIMARY KEY,
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    regions      text[]      NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL
);

CREATE INDEX one_shot_checks_expiry ON one_shot_checks (expires_at);

CREATE TABLE one_shot_results (
    check_id    uuid        NOT NULL REFERENCES one_shot_checks (id) ON DELETE CASCADE,
    region      text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    -- The probe's CheckResult as it travelled (WireJson), read back by the api-service.
    result      jsonb       NOT NULL,
    PRIMARY KEY (check_id, region)
);
