-- Rate limit token buckets shared by every api-service instance (issue 14): one row per limit and client, taken
-- from with one atomic UPSERT per request. UNLOGGED: a crash that loses the buckets only resets the limits, and
-- skipping the WAL keeps this hot, tiny table cheap. Rows of buckets that have filled up again are deleted.
CREATE UNLOGGED TABLE rate_limit_buckets (
    bucket     text             PRIMARY KEY,
    limit_name text             NOT NULL,
    tokens     double precision NOT NULL,
    granted    boolean          NOT NULL,
    updated_at timestamptz      NOT NULL
);

CREATE INDEX rate_limit_buckets_by_age ON rate_limit_buckets (limit_name, updated_at);
