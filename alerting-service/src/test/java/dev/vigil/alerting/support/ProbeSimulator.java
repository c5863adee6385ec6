package dev.vigil.alerting.support;

import dev.vigil.common.message.CheckResult;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.JobIds;
import dev.vigil.common.message.JobKind;
import dev.vigil.common.message.PhaseTimings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Produces the results probes in several regions would publish for a monitor's rounds, as the probe-worker does: a
 * SCHEDULED result per region, and after a failure, CONFIRM runs in the other regions of the same round. Whether a
 * request succeeds is asked of a {@link Target}, in the order the requests would reach it.
 */
public final class ProbeSimulator {

    /** The monitored target: answers whether the next request to it succeeds. */
    public interface Target {
        boolean nextRequestSucceeds(String region);

        static Target up() {
            return region -> true;
        }

        static Target down() {
            return region -> false;
        }

        /** Down as seen from one region only (a routing problem near that probe). */
        static Target downFrom(String badRegion) {
            return region -> !region.equals(badRegion);
        }

        /** Every {@code n}th request fails, never two in a row. */
        static Target failingEvery(int n) {
            int[] requests = {0};
            return region -> ++requests[0] % n != 0;
        }

        static Target of(BooleanSupplier supplier) {
            return region -> supplier.getAsBoolean();
        }
    }

    private final UUID workspaceId;
    private final UUID monitorId;
    private final List<String> regions;
    private final boolean confirm;

    public ProbeSimulator(UUID workspaceId, UUID monitorId, List<String> regions, boolean confirm) {
        this.workspaceId = workspaceId;
        this.monitorId = monitorId;
        this.regions = List.copyOf(regions);
        this.confirm = confirm;
    }

    /** The results of one round at {@code scheduledAt} against {@code target}. */
    public List<CheckResult> round(Instant scheduledAt, Target target) {
        UUID roundId = JobIds.round(monitorId, scheduledAt);
        List<CheckResult> results = new ArrayList<>();
        List<String> failedIn = new ArrayList<>();
        for (String region : regions) {
            boolean ok = target.nextRequestSucceeds(region);
            results.add(result(roundId, scheduledAt, region, JobKind.SCHEDULED, ok));
            if (!ok) {
                failedIn.add(region);
            }
        }
        if (confirm) {
            for (String failed : failedIn) {
                for (String other : regions) {
                    if (!other.equals(failed)) {
                        results.add(result(roundId, scheduledAt, other, JobKind.CONFIRM,
                                target.nextRequestSucceeds(other)));
                    }
                }
            }
        }
        return results;
    }

    /** One region's result of the round at {@code scheduledAt}: ok, or an HTTP 503. */
    public CheckResult result(Instant scheduledAt, String region, JobKind kind, boolean ok) {
        return result(JobIds.round(monitorId, scheduledAt), scheduledAt, region, kind, ok);
    }

    private CheckResult result(UUID roundId, Instant scheduledAt, String region, JobKind kind, boolean ok) {
        return new CheckResult(JobIds.job(roundId, region, kind), roundId, monitorId, workspaceId, region, kind,
                scheduledAt, scheduledAt.plusMillis(3), ok, false, ok ? 42 : 500, new PhaseTimings(1L, 2L, null, 30L),
                ok ? 200 : 503, ok ? null : ErrorKind.HTTP_STATUS, ok ? null : "HTTP status 503", List.of(), List.of(),
                null, 64L, 1);
    }
}
