-- Screenshots kept in an object store (V53_1) must go when their row goes, however it goes: retention, a monitor's
-- deletion, a workspace's (both reach check_artifacts by ON DELETE CASCADE, which no application code sees). A row
-- trigger queues the object's key in the same transaction as the delete, so a key is queued exactly when its row is
-- gone and a crash loses neither; the alerting service (which owns the store) drains the queue, deleting each object
-- and then its entry. Deleting an object that is already gone is no error, so a drain cut short just runs again.
CREATE TABLE screenshot_deletions (
    key       text        PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 1024),
    queued_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX screenshot_deletions_queued_idx ON screenshot_deletions (queued_at);

CREATE FUNCTION vigil_queue_screenshot_deletion() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO screenshot_deletions (key) VALUES (OLD.screenshot_key) ON CONFLICT (key) DO NOTHING;
    RETURN OLD;
END
$$;

CREATE TRIGGER check_artifacts_queue_screenshot_deletion
    AFTER DELETE ON check_artifacts
    FOR EACH ROW WHEN (OLD.screenshot_key IS NOT NULL)
    EXECUTE FUNCTION vigil_queue_screenshot_deletion();
