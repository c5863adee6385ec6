-- Issue 6: the alerting service's memory. Each monitor's evaluated state and its history of state changes, the
-- verdict of every round that saw a failure (so "failed in local-b, not confirmed" can be shown), incidents with their
-- timeline, the transactional outbox of notifications, and heartbeat pings.

-- One row per monitor the alerting service has evaluated. Evaluators lock this row (SELECT ... FOR UPDATE) while they
-- apply rounds, so several alerting instances never apply the same round twice.
CREATE TABLE monitor_states (
    monitor_id         uuid PRIMARY KEY REFERENCES monitors (id) ON DELETE CASCADE,
    status             text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'UP', 'DEGRADED', 'DOWN')),
    -- The scheduled instant of the last round applied to the state machine; later rounds only are applied.
    last_round_at      timestamptz,
    -- Whether the last applied round failed (confirmed), for counting flips.
    failing            boolean     NOT NULL DEFAULT false,
    consecutive_ok     integer     NOT NULL DEFAULT 0,
    consecutive_slow   integer     NOT NULL DEFAULT 0,
    -- When the recent up/down flips happened (trimmed to the flapping window).
    flips              timestamptz[] NOT NULL DEFAULT '{}',
    flapping           boolean     NOT NULL DEFAULT false,
    -- When a round waiting for confirmation (or for its last regions) must be decided; swept by every instance.
    next_evaluation_at timestamptz,
    -- Heartbeats: the last ping applied.
    last_ping_id       bigint      NOT NULL DEFAULT 0,
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX monitor_states_due_idx ON monitor_states (next_evaluation_at) WHERE next_evaluation_at IS NOT NULL;

-- State changes are rows: old -> new, when and why (monitors.status only holds the latest).
CREATE TABLE monitor_transitions (
    id           bigserial PRIMARY KEY,
    monitor_id   uuid        NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    workspace_id uuid        NOT NULL,
    from_status  text        NOT NULL,
    to_status    text        NOT NULL,
    at           timestamptz NOT NULL,
    reason       text        NOT NULL,
    round_id     uuid,
    incident_id  uuid
);
CREATE INDEX monitor_transitions_monitor_idx ON monitor_transitions (monitor_id, at DESC);

-- The verdict of each round that saw at least one failure: DOWN (confirmed by enough other regions) or
-- NOT_CONFIRMED (recorded, alerted to no one). Rounds without failures need no row.
CREATE TABLE check_rounds (
    round_id       uuid PRIMARY KEY,
    monitor_id     uuid        NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    time           timestamptz NOT NULL,
    verdict        text        NOT NULL CHECK (verdict IN ('DOWN', 'NOT_CONFIRMED')),
    failed_regions text[]      NOT NULL,
    ok_regions     text[]      NOT NULL,
    cause          text,
    decided_at     timestamptz NOT NULL
);
CREATE INDEX check_rounds_monitor_idx ON check_rounds (monitor_id, time DESC);

CREATE TABLE incidents (
    id              uuid PRIMARY KEY,
    workspace_id    uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    monitor_id      uuid        NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    kind            text        NOT NULL CHECK (kind IN ('DOWN', 'HEARTBEAT_MISSED', 'HEARTBEAT_FAILED')),
    status          text        NOT NULL CHECK (status IN ('OPEN', 'RESOLVED')),
    started_at      timestamptz NOT NULL,
    acknowledged_at timestamptz,
    -- The API key that acknowledged it.
    acknowledged_by uuid,
    resolved_at     timestamptz,
    cause           text        NOT NULL,
    regions         text[]      NOT NULL DEFAULT '{}',
    CHECK ((status = 'OPEN') = (resolved_at IS NULL))
);
-- At most one open incident per monitor, whatever races the evaluators run into.
CREATE UNIQUE INDEX incidents_one_open_per_monitor ON incidents (monitor_id) WHERE status = 'OPEN';
CREATE INDEX incidents_workspace_idx ON incidents (workspace_id, started_at DESC);
CREATE INDEX incidents_monitor_idx ON incidents (monitor_id, started_at DESC);

-- An incident's timeline: OPENED, CONFIRMED, FLAPPING, REOPENED, ACKNOWLEDGED, RESOLVED.
CREATE TABLE incident_events (
    id          bigserial PRIMARY KEY,
    incident_id uuid        NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    at          timestamptz NOT NULL,
    type        text        NOT NULL,
    message     text        NOT NULL
);
CREATE INDEX incident_events_incident_idx ON incident_events (incident_id, at, id);

-- Transactional outbox: written in the same transaction as the change it announces; a dispatcher fans each row out
-- to the workspace's channels and marks it processed. The id is stable, so deliveries derived from it are too.
CREATE TABLE notification_outbox (
    id           uuid PRIMARY KEY,
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    monitor_id   uuid,
    incident_id  uuid REFERENCES incidents (id) ON DELETE CASCADE,
    event        text        NOT NULL,
    payload      jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    processed_at timestamptz
);
CREATE INDEX notification_outbox_pending_idx ON notification_outbox (created_at) WHERE processed_at IS NULL;
CREATE INDEX notification_outbox_incident_idx ON notification_outbox (incident_id);

-- Heartbeat pings received by the api-service: BEAT (all is well) or FAIL (the job says it failed).
CREATE TABLE heartbeat_pings (
    id          bigserial PRIMARY KEY,
    monitor_id  uuid        NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    received_at timestamptz NOT NULL DEFAULT now(),
    kind        text        NOT NULL CHECK (kind IN ('BEAT', 'FAIL')),
    source_ip   text,
    user_agent  text,
    body        text
);
CREATE INDEX heartbeat_pings_monitor_idx ON heartbeat_pings (monitor_id, id DESC);

-- A ping makes its monitor's evaluation due at once (a FAIL opens an incident, a BEAT resolves one).
CREATE FUNCTION vigil_heartbeat_ping_received() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO monitor_states (monitor_id, next_evaluation_at)
    VALUES (NEW.monitor_id, now())
    ON CONFLICT (monitor_id) DO UPDATE
        SET next_evaluation_at = LEAST(monitor_states.next_evaluation_at, EXCLUDED.next_evaluation_at);
    RETURN NULL;
END
$$;

CREATE TRIGGER heartbeat_pings_mark_due
    AFTER INSERT ON heartbeat_pings
    FOR EACH ROW EXECUTE FUNCTION vigil_heartbeat_ping_received();
