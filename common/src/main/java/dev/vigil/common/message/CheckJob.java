package dev.vigil.common.message;

import dev.vigil.common.check.CheckSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One check to run in one region: scheduler → {@code <region>-checks-<freq>}, or probe → {@code <region>-confirm}.
 *
 * @param jobId           deterministic from round, region and kind ({@link JobIds})
 * @param roundId         the monitor's round (monitor id + scheduled instant)
 * @param monitorId       the monitor
 * @param workspaceId     its workspace (carried so results can be attributed without a lookup)
 * @param scheduledAt     the round's instant
 * @param kind            why it runs
 * @param region          the region that must run it
 * @param check           what to check
 * @param timeoutMs       the check's overall time limit
 * @param degradedAboveMs slower than this is DEGRADED; null for no threshold
 * @param intervalSeconds the monitor's interval: a job older than this when received is stale
 * @param regions         all the monitor's regions (where confirmations may be asked)
 * @param confirmations   how many other regions must confirm a failure
 * @param failedRegion    for {@link JobKind#CONFIRM}: the region that saw the failure; else null
 * @param sentAt          when the job was put on the queue
 * @param variables       the workspace variables the check names ({@code {{vars.NAME}}}), still sealed (bound to
 *                        {@code SealedColumns.workspaceVariable}); opened only by the probe, only to send a request
 */
public record CheckJob(UUID jobId, UUID roundId, UUID monitorId, UUID workspaceId, Instant scheduledAt, JobKind kind,
                       String region, CheckSpec check, int timeoutMs, Integer degradedAboveMs, int intervalSeconds,
                       List<String> regions, int confirmations, String failedRegion, Instant sentAt,
                       Map<String, String> variables) {

    public CheckJob {
        regions = regions == null ? List.of() : List.copyOf(regions);
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    /** A job whose check names no workspace variables. */
    public CheckJob(UUID jobId, UUID roundId, UUID monitorId, UUID workspaceId, Instant scheduledAt, JobKind kind,
                    String region, CheckSpec check, int timeoutMs, Integer degradedAboveMs, int intervalSeconds,
                    List<String> regions, int confirmations, String failedRegion, Instant sentAt) {
        this(jobId, roundId, monitorId, workspaceId, scheduledAt, kind, region, check, timeoutMs, degradedAboveMs,
                intervalSeconds, regions, confirmations, failedRegion, sentAt, Map.of());
    }

    /** The same job carrying the sealed values of the workspace variables its check names. */
    public CheckJob withVariables(Map<String, String> sealed) {
        return new CheckJob(jobId, roundId, monitorId, workspaceId, scheduledAt, kind, region, check, timeoutMs,
                degradedAboveMs, intervalSeconds, regions, confirmations, failedRegion, sentAt, sealed);
    }

    /** The regular job of a monitor's round for one region. */
    public static CheckJob scheduled(UUID monitorId, UUID workspaceId, Instant scheduledAt, String region,
                                     CheckSpec check, int timeoutMs, Integer degradedAboveMs, int intervalSeconds,
                                     List<String> regions, int confirmations, Instant sentAt) {
        UUID roundId = JobIds.round(monitorId, scheduledAt);
        return new CheckJob(JobIds.job(roundId, region, JobKind.SCHEDULED), roundId, monitorId, workspaceId,
                scheduledAt, JobKind.SCHEDULED, region, check, timeoutMs, degradedAboveMs, intervalSeconds, regions,
                confirmations, null, sentAt);
    }

    /**
     * The job asking {@code region} to confirm the failure {@code failedRegion} saw in the round of {@code monitorId}
     * scheduled at {@code scheduledAt}; the same id whoever asks, so a repeated question is recognised.
     */
    public static CheckJob confirmation(UUID monitorId, UUID workspaceId, Instant scheduledAt, String region,
                                        CheckSpec check, int timeoutMs, Integer degradedAboveMs, int intervalSeconds,
                                        List<String> regions, int confirmations, String failedRegion,
                                        Instant sentAt) {
        UUID roundId = JobIds.round(monitorId, scheduledAt);
        return new CheckJob(JobIds.job(roundId, region, JobKind.CONFIRM), roundId, monitorId, workspaceId,
                scheduledAt, JobKind.CONFIRM, region, check, timeoutMs, degradedAboveMs, intervalSeconds, regions,
                confirmations, failedRegion, sentAt);
    }

    /**
     * One region's job of a one-shot check (no monitor): the check's id stands for monitor and round, and the job
     * goes stale once {@code answerWithin} has passed, when nobody waits for its answer any more.
     */
    public static CheckJob oneShot(UUID checkId, UUID workspaceId, Instant now, String region, CheckSpec check,
                                   int timeoutMs, Integer degradedAboveMs, List<String> regions,
                                   Duration answerWithin) {
        int staleAfterSeconds = (int) Math.max(1, (answerWithin.toMillis() + 999) / 1000);
        return new CheckJob(JobIds.job(checkId, region, JobKind.ONE_SHOT), checkId, checkId, workspaceId, now,
                JobKind.ONE_SHOT, region, check, timeoutMs, degradedAboveMs, staleAfterSeconds, regions, 0, null, now);
    }

    /** The job asking {@code otherRegion} to confirm the failure this job's region saw in the same round. */
    public CheckJob confirmationIn(String otherRegion, Instant now) {
        return new CheckJob(JobIds.job(roundId, otherRegion, JobKind.CONFIRM), roundId, monitorId, workspaceId,
                scheduledAt, JobKind.CONFIRM, otherRegion, check, timeoutMs, degradedAboveMs, intervalSeconds,
                regions, confirmations, region, now, variables);
    }

    /** The regions, other than this job's, that can be asked to confirm a failure. */
    public List<String> otherRegions() {
        return regions.stream().filter(r -> !r.equals(region)).toList();
    }

    /**
     * Whether the job is too old to be worth running: its round's interval has passed, so a newer round is already
     * due (docs/architecture.md: a job older than its interval when received is dropped and counted).
     */
    public boolean isStaleAt(Instant now) {
        return isStaleAt(now, Duration.ZERO);
    }

    /**
     * Whether the job is too old to be worth running even with {@code grace} added to its interval: the time a job
     * whose first worker died with it (kill -9, a lost host) spent hidden before SQS offered it again. Without it a
     * crashed probe's in-flight check would be checked, never stored, and then dropped as stale on redelivery.
     */
    public boolean isStaleAt(Instant now, Duration grace) {
        return scheduledAt.plus(Duration.ofSeconds(Math.max(intervalSeconds, 1))).plus(grace).isBefore(now);
    }
}
