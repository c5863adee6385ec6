-- Issue 7: escalation policies (per monitor: levels of channels, each with the minutes until the next level when
-- nobody acknowledges) and simple on-call rotations (members in turn, daily or weekly hand-off) whose current member
-- receives a level's alerts by email.

CREATE TABLE oncall_rotations (
    id           uuid PRIMARY KEY,
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    handoff      text        NOT NULL CHECK (handoff IN ('DAILY', 'WEEKLY')),
    -- The first shift starts here; shifts follow each other every day or week, members in list order.
    starts_at    timestamptz NOT NULL,
    member_ids   uuid[]      NOT NULL CHECK (cardinality(member_ids) BETWEEN 1 AND 50),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX oncall_rotations_workspace_idx ON oncall_rotations (workspace_id, created_at);

-- levels: [{"channelIds": ["..."], "rotationId": "..." or null, "afterMinutes": 15}, ...]; the last level's
-- afterMinutes is ignored.
CREATE TABLE escalation_policies (
    monitor_id   uuid PRIMARY KEY,
    workspace_id uuid        NOT NULL,
    levels       jsonb       NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (monitor_id, workspace_id) REFERENCES monitors (id, workspace_id) ON DELETE CASCADE
);

-- Where an open incident stands in its monitor's policy: the level reached and when the next is due (null: no
-- further level, or stopped by an acknowledgement or the resolution).
CREATE TABLE incident_escalations (
    incident_id  uuid PRIMARY KEY REFERENCES incidents (id) ON DELETE CASCADE,
    workspace_id uuid        NOT NULL,
    monitor_id   uuid        NOT NULL,
    level        integer     NOT NULL,
    next_at      timestamptz
);
CREATE INDEX incident_escalations_due_idx ON incident_escalations (next_at) WHERE next_at IS NOT NULL;
