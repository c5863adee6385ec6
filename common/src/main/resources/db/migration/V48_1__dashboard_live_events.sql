-- Live dashboard: the API instances LISTEN on dashboard_events and push what they hear to the open pages of the
-- workspace named in the payload (server-sent events), so no page polls and no stream queries the database per
-- connection. Payloads are small JSON objects: w (workspace), m (monitor), k (kind) and a few fields per kind.
-- PostgreSQL folds identical payloads sent in one transaction into one notification.

-- A monitor's status changed (the alerting service's transitions), it was paused or resumed, created or deleted.
CREATE FUNCTION vigil_notify_dashboard_monitor() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    row_now monitors;
BEGIN
    IF TG_OP = 'DELETE' THEN
        row_now := OLD;
    ELSE
        row_now := NEW;
    END IF;
    PERFORM pg_notify('dashboard_events', json_build_object(
            'w', row_now.workspace_id, 'm', row_now.id,
            'k', CASE TG_OP WHEN 'INSERT' THEN 'added' WHEN 'DELETE' THEN 'removed' ELSE 'status' END,
            's', CASE WHEN row_now.paused THEN 'PAUSED' ELSE row_now.status END)::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER monitors_dashboard_insert_delete
    AFTER INSERT OR DELETE ON monitors
    FOR EACH ROW EXECUTE FUNCTION vigil_notify_dashboard_monitor();

CREATE TRIGGER monitors_dashboard_status
    AFTER UPDATE OF status, paused ON monitors
    FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.paused IS DISTINCT FROM NEW.paused)
    EXECUTE FUNCTION vigil_notify_dashboard_monitor();

-- A result was stored: the beat bar and "checked 5 s ago" move. One notification per row; the writer stores a batch
-- in one transaction, so they arrive together when it commits (and not at all if it rolls back).
CREATE FUNCTION vigil_notify_dashboard_result() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('dashboard_events', json_build_object(
            'w', NEW.workspace_id, 'm', NEW.monitor_id, 'k', 'result', 'r', NEW.region, 'ok', NEW.ok,
            'ms', NEW.latency_ms, 't', NEW.time)::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER check_results_dashboard
    AFTER INSERT ON check_results
    FOR EACH ROW EXECUTE FUNCTION vigil_notify_dashboard_result();

-- An incident opened, was acknowledged or resolved.
CREATE FUNCTION vigil_notify_dashboard_incident() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('dashboard_events', json_build_object(
            'w', NEW.workspace_id, 'm', NEW.monitor_id, 'k', 'incident', 'i', NEW.id, 's', NEW.status,
            'ack', NEW.acknowledged_at IS NOT NULL)::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER incidents_dashboard
    AFTER INSERT OR UPDATE OF status, acknowledged_at ON incidents
    FOR EACH ROW EXECUTE FUNCTION vigil_notify_dashboard_incident();
