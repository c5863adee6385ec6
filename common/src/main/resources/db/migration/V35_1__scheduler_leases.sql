-- Issue 15: the active scheduler's lease and watermark, so a scheduler taking over continues where the last one
-- stopped (no round lost, none sent twice) and never sends while an earlier leader may still be sending.
-- One row per leader lock key; written by the holder of the PostgreSQL advisory lock of that key, fenced by epoch.
CREATE TABLE scheduler_leases (
    lock_key          bigint PRIMARY KEY,
    -- Increased by every takeover: a former leader's late writes (WHERE epoch = its epoch) no longer apply.
    epoch             bigint      NOT NULL,
    holder            text        NOT NULL,
    -- Rounds scheduled at or before this instant may have been sent (recorded before they are sent): a successor
    -- starts strictly after it. NULL until the first rounds are sent.
    claimed_through   timestamptz,
    -- Rounds at or before this instant were all handed to SQS and settled (accepted, or given up after retries).
    -- Rounds in (sent_through, claimed_through] of a holder that vanished may or may not have been sent.
    sent_through      timestamptz,
    -- When the holder last confirmed its lease, on the database's clock, and which server start it saw: a server
    -- restart drops the lock while the holder may still be scheduling from its cache.
    heartbeat_at      timestamptz NOT NULL,
    server_started_at timestamptz NOT NULL,
    -- How long the holder keeps scheduling from its cache when it cannot reach the database (its outage grace).
    grace_ms          bigint      NOT NULL,
    -- Set by a holder that stopped sending and handed over (SIGTERM, or it found the lock taken by another).
    released          boolean     NOT NULL DEFAULT false
);
