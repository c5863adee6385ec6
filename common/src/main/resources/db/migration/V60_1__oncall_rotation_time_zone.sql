-- Issue 19: a rotation hands over at the same local time all year (09:00 in Berlin stays 09:00 across daylight saving
-- changes): shifts are whole days or weeks in time_zone, an IANA region zone. NULL: UTC, as rotations made before.
ALTER TABLE oncall_rotations
    ADD COLUMN time_zone text CHECK (time_zone IS NULL OR length(time_zone) BETWEEN 1 AND 64);
