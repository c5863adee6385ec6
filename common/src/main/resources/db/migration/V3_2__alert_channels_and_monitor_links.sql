-- Issue 3: the base table of alert channels (issue 7 adds their encrypted configuration and API) and the links
-- between monitors and the channels they alert.

CREATE TABLE alert_channels (
    id           uuid PRIMARY KEY,
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    type         text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT alert_channels_type_check
        CHECK (type IN ('EMAIL', 'WEBHOOK', 'SLACK', 'DISCORD', 'TEAMS', 'PAGERDUTY', 'TELEGRAM')),
    -- Target of the composite foreign key below.
    CONSTRAINT alert_channels_id_workspace_key UNIQUE (id, workspace_id)
);
CREATE INDEX alert_channels_workspace_idx ON alert_channels (workspace_id, created_at);

ALTER TABLE monitors
    ADD CONSTRAINT monitors_id_workspace_key UNIQUE (id, workspace_id);

-- The workspace is part of both foreign keys, so the database itself refuses a link between a monitor and a channel
-- of different workspaces, whatever the application does.
CREATE TABLE monitor_alert_channels (
    monitor_id   uuid NOT NULL,
    channel_id   uuid NOT NULL,
    workspace_id uuid NOT NULL,
    PRIMARY KEY (monitor_id, channel_id),
    FOREIGN KEY (monitor_id, workspace_id) REFERENCES monitors (id, workspace_id) ON DELETE CASCADE,
    FOREIGN KEY (channel_id, workspace_id) REFERENCES alert_channels (id, workspace_id) ON DELETE CASCADE
);
CREATE INDEX monitor_alert_channels_channel_idx ON monitor_alert_channels (channel_id);
