-- Vigil's first schema: tenants, people, keys, monitors and raw check results.
-- Works on plain PostgreSQL (13+) and uses TimescaleDB where the extension can be created.

CREATE TABLE workspaces (
    id         uuid PRIMARY KEY,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    plan       text        NOT NULL DEFAULT 'FREE',
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id            uuid PRIMARY KEY,
    email         text        NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
-- Emails are compared case-insensitively: "Ann@x.io" and "ann@x.io" are one account.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE workspace_members (
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role         text        NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'VIEWER')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX workspace_members_user_idx ON workspace_members (user_id);

-- API keys are random and high-entropy, so a fast hash (SHA-256) is enough to make a stolen table useless; the
-- prefix is stored in clear so people can tell their keys apart.
CREATE TABLE api_keys (
    id           uuid PRIMARY KEY,
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    created_by   uuid REFERENCES users (id) ON DELETE SET NULL,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    prefix       text        NOT NULL,
    key_hash     bytea       NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_keys_workspace_idx ON api_keys (workspace_id, created_at);

CREATE TABLE monitors (
    id                uuid PRIMARY KEY,
    workspace_id      uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name              text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    type              text        NOT NULL CHECK (type IN ('HTTP', 'TCP', 'DNS', 'TLS', 'HEARTBEAT', 'PLUGIN')),
    -- The type-specific definition, as the wire record dev.vigil.common.check.CheckSpec.
    check_spec        jsonb       NOT NULL,
    interval_seconds  integer     NOT NULL CHECK (interval_seconds > 0),
    timeout_ms        integer     NOT NULL CHECK (timeout_ms > 0),
    regions           text[]      NOT NULL,
    confirmations     integer     NOT NULL DEFAULT 1 CHECK (confirmations >= 0),
    degraded_above_ms integer CHECK (degraded_above_ms > 0),
    paused            boolean     NOT NULL DEFAULT false,
    status            text        NOT NULL DEFAULT 'PENDING'
        CHECK (status IN ('PENDING', 'UP', 'DEGRADED', 'DOWN', 'PAUSED')),
    ping_token        text UNIQUE,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX monitors_workspace_idx ON monitors (workspace_id, created_at, id);

-- The scheduler LISTENs on monitor_changed and reloads the monitor named by the payload. Only changes that affect
-- scheduling notify: status updates by the alerting service (many per minute) do not wake the scheduler.
CREATE FUNCTION vigil_notify_monitor_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('monitor_changed', COALESCE(NEW.id, OLD.id)::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER monitors_notify_insert_delete
    AFTER INSERT OR DELETE ON monitors
    FOR EACH ROW EXECUTE FUNCTION vigil_notify_monitor_changed();

CREATE TRIGGER monitors_notify_update
    AFTER UPDATE ON monitors
    FOR EACH ROW
    WHEN ((OLD.check_spec, OLD.interval_seconds, OLD.timeout_ms, OLD.regions, OLD.confirmations,
           OLD.degraded_above_ms, OLD.paused, OLD.type)
        IS DISTINCT FROM
          (NEW.check_spec, NEW.interval_seconds, NEW.timeout_ms, NEW.regions, NEW.confirmations,
           NEW.degraded_above_ms, NEW.paused, NEW.type))
    EXECUTE FUNCTION vigil_notify_monitor_changed();

-- TimescaleDB when the server has it (the timescale/timescaledb image preloads it); otherwise plain PostgreSQL.
DO
$$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
        BEGIN
            CREATE EXTENSION IF NOT EXISTS timescaledb;
        EXCEPTION
            WHEN OTHERS THEN
                -- Installed but not in shared_preload_libraries, or no privilege: plain tables still work.
                RAISE NOTICE 'timescaledb is installed but could not be enabled (%); using plain partitions', SQLERRM;
        END;
    END IF;
END
$$;

-- Creates the daily partitions of a range-partitioned table covering [from_day, to_day] (UTC days). Rows that landed
-- in the default partition for one of those days are moved into the new partition, since PostgreSQL refuses to
-- create a partition whose range the default partition already holds rows for.
CREATE FUNCTION vigil_ensure_daily_partitions(parent text, from_day date, to_day date) RETURNS integer
    LANGUAGE plpgsql AS
$$
DECLARE
    day        date;
    part       text;
    lower_at   timestamptz;
    upper_at   timestamptz;
    created    integer := 0;
    default_pt text    := parent || '_default';
BEGIN
    day := from_day;
    WHILE day <= to_day LOOP
        part := parent || '_' || to_char(day, 'YYYYMMDD');
        lower_at := day::timestamp AT TIME ZONE 'UTC';
        upper_at := (day + 1)::timestamp AT TIME ZONE 'UTC';
        IF to_regclass(part) IS NULL THEN
            EXECUTE format('CREATE TEMP TABLE vigil_moved_rows AS SELECT * FROM %I WHERE time >= %L AND time < %L',
                           default_pt, lower_at, upper_at);
            EXECUTE format('DELETE FROM %I WHERE time >= %L AND time < %L', default_pt, lower_at, upper_at);
            EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                           part, parent, lower_at, upper_at);
            EXECUTE format('INSERT INTO %I SELECT * FROM vigil_moved_rows', parent);
            DROP TABLE vigil_moved_rows;
            created := created + 1;
        END IF;
        day := day + 1;
    END LOOP;
    RETURN created;
END
$$;

-- Drops the daily partitions entirely older than cutoff_day (retention on plain PostgreSQL).
CREATE FUNCTION vigil_drop_daily_partitions(parent text, cutoff_day date) RETURNS integer
    LANGUAGE plpgsql AS
$$
DECLARE
    part    record;
    dropped integer := 0;
BEGIN
    FOR part IN
        SELECT c.relname
        FROM pg_inherits i
                 JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = parent::regclass
          AND c.relname ~ ('^' || parent || '_[0-9]{8}$')
          AND to_date(right(c.relname, 8), 'YYYYMMDD') < cutoff_day
    LOOP
        EXECUTE format('DROP TABLE %I', part.relname);
        dropped := dropped + 1;
    END LOOP;
    RETURN dropped;
END
$$;

-- Raw results. "time" is the round's scheduled instant: a redelivered or re-run job has the same (job_id, time),
-- which makes ingest idempotent and satisfies the rule that unique keys of a partitioned table include its
-- partitioning column.
DO
$$
DECLARE
    columns constant text := $cols$
        time           timestamptz NOT NULL,
        job_id         uuid        NOT NULL,
        round_id       uuid        NOT NULL,
        monitor_id     uuid        NOT NULL,
        workspace_id   uuid        NOT NULL,
        region         text        NOT NULL,
        kind           text        NOT NULL,
        started_at     timestamptz NOT NULL,
        ok             boolean     NOT NULL,
        degraded       boolean     NOT NULL DEFAULT false,
        latency_ms     integer     NOT NULL,
        dns_ms         integer,
        connect_ms     integer,
        tls_ms         integer,
        first_byte_ms  integer,
        status_code    smallint,
        error          text,
        message        text,
        details        jsonb,
        tls_days_left  integer,
        response_bytes bigint,
        attempts       smallint    NOT NULL DEFAULT 1,
        received_at    timestamptz NOT NULL DEFAULT now()
    $cols$;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        EXECUTE format('CREATE TABLE check_results (%s)', columns);
        PERFORM create_hypertable('check_results', 'time', chunk_time_interval => INTERVAL '1 day');
    ELSE
        EXECUTE format('CREATE TABLE check_results (%s) PARTITION BY RANGE (time)', columns);
        -- Catches rows outside the prepared days so an insert never fails; maintenance moves them out.
        CREATE TABLE check_results_default PARTITION OF check_results DEFAULT;
        PERFORM vigil_ensure_daily_partitions('check_results', (now() AT TIME ZONE 'UTC')::date - 2,
                                              (now() AT TIME ZONE 'UTC')::date + 7);
    END IF;
END
$$;

CREATE UNIQUE INDEX check_results_job_key ON check_results (job_id, time);
CREATE INDEX check_results_monitor_time_idx ON check_results (monitor_id, time DESC);
