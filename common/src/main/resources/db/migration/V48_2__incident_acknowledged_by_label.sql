-- Who acknowledged an incident, in words, for the dashboard: the person's email (dashboard) or the key's prefix and
-- name (API). acknowledged_by keeps the API key id; a dashboard acknowledgement has none, so it was unnamed before.
ALTER TABLE incidents ADD COLUMN acknowledged_by_label text;

-- Earlier dashboard acknowledgements named the person in their timeline entry only.
UPDATE incidents i
SET acknowledged_by_label = substring(e.message FROM '^Acknowledged in the dashboard by (.+)$')
FROM incident_events e
WHERE e.incident_id = i.id AND e.type = 'ACKNOWLEDGED' AND i.acknowledged_at IS NOT NULL
  AND e.message LIKE 'Acknowledged in the dashboard by %';
