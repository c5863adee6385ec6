-- Issue 7: alert channels get their configuration (sealed with AES-GCM: webhook URLs of chat tools, routing keys and
-- bot tokens are secrets), a redacted copy for the API, the workspace default set and a health flag; the outbox is
-- fanned out into one delivery per (outbox row, channel), each with its attempts.

ALTER TABLE alert_channels
    -- Base64 of nonce || ciphertext || tag of the channel's configuration JSON (SecretBox in common).
    ADD COLUMN config_sealed        text,
    -- The configuration as the API shows it: secret fields replaced by a hint.
    ADD COLUMN config_view          jsonb       NOT NULL DEFAULT '{}',
    -- Default channels alert for monitors that link none of their own.
    ADD COLUMN is_default           boolean     NOT NULL DEFAULT false,
    ADD COLUMN healthy              boolean     NOT NULL DEFAULT true,
    ADD COLUMN consecutive_failures integer     NOT NULL DEFAULT 0,
    ADD COLUMN unhealthy_since      timestamptz;

-- One delivery per outbox row and channel: the id is the delivery id receivers see (X-Vigil-Delivery), stable across
-- retries. The unique key makes the fan-out idempotent whatever instance performs it.
CREATE TABLE notification_deliveries (
    id              uuid PRIMARY KEY,
    outbox_id       uuid        NOT NULL REFERENCES notification_outbox (id) ON DELETE CASCADE,
    workspace_id    uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    -- The channel, or null for a delivery to one person (the on-call member's email: recipient).
    channel_id      uuid REFERENCES alert_channels (id) ON DELETE CASCADE,
    recipient       text,
    incident_id     uuid,
    monitor_id      uuid,
    event           text        NOT NULL,
    -- PENDING: due at next_attempt_at; SENDING: an attempt is in flight (its intent committed before the send), due
    -- again at next_attempt_at if its sender died; DELIVERED; FAILED (gave up); SUPPRESSED (noise control).
    status          text        NOT NULL
        CHECK (status IN ('PENDING', 'SENDING', 'DELIVERED', 'FAILED', 'SUPPRESSED')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    give_up_at      timestamptz NOT NULL,
    created_at      timestamptz NOT NULL,
    delivered_at    timestamptz,
    response_code   integer,
    last_error      text,
    reason          text,
    -- Held back by the rate limit and already summed up in a digest.
    digested        boolean     NOT NULL DEFAULT false,
    CHECK ((channel_id IS NULL) <> (recipient IS NULL)),
    UNIQUE (outbox_id, channel_id)
);
CREATE UNIQUE INDEX notification_deliveries_recipient_key ON notification_deliveries (outbox_id, recipient)
    WHERE recipient IS NOT NULL;
CREATE INDEX notification_deliveries_held_idx ON notification_deliveries (workspace_id)
    WHERE reason = 'rate_limited' AND NOT digested;
CREATE INDEX notification_deliveries_due_idx ON notification_deliveries (next_attempt_at)
    WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX notification_deliveries_channel_idx ON notification_deliveries (channel_id, created_at DESC);
CREATE INDEX notification_deliveries_incident_idx ON notification_deliveries (incident_id);
CREATE INDEX notification_deliveries_workspace_idx ON notification_deliveries (workspace_id, created_at DESC);

-- Every attempt: written (outcome SENDING) and committed before the request leaves, completed after it.
CREATE TABLE delivery_attempts (
    id            bigserial PRIMARY KEY,
    delivery_id   uuid        NOT NULL REFERENCES notification_deliveries (id) ON DELETE CASCADE,
    attempt       integer     NOT NULL,
    started_at    timestamptz NOT NULL,
    finished_at   timestamptz,
    outcome       text        NOT NULL CHECK (outcome IN ('SENDING', 'DELIVERED', 'FAILED', 'ABANDONED')),
    response_code integer,
    error         text
);
CREATE INDEX delivery_attempts_delivery_idx ON delivery_attempts (delivery_id, attempt);
