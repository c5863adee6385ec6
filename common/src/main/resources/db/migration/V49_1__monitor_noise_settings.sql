-- Issue 19, per-monitor noise settings. NULL in any of them means the deployment's value (vigil.evaluation.*), so
-- changing a deployment default still reaches every monitor that did not choose its own.
ALTER TABLE monitors
    -- Failed rounds in a row in a region before that region's failure counts (Nagios' max_check_attempts).
    ADD COLUMN failures_in_row    integer CHECK (failures_in_row BETWEEN 1 AND 10),
    -- Passing rounds in a row before a DOWN monitor is UP again and its incident resolves.
    ADD COLUMN recovery_rounds    integer CHECK (recovery_rounds BETWEEN 1 AND 10),
    -- Flap detection: on or off, and how many up/down changes within how many rounds make the monitor FLAPPING.
    ADD COLUMN flap_detection     boolean,
    ADD COLUMN flap_transitions   integer CHECK (flap_transitions BETWEEN 2 AND 50),
    ADD COLUMN flap_window_rounds integer CHECK (flap_window_rounds BETWEEN 2 AND 200),
    ADD CONSTRAINT monitors_flap_transitions_fit_window
        CHECK (flap_transitions IS NULL OR flap_window_rounds IS NULL OR flap_transitions <= flap_window_rounds);

-- Each region's failed rounds in a row, {"eu-west": 2}; a region that passed a round is left out. Read and written
-- with the state row, so the evaluator needs no statement of its own for it.
ALTER TABLE monitor_states ADD COLUMN region_failures jsonb NOT NULL DEFAULT '{}';
