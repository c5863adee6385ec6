package dev.vigil.common.message;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Checks a probe could not run in time and dropped (jobs older than their interval when a check slot came free):
 * probe → {@code results}, every few seconds while it drops any, marked by the message attribute
 * {@link #MESSAGE_KIND_ATTRIBUTE} = {@link #MESSAGE_KIND}. One entry per run of consecutive skipped rounds of a
 * monitor, so a monitor skipped for an hour costs a few entries, not one per round. The alerting service stores each
 * run once (by monitor, region and first round), whatever the redeliveries.
 *
 * @param region     the probe's region
 * @param instanceId the probe instance that dropped them
 * @param sentAt     when this report was sent
 * @param runs       the runs of skipped rounds since the last report
 */
public record ChecksSkipped(String region, String instanceId, Instant sentAt, List<Run> runs) {

    /** The message attribute telling this message from the check results that share the queue. */
    public static final String MESSAGE_KIND_ATTRIBUTE = "vigil-message";
    public static final String MESSAGE_KIND = "checks-skipped";

    public ChecksSkipped {
        runs = runs == null ? List.of() : List.copyOf(runs);
    }

    /**
     * Consecutive rounds of one monitor skipped in this region for one reason: {@code firstAt},
     * {@code firstAt + interval}, ..., {@code lastAt}.
     *
     * @param monitorId       the monitor
     * @param workspaceId     its workspace
     * @param firstAt         the first skipped round's instant
     * @param lastAt          the last skipped round's instant
     * @param checks          how many rounds were skipped
     * @param intervalSeconds the monitor's interval (a round covers {@code [at, at + interval)})
     * @param reason          {@link #STALE} (the probe was behind: overload) or {@link #UNRUNNABLE} (this probe cannot
     *                        run the type at all, a BROWSER job on a probe without a browser); absent in reports of
     *                        older probes, which only reported stale jobs
     */
    public record Run(UUID monitorId, UUID workspaceId, Instant firstAt, Instant lastAt, int checks,
                      int intervalSeconds, String reason) {

        public static final String STALE = "STALE";
        public static final String UNRUNNABLE = "UNRUNNABLE";

        public Run {
            reason = reason == null ? STALE : reason;
        }

        /** A run of stale rounds, as older probes reported them. */
        public Run(UUID monitorId, UUID workspaceId, Instant firstAt, Instant lastAt, int checks, int intervalSeconds) {
            this(monitorId, workspaceId, firstAt, lastAt, checks, intervalSeconds, STALE);
        }

        /** Whether the round at {@code at}, skipped for {@code why}, follows this run directly. */
        public boolean continuedBy(Instant at, int interval, String why) {
            return interval == intervalSeconds && reason.equals(why)
                    && lastAt.plus(Duration.ofSeconds(interval)).equals(at);
        }

        /** This run with the round at {@code at} added at its end. */
        public Run plus(Instant at) {
            return new Run(monitorId, workspaceId, firstAt, at, checks + 1, intervalSeconds, reason);
        }

        /** The first stale round of a run. */
        public static Run of(UUID monitorId, UUID workspaceId, Instant at, int intervalSeconds) {
            return of(monitorId, workspaceId, at, intervalSeconds, STALE);
        }

        /** The first round of a run skipped for {@code reason}. */
        public static Run of(UUID monitorId, UUID workspaceId, Instant at, int intervalSeconds, String reason) {
            return new Run(monitorId, workspaceId, at, at, 1, intervalSeconds, reason);
        }
    }
}
