-- Issue 21: the alerting service asks other regions to confirm a round's failure, once per round, instead of every
-- failing probe asking every other region (six confirmation checks per round when three regions fail together, none
-- needed). It remembers here which regions it asked for the round the monitor is waiting on.
ALTER TABLE monitor_states
    ADD COLUMN confirm_round_id uuid,
    ADD COLUMN confirm_asked    text[] NOT NULL DEFAULT '{}';
