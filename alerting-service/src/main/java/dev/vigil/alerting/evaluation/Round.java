package dev.vigil.alerting.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A monitor's round (one scheduled instant) with the results of every region stored so far. */
record Round(UUID roundId, Instant scheduledAt, List<RoundResult> results) {

    Round {
        results = List.copyOf(results);
    }
}
