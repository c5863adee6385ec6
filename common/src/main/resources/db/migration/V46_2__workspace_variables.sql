-- Issue 17: a workspace's variables (API tokens, passwords) for multi-step API checks ({{vars.NAME}}). Values are
-- sealed with the secret keyring (SecretBox, bound to SealedColumns.workspaceVariable) by the api, never shown back;
-- the scheduler copies the sealed values a check names into its jobs, and only the probe opens them.
CREATE TABLE workspace_variables (
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         text        NOT NULL CHECK (name ~ '^[A-Za-z_][A-Za-z0-9_]{0,63}$'),
    value_sealed text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, name)
);
