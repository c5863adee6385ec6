-- Issue 9: public status pages, the updates authors post on incidents, and email subscribers of a page.

-- A workspace's public page. The slug is global (it is the URL), and so is the custom domain (the Host header picks
-- the page). A page is private when it has a password (bcrypt, never the clear text) or an IP allow-list.
CREATE TABLE status_pages (
    id            uuid PRIMARY KEY,
    workspace_id  uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    slug          text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$'),
    title         text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description   text        NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    logo_url      text,
    custom_domain text,
    password_hash text,
    allowed_ips   text[]      NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX status_pages_workspace_idx ON status_pages (workspace_id, created_at, id);
CREATE UNIQUE INDEX status_pages_custom_domain_key ON status_pages (lower(custom_domain))
    WHERE custom_domain IS NOT NULL;

-- The components a page shows, in order; each is bound to one monitor of the page's workspace. Components with the
-- same group are shown together, groups in the order of their first component.
CREATE TABLE status_page_components (
    id         uuid PRIMARY KEY,
    page_id    uuid    NOT NULL REFERENCES status_pages (id) ON DELETE CASCADE,
    monitor_id uuid    NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    name       text    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    group_name text CHECK (length(group_name) BETWEEN 1 AND 200),
    position   integer NOT NULL
);
CREATE INDEX status_page_components_page_idx ON status_page_components (page_id, position);
CREATE INDEX status_page_components_monitor_idx ON status_page_components (monitor_id);

-- What authors tell the public about an incident, in the Statuspage vocabulary.
CREATE TABLE incident_updates (
    id             uuid PRIMARY KEY,
    incident_id    uuid        NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    workspace_id   uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    status         text        NOT NULL CHECK (status IN ('investigating', 'identified', 'monitoring', 'resolved')),
    message        text        NOT NULL CHECK (length(message) BETWEEN 1 AND 5000),
    author_user_id uuid,
    author_label   text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incident_updates_incident_idx ON incident_updates (incident_id, created_at, id);

-- Email subscribers of a page: double opt-in (confirmed_at is set by the link of the confirmation mail). The
-- confirmation token is stored as a SHA-256 hash (it proves ownership of the address); the unsubscribe token is kept
-- in clear because every later mail carries it, and all it can do is end that one subscription.
CREATE TABLE status_page_subscribers (
    id                 uuid PRIMARY KEY,
    page_id            uuid        NOT NULL REFERENCES status_pages (id) ON DELETE CASCADE,
    email              text        NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    confirm_token_hash bytea       NOT NULL UNIQUE,
    unsubscribe_token  text        NOT NULL UNIQUE,
    created_at         timestamptz NOT NULL DEFAULT now(),
    confirmed_at       timestamptz
);
CREATE UNIQUE INDEX status_page_subscribers_email_key ON status_page_subscribers (page_id, lower(email));
