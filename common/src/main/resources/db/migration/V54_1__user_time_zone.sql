-- Issue 22: a person's own time zone (an IANA zone id such as Europe/Berlin) for the dashboard's times; NULL means
-- the browser's zone. Checked against the JVM's zone list when set; the length bound keeps junk out at any rate.
ALTER TABLE users ADD COLUMN time_zone text CHECK (time_zone IS NULL OR length(time_zone) BETWEEN 1 AND 64);
