package dev.vigil.alerting.notify;

import dev.vigil.alerting.maintenance.MaintenanceCalendar;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Decides, at fan-out, whether a delivery is held back, and why (the delivery is then written SUPPRESSED with the
 * reason, so the log shows it). Named thresholds, in order:
 * <ol>
 *   <li>maintenance: the monitor is inside a maintenance window when the event happened;</li>
 *   <li>flapping: an incident reopened again within {@code flapWindow} alerts a channel only once (the evaluator
 *       already keeps a flapping monitor's incident open; this is the second line);</li>
 *   <li>rate limit: more than {@code rateLimit} deliveries for the workspace within {@code rateWindow}; what is held
 *       back is summed up in one digest later ({@link DigestWriter}).</li>
 * </ol>
 * Tests, digests and channel-health notices are never held back.
 */
@Component
class NoiseControl {

    static final String MAINTENANCE = "maintenance";
    static final String FLAPPING = "flapping";
    static final String RATE_LIMITED = "rate_limited";

    private static final Set<String> ALWAYS = Set.of("test", "digest", "channel.unhealthy");

    private final JdbcClient jdbc;
    private final MaintenanceCalendar maintenance;
    private final NotifyProperties properties;

    NoiseControl(JdbcClient jdbc, MaintenanceCalendar maintenance, NotifyProperties properties) {
        this.jdbc = jdbc;
        this.maintenance = maintenance;
        this.properties = properties;
    }

    /** Why the delivery of {@code row} to {@code channelId} is held back, or null to deliver it. */
    String holdBack(OutboxRow row, UUID channelId, Instant now) {
        if (ALWAYS.contains(row.event())) {
            return null;
        }
        if (row.monitorId() != null && maintenance.inMaintenance(row.monitorId(), row.occurredAt())) {
            return MAINTENANCE;
        }
        if (row.event().equals("incident.reopened") && channelId != null && jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM notification_deliveries
                                       WHERE incident_id = ? AND channel_id = ? AND event = 'incident.reopened'
                                         AND status <> 'SUPPRESSED' AND created_at > ?)""")
                .params(row.incidentId(), channelId, Timestamp.from(now.minus(properties.flapWindow())))
                .query(Boolean.class).single()) {
            return FLAPPING;
        }
        // Counts at most rateLimit rows: the cost stays bounded however busy the workspace is.
        long recent = jdbc.sql("""
                        SELECT count(*) FROM (SELECT 1 FROM notification_deliveries
                                              WHERE workspace_id = ? AND created_at > ? AND status <> 'SUPPRESSED'
                                              LIMIT ?) recent""")
                .params(row.workspaceId(), Timestamp.from(now.minus(properties.rateWindow())),
                        properties.rateLimit())
                .query(Long.class).single();
        return recent >= properties.rateLimit() ? RATE_LIMITED : null;
    }
}
