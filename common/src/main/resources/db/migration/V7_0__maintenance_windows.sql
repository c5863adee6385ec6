-- Maintenance windows: shared by the scheduler (no checks for covered monitors), the alerting service (no incidents
-- or alerts), uptime (excluded from downtime) and status pages (announced). Windows are workspace-owned; the link
-- table names the monitors a window covers.
CREATE TABLE maintenance_windows (
    id           uuid PRIMARY KEY,
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    title        text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description  text        NOT NULL DEFAULT '' CHECK (length(description) <= 10000),
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at)
);

CREATE INDEX maintenance_windows_workspace_idx ON maintenance_windows (workspace_id, starts_at DESC);
CREATE INDEX maintenance_windows_ends_idx ON maintenance_windows (ends_at);

CREATE TABLE maintenance_window_monitors (
    window_id  uuid NOT NULL REFERENCES maintenance_windows (id) ON DELETE CASCADE,
    monitor_id uuid NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    PRIMARY KEY (window_id, monitor_id)
);

CREATE INDEX maintenance_window_monitors_monitor_idx ON maintenance_window_monitors (monitor_id);

-- The scheduler listens on this channel: a window created, moved or removed changes which monitors run. The payload
-- is the window id; listeners reload the windows (there are few) rather than trusting the payload.
CREATE FUNCTION vigil_notify_maintenance_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('maintenance_changed', COALESCE(NEW.id, OLD.id)::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER maintenance_windows_notify
    AFTER INSERT OR UPDATE OR DELETE ON maintenance_windows
    FOR EACH ROW EXECUTE FUNCTION vigil_notify_maintenance_changed();

CREATE FUNCTION vigil_notify_maintenance_link_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('maintenance_changed', COALESCE(NEW.window_id, OLD.window_id)::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER maintenance_window_monitors_notify
    AFTER INSERT OR DELETE ON maintenance_window_monitors
    FOR EACH ROW EXECUTE FUNCTION vigil_notify_maintenance_link_changed();
