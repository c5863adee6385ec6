-- Objects created or adopted by a declarative apply (POST /api/v1/apply), by the stable key the user's file gives
-- them. Only these are ever pruned; objects made through the rest of the API have no row and are never touched. A
-- row whose object was deleted through the API is ignored and cleaned up by the next apply (no foreign key: one
-- column points into four tables).
CREATE TABLE managed_objects (
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    kind         text NOT NULL CHECK (kind IN ('ALERT_CHANNEL', 'MONITOR', 'STATUS_PAGE', 'MAINTENANCE')),
    key          text NOT NULL CHECK (length(key) BETWEEN 1 AND 100),
    object_id    uuid NOT NULL,
    PRIMARY KEY (workspace_id, kind, key),
    UNIQUE (kind, object_id)
);
