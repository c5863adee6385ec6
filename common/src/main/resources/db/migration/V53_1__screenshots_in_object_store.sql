-- Issue 17: a failed browser check's screenshot may live in an S3-compatible store (vigil.artifacts.store=s3)
-- rather than in the row: the row then holds the object's key, and is still what every read goes through (the api
-- finds it only for the monitor's workspace). A row holds the picture or its key, never both. Retention deletes the
-- object, then the row.
ALTER TABLE check_artifacts ADD COLUMN screenshot_key text
    CHECK (screenshot_key IS NULL OR length(screenshot_key) BETWEEN 1 AND 1024);
ALTER TABLE check_artifacts ADD CONSTRAINT check_artifacts_one_screenshot
    CHECK (screenshot_png IS NULL OR screenshot_key IS NULL);
-- Retention finds the rows whose objects it must delete first.
CREATE INDEX check_artifacts_keyed_time_idx ON check_artifacts (time) WHERE screenshot_key IS NOT NULL;
