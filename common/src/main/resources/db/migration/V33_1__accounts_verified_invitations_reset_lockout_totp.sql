-- Issue 14 (hostile tenants), accounts: proof of address, invitations only the invitee can accept, password reset,
-- sign-in lock-out that holds across api instances, optional TOTP two-factor sign-in.

-- An address is proven by following a link mailed to it (or by accepting an invitation or resetting a password, which
-- arrive the same way). Accounts made before this could not prove theirs: they are taken as verified, as before.
ALTER TABLE users
    ADD COLUMN email_verified_at timestamptz,
    -- Bumped when the password is reset: every dashboard session signed in under an older value ends.
    ADD COLUMN session_epoch     integer NOT NULL DEFAULT 0,
    -- TOTP shared secret, sealed like channel secrets; the last time step accepted, so a code works only once.
    ADD COLUMN totp_secret       text,
    ADD COLUMN totp_enabled_at   timestamptz,
    ADD COLUMN totp_last_step    bigint;
UPDATE users SET email_verified_at = created_at WHERE password_hash IS NOT NULL;

-- Single-use links mailed to an account's address: 192 random bits, kept only as a SHA-256 hash, bound to one purpose
-- and one user, expiring; used_at marks the one use.
CREATE TABLE account_tokens (
    token_hash bytea PRIMARY KEY,
    purpose    text        NOT NULL CHECK (purpose IN ('VERIFY_EMAIL', 'RESET_PASSWORD')),
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX account_tokens_user_idx ON account_tokens (user_id, purpose);

-- Recovery codes for a lost authenticator: shown once, kept as hashes, each usable once.
CREATE TABLE user_recovery_codes (
    user_id   uuid  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash bytea NOT NULL,
    used_at   timestamptz,
    PRIMARY KEY (user_id, code_hash)
);

-- Failed sign-ins per address (lower-cased), registered or not, so a lock-out answer says nothing about whether an
-- account exists; in the database so every api instance sees the same count.
CREATE TABLE sign_in_failures (
    email           text PRIMARY KEY,
    failures        integer     NOT NULL,
    last_failure_at timestamptz NOT NULL,
    locked_until    timestamptz
);

-- An invitation is an address, a role and a mailed token; it is not a membership. The person joins when they accept
-- it signed in as (or creating) the account of that address. Nothing about the address's account is looked up when
-- inviting, so the inviter learns nothing about whether it is registered.
CREATE TABLE workspace_invitations (
    id           uuid PRIMARY KEY,
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    email        text        NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    role         text        NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'VIEWER')),
    invited_by   uuid REFERENCES users (id) ON DELETE SET NULL,
    token_hash   bytea       NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL
);
CREATE UNIQUE INDEX workspace_invitations_email_key ON workspace_invitations (workspace_id, lower(email));

-- The old invitations' tokens were shown to the inviter, who could choose the invitee's password with them: they are
-- withdrawn, with the password-less accounts and memberships they made. Inviters invite again; the mail now goes to
-- the invitee.
DROP TABLE member_invitations;
DELETE FROM workspace_members m USING users u WHERE u.id = m.user_id AND u.password_hash IS NULL;
DELETE FROM users WHERE password_hash IS NULL;
