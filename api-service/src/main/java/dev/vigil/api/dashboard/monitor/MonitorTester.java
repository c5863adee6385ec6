package dev.vigil.api.dashboard.monitor;

import dev.vigil.api.dashboard.Caller;
import dev.vigil.api.monitor.Monitor;
import dev.vigil.api.monitor.MonitorRepository;
import dev.vigil.api.result.ResultView;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.InvalidRequestException;
import dev.vigil.api.web.NotFoundException;
import dev.vigil.common.check.MonitorType;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.JobIds;
import dev.vigil.common.message.JobKind;
import dev.vigil.common.queue.FrequencyBucket;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.region.RegionProperties;
import dev.vigil.common.sqs.MessagePublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * "Test now": one ON_DEMAND job for a monitor in one region, on the same queue its scheduled checks take, so the
 * region's probes run it like any other; the alerting service stores its result but never lets it touch the
 * monitor's state (the pipeline's rule for ON_DEMAND). The page then polls for the result by job id.
 */
@Component
class MonitorTester {

    private static final Logger log = LoggerFactory.getLogger(MonitorTester.class);
    /** How long the page waits for a result before saying the region did not answer. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final MonitorRepository monitors;
    private final RegionProperties regions;
    private final MessagePublisher publisher;
    private final QueueNames queues;
    private final JdbcClient jdbc;
    private final Clock clock;

    MonitorTester(MonitorRepository monitors, RegionProperties regions, MessagePublisher publisher, QueueNames queues,
                  JdbcClient jdbc, Clock clock) {
        this.monitors = monitors;
        this.regions = regions;
        this.publisher = publisher;
        this.queues = queues;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Sends the job; answers its id. */
    UUID start(Caller caller, UUID monitorId, String region) {
        Monitor monitor = monitors.findByIdAndWorkspaceId(monitorId, caller.workspaceId())
                .orElseThrow(() -> new NotFoundException("monitor"));
        if (monitor.getType() == MonitorType.HEARTBEAT) {
            throw new ConflictException("Not probed", "A heartbeat is not checked by Vigil; the job pings it.");
        }
        if (regions.regions().stream().noneMatch(r -> r.id().equals(region))) {
            throw InvalidRequestException.of("region", "region must be one of " + regions.regions().stream()
                    .map(RegionProperties.Region::id).toList());
        }
        Instant now = clock.instant();
        UUID roundId = JobIds.round(monitorId, now);
        CheckJob job = new CheckJob(JobIds.job(roundId, region, JobKind.ON_DEMAND), roundId, monitorId,
                caller.workspaceId(), now, JobKind.ON_DEMAND, region, monitor.getCheckSpec(), monitor.getTimeoutMs(),
                monitor.getDegradedAboveMs(), monitor.getIntervalSeconds(), List.of(region), 0, null, now);
        publisher.publish(queues.checks(region, FrequencyBucket.forIntervalSeconds(monitor.getIntervalSeconds())),
                job).join();
        log.info("test job sent workspace={} monitor={} region={} job={}", caller.workspaceId(), monitorId, region,
                job.jobId());
        return job.jobId();
    }

    /** The job's result once stored; the monitor id keeps another workspace's job out of reach. */
    Optional<ResultView> result(UUID monitorId, UUID jobId) {
        return jdbc.sql("""
                        SELECT job_id, time, region, kind, ok, degraded, latency_ms, status_code, error, message,
                               dns_ms, connect_ms, tls_ms, first_byte_ms
                        FROM check_results WHERE job_id = ? AND monitor_id = ? AND time > ?""")
                .params(jobId, monitorId, java.sql.Timestamp.from(clock.instant().minus(Duration.ofDays(1))))
                .query((rs, row) -> new ResultView(rs.getObject("job_id", UUID.class),
                        rs.getTimestamp("time").toInstant(), rs.getString("region"), rs.getString("kind"),
                        rs.getBoolean("ok"), rs.getBoolean("degraded"), rs.getLong("latency_ms"),
                        rs.getObject("status_code", Integer.class),
                        rs.getString("message"), rs.getString("error"),
                        new ResultView.Timings(rs.getObject("dns_ms", Integer.class),
                                rs.getObject("connect_ms", Integer.class), rs.getObject("tls_ms", Integer.class),
                                rs.getObject("first_byte_ms", Integer.class)), null, null))
                .optional();
    }

    boolean gaveUp(long startedEpochMs) {
        return clock.instant().isAfter(Instant.ofEpochMilli(startedEpochMs).plus(PATIENCE));
    }
}
