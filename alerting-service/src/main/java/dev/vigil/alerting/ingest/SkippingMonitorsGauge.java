package dev.vigil.alerting.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The operator's view of overload: {@code vigil.overload.monitors.skipping}, the monitors (of every workspace) with
 * checks skipped in the last {@link #WINDOW}, and {@code vigil.overload.workspaces.skipping}, the workspaces whose
 * dashboards show the overload banner. Counted from {@code skipped_checks} every 30 s (one index range scan), not at
 * scrape time, so a slow database never slows a scrape; every alerting instance reports the same figure.
 */
@Component
class SkippingMonitorsGauge {

    private static final Logger log = LoggerFactory.getLogger(SkippingMonitorsGauge.class);
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AtomicLong monitors = new AtomicLong();
    private final AtomicLong workspaces = new AtomicLong();

    SkippingMonitorsGauge(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder("vigil.overload.monitors.skipping", monitors, AtomicLong::get)
                .description("Monitors with checks skipped (probes behind) in the last 15 minutes").register(meters);
        Gauge.builder("vigil.overload.workspaces.skipping", workspaces, AtomicLong::get)
                .description("Workspaces with checks skipped in the last 15 minutes (their dashboards show a banner)")
                .register(meters);
    }

    @Scheduled(initialDelayString = "PT5S", fixedDelayString = "PT30S")
    void refresh() {
        try {
            jdbc.sql("""
                            SELECT count(DISTINCT monitor_id) AS monitors, count(DISTINCT workspace_id) AS workspaces
                            FROM skipped_checks WHERE last_at >= ? AND reason = 'STALE'""")
                    .param(Timestamp.from(clock.instant().minus(WINDOW)))
                    .query(rs -> {
                        monitors.set(rs.getLong("monitors"));
                        workspaces.set(rs.getLong("workspaces"));
                    });
        } catch (RuntimeException e) {
            log.debug("counting monitors with skipped checks failed: {}", e.toString());
        }
    }
}
