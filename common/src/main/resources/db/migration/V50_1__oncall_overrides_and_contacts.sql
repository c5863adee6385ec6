-- Issue 19: on-call overrides ("who covers when": a member covers a time span of a rotation, replacing whoever is
-- scheduled) and each member's on-call contact (the workspace channels, of any type, and/or their verified email that
-- page them when an escalation level reaches them through a rotation).

CREATE TABLE oncall_overrides (
    id           uuid PRIMARY KEY,
    rotation_id  uuid        NOT NULL REFERENCES oncall_rotations (id) ON DELETE CASCADE,
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    -- Must be a member of the workspace when written; a member who leaves is skipped when paging (no verified
    -- membership, no alert), as for a scheduled member.
    member_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz NOT NULL,
    note         text CHECK (length(note) <= 200),
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at)
);
-- The rotation's overrides that have not ended, read on every page and every escalation.
CREATE INDEX oncall_overrides_rotation_idx ON oncall_overrides (rotation_id, ends_at);

-- No row: the member is paged by email (what rotations did before this table).
CREATE TABLE oncall_contacts (
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- Alert channels of the same workspace; ids of channels deleted since are ignored when paging.
    channel_ids  uuid[]      NOT NULL DEFAULT '{}' CHECK (cardinality(channel_ids) <= 10),
    email        boolean     NOT NULL DEFAULT true,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, user_id)
);
