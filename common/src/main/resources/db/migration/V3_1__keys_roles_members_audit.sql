-- Issue 3: roles on API keys, invitations of people who have no account yet, and the audit log.

-- A key acts with the lesser of its own role and its creator's current role in the workspace, so demoting or removing
-- a member takes effect on their keys at once. Keys made before roles existed were the owners' sign-up keys.
ALTER TABLE api_keys
    ADD COLUMN role text NOT NULL DEFAULT 'OWNER' CHECK (role IN ('OWNER', 'ADMIN', 'VIEWER'));
ALTER TABLE api_keys
    ALTER COLUMN role DROP DEFAULT;
CREATE INDEX api_keys_creator_idx ON api_keys (workspace_id, created_by) WHERE revoked_at IS NULL;

-- A user invited by email who has not yet chosen a password has none: nobody can sign in as them until they accept.
ALTER TABLE users
    ALTER COLUMN password_hash DROP NOT NULL;

-- An invitation to a workspace, for a user without a password. The token is shown once to the inviter and kept only
-- as a SHA-256 hash (192 random bits, like API keys); it dies with the membership it belongs to.
CREATE TABLE member_invitations (
    token_hash   bytea PRIMARY KEY,
    workspace_id uuid        NOT NULL,
    user_id      uuid        NOT NULL,
    invited_by   uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    FOREIGN KEY (workspace_id, user_id) REFERENCES workspace_members (workspace_id, user_id) ON DELETE CASCADE
);
CREATE INDEX member_invitations_member_idx ON member_invitations (workspace_id, user_id);
CREATE INDEX member_invitations_user_idx ON member_invitations (user_id);

-- Who changed what, when. Actors are kept as ids plus a label taken at the time (email, key prefix and name), without
-- foreign keys, so the history outlives the people and keys it names. "seq" orders events written in one
-- transaction, which share a timestamp.
CREATE TABLE audit_events (
    id            uuid PRIMARY KEY,
    seq           bigint GENERATED ALWAYS AS IDENTITY,
    workspace_id  uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    occurred_at   timestamptz NOT NULL,
    actor_user_id uuid,
    actor_key_id  uuid,
    actor_label   text        NOT NULL,
    action        text        NOT NULL,
    resource_type text        NOT NULL,
    resource_id   uuid,
    summary       jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_events_workspace_idx ON audit_events (workspace_id, seq DESC);
CREATE INDEX audit_events_resource_idx ON audit_events (workspace_id, resource_type, resource_id, seq DESC);
