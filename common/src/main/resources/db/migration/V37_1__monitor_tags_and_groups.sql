-- Tags (a name and a colour) and groups (folders, nested once) for monitors, and what the monitor list filters on.
-- Every link carries the workspace in its foreign keys, as monitor_alert_channels does, so no bug in the api could
-- tag a monitor with another workspace's tag or put it in another workspace's group.

CREATE TABLE tags (
    id           uuid PRIMARY KEY,
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    color        text        NOT NULL CHECK (color ~ '^#[0-9a-f]{6}$'),
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tags_id_workspace_key UNIQUE (id, workspace_id)
);
-- "Prod" and "prod" are one tag.
CREATE UNIQUE INDEX tags_workspace_name_key ON tags (workspace_id, lower(name));

CREATE TABLE monitor_tags (
    monitor_id   uuid NOT NULL,
    tag_id       uuid NOT NULL,
    workspace_id uuid NOT NULL,
    PRIMARY KEY (monitor_id, tag_id),
    FOREIGN KEY (monitor_id, workspace_id) REFERENCES monitors (id, workspace_id) ON DELETE CASCADE,
    FOREIGN KEY (tag_id, workspace_id) REFERENCES tags (id, workspace_id) ON DELETE CASCADE
);
-- The list's tag filter is an EXISTS probe by (tag, monitor).
CREATE INDEX monitor_tags_tag_idx ON monitor_tags (tag_id, monitor_id);

-- A group's parent is a top-level group (nested once); the api keeps that rule under the workspace lock. Deleting a
-- group is refused while it has subgroups; its monitors are ungrouped by the api first (so no cascade here, and the
-- foreign keys work on PostgreSQL 13, which cannot SET NULL one column of a composite key).
CREATE TABLE monitor_groups (
    id           uuid PRIMARY KEY,
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    parent_id    uuid,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT monitor_groups_id_workspace_key UNIQUE (id, workspace_id),
    CONSTRAINT monitor_groups_parent_fkey FOREIGN KEY (parent_id, workspace_id)
        REFERENCES monitor_groups (id, workspace_id),
    CHECK (parent_id IS DISTINCT FROM id)
);
-- Sibling names are unique (two "EU" folders side by side would be a trap); the same name under two parents is fine.
CREATE UNIQUE INDEX monitor_groups_name_key
    ON monitor_groups (workspace_id, coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name));
CREATE INDEX monitor_groups_parent_idx ON monitor_groups (parent_id) WHERE parent_id IS NOT NULL;

-- A workspace's monitors cascade with it, so the group link can too.
ALTER TABLE monitors
    ADD COLUMN group_id uuid,
    ADD CONSTRAINT monitors_group_fkey FOREIGN KEY (group_id, workspace_id)
        REFERENCES monitor_groups (id, workspace_id);

-- What the list's search text matches: the name and the target, lower-cased once on write rather than on every row
-- of every search.
ALTER TABLE monitors
    ADD COLUMN search_text text GENERATED ALWAYS AS (lower(name || ' ' || coalesce(check_spec ->> 'url', '') || ' '
        || coalesce(check_spec ->> 'host', '') || ' ' || coalesce(check_spec ->> 'plugin', ''))) STORED;

-- The list is ordered (created_at, id) within a workspace (monitors_workspace_idx); the filters with their own
-- index are the ones that can be selective at 100,000 monitors: a status (few are DOWN), a group, a tag (above).
CREATE INDEX monitors_workspace_status_idx ON monitors (workspace_id, paused, status, created_at, id);
CREATE INDEX monitors_workspace_group_idx ON monitors (workspace_id, group_id, created_at, id);
-- The dashboard lists by name.
CREATE INDEX monitors_workspace_name_idx ON monitors (workspace_id, name, id);

-- Substring search (LIKE '%text%') uses a trigram index where pg_trgm can be created (it is a trusted extension on
-- PostgreSQL 13+, shipped with the server's contrib); without it the search still works, scanning the workspace.
DO
$$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXECUTE 'CREATE INDEX monitors_search_trgm_idx ON monitors USING gin (search_text gin_trgm_ops)';
EXCEPTION
    WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm not available (%), monitor search scans the workspace', SQLERRM;
END
$$;
