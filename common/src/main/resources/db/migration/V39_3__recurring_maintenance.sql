-- Recurring maintenance windows: starts_at/ends_at are the first occurrence; recurrence (an RFC 5545 RRULE, null for
-- a one-off window) repeats it in time_zone; series_ends_at is when the last occurrence ends (null: no end), so
-- readers can skip finished series in SQL and expand the rest (common.maintenance.MaintenanceRecurrence).
-- checks: RUN keeps checking during the window (data kept, alerts suppressed; the default for new windows, as the
-- design says), PAUSE sends no checks. Windows made before this keep the behaviour they were made with (PAUSE).
ALTER TABLE maintenance_windows
    ADD COLUMN recurrence     text CHECK (length(recurrence) <= 500),
    ADD COLUMN time_zone      text CHECK (length(time_zone) <= 100),
    ADD COLUMN series_ends_at timestamptz,
    ADD COLUMN checks         text NOT NULL DEFAULT 'PAUSE' CHECK (checks IN ('RUN', 'PAUSE'));

CREATE INDEX maintenance_windows_recurring_idx ON maintenance_windows (starts_at) WHERE recurrence IS NOT NULL;
