package dev.vigil.alerting.evaluation;

import java.time.Instant;
import java.util.List;

/** What a round says about its monitor, or that it cannot say yet. */
sealed interface RoundVerdict {

    /**
     * Not decided: confirmations or regions are still expected until {@code decideBy}; {@code ask} names the regions
     * to ask for a confirmation now (empty when the round only waits for its regions' own results).
     */
    record Pending(Instant decideBy, List<String> ask) implements RoundVerdict {

        public Pending {
            ask = List.copyOf(ask);
        }

        public Pending(Instant decideBy) {
            this(decideBy, List.of());
        }
    }

    /** The first failure was confirmed by enough other regions: the target is down. */
    record Down(List<String> failedRegions, List<String> okRegions, String firstRegion, String cause)
            implements RoundVerdict {
    }

    /** A failure that other regions did not confirm: recorded and shown, alerted to no one. */
    record NotConfirmed(List<String> failedRegions, List<String> okRegions, String cause) implements RoundVerdict {
    }

    /**
     * A failure that does not count yet: no failing region has failed the monitor's {@code failuresInRow} rounds in a
     * row. Recorded and shown like an unconfirmed one, alerted to no one; unlike a pass, it does not count toward a
     * recovery.
     */
    record Tolerated(List<String> failedRegions, List<String> okRegions, String cause) implements RoundVerdict {
    }

    /** Every region that reported was fine; {@code slow} when most were slower than the monitor's threshold. */
    record Up(boolean slow) implements RoundVerdict {
    }
}
