-- Subscribers hear every occurrence of a recurring maintenance window start and end, not only the first: a notice is
-- kept per occurrence (its start), still once per instance race through the primary key. Notices from before were of
-- one-off windows or first occurrences, which start when the window row says.
ALTER TABLE maintenance_notices ADD COLUMN occurrence_at timestamptz;
UPDATE maintenance_notices n SET occurrence_at = w.starts_at FROM maintenance_windows w WHERE w.id = n.window_id;
ALTER TABLE maintenance_notices ALTER COLUMN occurrence_at SET NOT NULL;
ALTER TABLE maintenance_notices DROP CONSTRAINT maintenance_notices_pkey;
ALTER TABLE maintenance_notices ADD PRIMARY KEY (window_id, occurrence_at, kind);
