-- A custom domain is served only once proved (issue 14): a TXT record _vigil-challenge.<domain> holding the page's
-- domain_token, checked on request. Existing custom domains get a token and must be verified before they are served
-- again; until a domain is verified, any page may claim it, so nobody can squat a domain they do not control.
ALTER TABLE status_pages
    ADD COLUMN domain_token       text,
    ADD COLUMN domain_verified_at timestamptz;

UPDATE status_pages SET domain_token = replace(gen_random_uuid()::text, '-', '') WHERE custom_domain IS NOT NULL;

DROP INDEX status_pages_custom_domain_key;
CREATE UNIQUE INDEX status_pages_verified_domain_key ON status_pages (lower(custom_domain))
    WHERE custom_domain IS NOT NULL AND domain_verified_at IS NOT NULL;
