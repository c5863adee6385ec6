-- Why a probe skipped a monitor's rounds: STALE (it was behind: overload, the banner and the operator's gauge) or
-- UNRUNNABLE (it cannot run the type at all: a BROWSER job on a probe without a browser in a mixed fleet). Both are no
-- data in uptime and count in a monitor's skipped checks; only STALE says probes are behind. Rows from before were
-- all stale.
ALTER TABLE skipped_checks ADD COLUMN reason text NOT NULL DEFAULT 'STALE'
    CHECK (reason IN ('STALE', 'UNRUNNABLE'));
