-- Issue 18: status page subscribers hear every incident opening, update and resolution and every maintenance start
-- and end, may choose components, and may be webhooks; their messages go through the outbox with retries.

-- A subscriber is an address (EMAIL) or a URL (WEBHOOK, its signing secret sealed with AES-GCM like channel
-- configurations). component_ids empty: every component of the page.
ALTER TABLE status_page_subscribers
    ALTER COLUMN email DROP NOT NULL,
    ADD COLUMN kind          text   NOT NULL DEFAULT 'EMAIL' CHECK (kind IN ('EMAIL', 'WEBHOOK')),
    ADD COLUMN webhook_url   text CHECK (length(webhook_url) BETWEEN 8 AND 2000),
    ADD COLUMN secret_sealed text,
    ADD COLUMN component_ids uuid[] NOT NULL DEFAULT '{}',
    ADD CONSTRAINT status_page_subscribers_target_check CHECK (
        (kind = 'EMAIL' AND email IS NOT NULL AND webhook_url IS NULL)
        OR (kind = 'WEBHOOK' AND email IS NULL AND webhook_url IS NOT NULL AND secret_sealed IS NOT NULL));
CREATE UNIQUE INDEX status_page_subscribers_webhook_key ON status_page_subscribers (page_id, webhook_url)
    WHERE webhook_url IS NOT NULL;

-- The subscriber fan-out reads the same outbox as the alert fan-out, with its own mark. Rows already there are
-- marked done: subscribers are never told about the past when this is deployed.
ALTER TABLE notification_outbox ADD COLUMN subscribers_done_at timestamptz;
UPDATE notification_outbox SET subscribers_done_at = coalesce(processed_at, now());
CREATE INDEX notification_outbox_subscribers_idx ON notification_outbox (created_at)
    WHERE subscribers_done_at IS NULL;

-- One message per (outbox row, subscriber): the unique key makes the fan-out idempotent, the id (name-based on both)
-- is the Message-ID / webhook-id receivers see on every retry. Attempts are claimed (SENDING, with a lease) before
-- the send, as alert deliveries are.
CREATE TABLE subscriber_deliveries (
    id              uuid PRIMARY KEY,
    outbox_id       uuid        NOT NULL REFERENCES notification_outbox (id) ON DELETE CASCADE,
    subscriber_id   uuid        NOT NULL REFERENCES status_page_subscribers (id) ON DELETE CASCADE,
    page_id         uuid        NOT NULL REFERENCES status_pages (id) ON DELETE CASCADE,
    event           text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'DELIVERED', 'FAILED')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    give_up_at      timestamptz NOT NULL,
    created_at      timestamptz NOT NULL,
    delivered_at    timestamptz,
    response_code   integer,
    last_error      text,
    UNIQUE (outbox_id, subscriber_id)
);
CREATE INDEX subscriber_deliveries_due_idx ON subscriber_deliveries (next_attempt_at)
    WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX subscriber_deliveries_subscriber_idx ON subscriber_deliveries (subscriber_id);

-- Maintenance starts and ends announced to subscribers, once each (the alerting service's instances race for the
-- primary key).
CREATE TABLE maintenance_notices (
    window_id uuid        NOT NULL REFERENCES maintenance_windows (id) ON DELETE CASCADE,
    kind      text        NOT NULL CHECK (kind IN ('STARTED', 'ENDED')),
    at        timestamptz NOT NULL,
    PRIMARY KEY (window_id, kind)
);
