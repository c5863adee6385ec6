package dev.vigil.api.oneshot;

import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.monitor.Monitor;
import dev.vigil.api.monitor.MonitorRepository;
import dev.vigil.api.monitor.ProbedChecks;
import dev.vigil.api.ratelimit.RateLimits;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.ForbiddenException;
import dev.vigil.api.web.NotFoundException;
import dev.vigil.common.check.MonitorType;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.JobIds;
import dev.vigil.common.message.JobKind;
import dev.vigil.common.queue.FrequencyBucket;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.sqs.MessagePublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs a check now and waits for every region's answer, for at most the check's timeout plus {@link #SLACK}:
 *
 * <ol>
 *   <li>refuse a VIEWER (a check costs probe time in every region and requests to the target) and take one from the
 *       workspace's one-shot bucket (shared by the REST API and the MCP tools);</li>
 *   <li>a one-shot check: validate the spec by the monitor rules, record the check ({@code one_shot_checks}: which
 *       workspace, which regions, until when) so the ingest accepts its results, and send one {@code ONE_SHOT} job
 *       per region on the region's fastest check queue; "run now": one {@code ON_DEMAND} job per region of the
 *       monitor on its usual queue (stored in its results, never feeding its state);</li>
 *   <li>poll for the results until every region answered or the wait ran out; regions that did not answer are
 *       listed as {@code NO_ANSWER};</li>
 *   <li>delete the one-shot check: a late answer is then dropped by the ingest, and nothing is kept.</li>
 * </ol>
 *
 * Probes run these jobs like any other: through the SSRF guard and within the workspace's check slots.
 */
@Service
public class OneShotChecks {

    private static final Logger log = LoggerFactory.getLogger(OneShotChecks.class);
    /** Beyond the check's timeout: queue, probe pick-up, the result's pack and the ingest's batch. */
    static final Duration SLACK = Duration.ofSeconds(5);
    private static final Duration POLL_EVERY = Duration.ofMillis(200);

    private final ProbedChecks checks;
    private final MonitorRepository monitors;
    private final OneShotResults results;
    private final MessagePublisher publisher;
    private final QueueNames queues;
    private final RateLimits rateLimits;
    private final MeterRegistry meters;
    private final Clock clock;

    OneShotChecks(ProbedChecks checks, MonitorRepository monitors, OneShotResults results,
                  MessagePublisher publisher, QueueNames queues, RateLimits rateLimits, MeterRegistry meters,
                  Clock clock) {
        this.checks = checks;
        this.monitors = monitors;
        this.results = results;
        this.publisher = publisher;
        this.queues = queues;
        this.rateLimits = rateLimits;
        this.meters = meters;
        this.clock = clock;
    }

    /** Runs the check from each region asked (all by default), no monitor created; answers each region's result. */
    public CheckReport run(ApiPrincipal caller, CheckRunRequest request) {
        requireWriter(caller);
        ProbedChecks.ProbedCheck check = checks.validate(caller.workspaceId(), request.asMonitorRequest());
        rateLimits.takeOneShotCheck(caller.workspaceId());
        Instant now = clock.instant();
        Duration wait = Duration.ofMillis(check.timeoutMs()).plus(SLACK);
        UUID checkId = UUID.randomUUID();
        results.open(checkId, caller.workspaceId(), check.regions(), now, now.plus(wait));
        try {
            Map<String, CheckJob> jobs = new LinkedHashMap<>();
            check.regions().forEach(region -> jobs.put(region, CheckJob.oneShot(checkId, caller.workspaceId(), now,
                    region, check.check(), check.timeoutMs(), check.degradedAboveMs(), check.regions(), wait)));
            List<String> sent = send(jobs, FrequencyBucket.forIntervalSeconds(1));
            log.info("one-shot check sent workspace={} check={} type={} regions={}", caller.workspaceId(), checkId,
                    check.check().type(), sent);
            Map<String, RegionAnswer> answers = await(now.plus(wait), sent,
                    () -> results.oneShotAnswers(checkId));
            return report(checkId, null, check.check().type().name(), false, check.regions(), answers);
        } finally {
            results.close(checkId);
        }
    }

    /**
     * Runs a monitor's check now in each of its regions; the results are stored in its history (kind ON_DEMAND, as the
     * dashboard's "test now") and never change its state; answers each region's result.
     */
    public CheckReport trigger(ApiPrincipal caller, UUID monitorId) {
        requireWriter(caller);
        Monitor monitor = monitors.findByIdAndWorkspaceId(monitorId, caller.workspaceId())
                .orElseThrow(() -> new NotFoundException("monitor"));
        if (monitor.getType() == MonitorType.HEARTBEAT) {
            throw new ConflictException("Not probed", "A heartbeat is not checked by Vigil; its job pings it.");
        }
        rateLimits.takeOneShotCheck(caller.workspaceId());
        ProbedChecks.ProbedCheck check = ProbedChecks.of(monitor);
        Instant now = clock.instant();
        Duration wait = Duration.ofMillis(check.timeoutMs()).plus(SLACK);
        UUID roundId = JobIds.round(monitorId, now);
        Map<UUID, String> jobs = new LinkedHashMap<>();
        Map<String, CheckJob> byRegion = new LinkedHashMap<>();
        for (String region : check.regions()) {
            CheckJob job = new CheckJob(JobIds.job(roundId, region, JobKind.ON_DEMAND), roundId, monitorId,
                    caller.workspaceId(), now, JobKind.ON_DEMAND, region, check.check(), check.timeoutMs(),
                    check.degradedAboveMs(), monitor.getIntervalSeconds(), List.of(region), 0, null, now);
            jobs.put(job.jobId(), region);
            byRegion.put(region, job);
        }
        List<String> sent = send(byRegion, FrequencyBucket.forIntervalSeconds(monitor.getIntervalSeconds()));
        log.info("monitor run now workspace={} monitor={} regions={}", caller.workspaceId(), monitorId, sent);
        Map<String, RegionAnswer> answers = await(now.plus(wait), sent,
                () -> results.monitorAnswers(monitorId, now, jobs));
        return report(null, monitorId, monitor.getType().name(), true, check.regions(), answers);
    }

    /**
     * Publishes each region's job; answers the regions whose job went out. A region whose queue cannot be reached
     * (not provisioned, SQS failing) is not waited for and is reported as not answering, rather than failing the
     * regions that work.
     */
    private List<String> send(Map<String, CheckJob> jobs, FrequencyBucket bucket) {
        Map<String, CompletableFuture<Void>> sending = new LinkedHashMap<>();
        jobs.forEach((region, job) -> {
            try {
                sending.put(region, publisher.publish(queues.checks(region, bucket), job));
            } catch (RuntimeException e) {
                // The queue's URL is looked up before the send: an unknown queue fails here, not in the future.
                sending.put(region, CompletableFuture.failedFuture(e));
            }
        });
        List<String> sent = new java.util.ArrayList<>();
        sending.forEach((region, future) -> {
            try {
                future.join();
                sent.add(region);
            } catch (RuntimeException e) {
                log.warn("one-shot job not sent region={} error={}", region, e.toString());
            }
        });
        return sent;
    }

    private Map<String, RegionAnswer> await(Instant deadline, List<String> regions, Answers answers) {
        Map<String, RegionAnswer> got = answers.now();
        while (got.size() < regions.size() && clock.instant().isBefore(deadline)) {
            try {
                Thread.sleep(POLL_EVERY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            got = answers.now();
        }
        return got;
    }

    private CheckReport report(UUID checkId, UUID monitorId, String type, boolean stored, List<String> regions,
                               Map<String, RegionAnswer> answers) {
        List<RegionAnswer> inOrder = regions.stream()
                .map(region -> answers.getOrDefault(region, RegionAnswer.noAnswer(region))).toList();
        boolean complete = answers.keySet().containsAll(regions);
        meters.counter("vigil.api.one.shot.checks", "kind", checkId != null ? "one-shot" : "run-now",
                "complete", Boolean.toString(complete)).increment();
        return new CheckReport(checkId, monitorId, type, complete, stored, inOrder);
    }

    private static void requireWriter(ApiPrincipal caller) {
        if (!caller.canWrite()) {
            throw new ForbiddenException("A VIEWER key cannot run checks: they cost probe time in every region and "
                    + "send requests to the target. Use an ADMIN or OWNER key.");
        }
    }

    @FunctionalInterface
    private interface Answers {
        Map<String, RegionAnswer> now();
    }
}
