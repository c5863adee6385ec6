-- Reminders: a channel may repeat an incident's alert every N minutes while the incident stays open and
-- unacknowledged (null: never). Each reminder is a row keyed by (incident, channel, the alert it repeats, its number):
-- the insert that claims it is what makes it go out once however many alerting instances run the pass.
ALTER TABLE alert_channels
    ADD COLUMN remind_every_minutes integer CHECK (remind_every_minutes BETWEEN 5 AND 1440);

CREATE TABLE incident_reminders (
    incident_id uuid        NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    channel_id  uuid        NOT NULL REFERENCES alert_channels (id) ON DELETE CASCADE,
    -- When the alert being repeated (opened, reopened or escalated to this channel) was fanned out.
    since       timestamptz NOT NULL,
    number      integer     NOT NULL CHECK (number >= 1),
    outbox_id   uuid        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (incident_id, channel_id, since, number)
);

-- Summary emails: opt-in per workspace, DAILY or WEEKLY (null: none), sent to its verified owners and admins.
ALTER TABLE workspaces
    ADD COLUMN summary_frequency text CHECK (summary_frequency IN ('DAILY', 'WEEKLY'));

-- One summary per workspace and period: the key makes it go out once.
CREATE TABLE workspace_summaries (
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    period_start timestamptz NOT NULL,
    frequency    text        NOT NULL,
    outbox_id    uuid        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, frequency, period_start)
);
