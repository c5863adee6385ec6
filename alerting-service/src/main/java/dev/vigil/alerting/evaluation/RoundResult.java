package dev.vigil.alerting.evaluation;

import dev.vigil.common.message.JobKind;
import java.time.Instant;

/** One stored result of a round, as the judge sees it; {@code cause} is what an alert would name. */
record RoundResult(String region, JobKind kind, boolean ok, boolean degraded, long latencyMs, String cause,
                   Instant receivedAt) {

    static RoundResult ok(String region, JobKind kind, long latencyMs, Instant receivedAt) {
        return new RoundResult(region, kind, true, false, latencyMs, null, receivedAt);
    }

    static RoundResult failed(String region, JobKind kind, String cause, Instant receivedAt) {
        return new RoundResult(region, kind, false, false, 0, cause, receivedAt);
    }
}
