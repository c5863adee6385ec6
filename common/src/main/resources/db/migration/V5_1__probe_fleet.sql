-- The probe fleet (issue 5): which probe instances are alive in which region, and which plugins they offer. Written
-- by the alerting service from probe heartbeats; read by the API (GET /api/v1/plugins). Not tenant data.

CREATE TABLE probe_instances (
    instance_id   text PRIMARY KEY CHECK (length(instance_id) BETWEEN 1 AND 200),
    region        text        NOT NULL,
    version       text,
    started_at    timestamptz NOT NULL,
    -- sentAt of the newest heartbeat: heartbeats can arrive out of order, and an older one must not win.
    last_seen_at  timestamptz NOT NULL,
    -- The instance counts as gone after this unless another heartbeat arrives (a few missed intervals), or at once
    -- when it said it is stopping.
    expires_at    timestamptz NOT NULL,
    stopping      boolean     NOT NULL DEFAULT false,
    monitor_types text[]      NOT NULL DEFAULT '{}',
    in_flight     integer     NOT NULL DEFAULT 0,
    max_in_flight integer     NOT NULL DEFAULT 0,
    -- Fingerprint of the offered plugins, so the plugin rows are rewritten only when the set changes.
    plugins_hash  text        NOT NULL DEFAULT ''
);
CREATE INDEX probe_instances_expires_idx ON probe_instances (expires_at);

CREATE TABLE probe_plugins (
    instance_id text NOT NULL REFERENCES probe_instances (instance_id) ON DELETE CASCADE,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    kind        text NOT NULL CHECK (kind IN ('NAGIOS', 'JAVA')),
    description text,
    PRIMARY KEY (instance_id, name)
);
CREATE INDEX probe_plugins_name_idx ON probe_plugins (name);
