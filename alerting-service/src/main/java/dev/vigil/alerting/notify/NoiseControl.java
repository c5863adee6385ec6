package dev.vigil.alerting.notify;

import dev.vigil.alerting.maintenance.MaintenanceCalendar;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * Tests, digests and channel-health notices are never held back. Decisions are made a fan-out batch at a time
 * ({@link #forBatch}): maintenance windows of the batch's monitors are read in one query and each workspace's recent
 * deliveries counted once, then counted on in memory as the batch's deliveries are written, which is what counting
 * again before each one (in the same transaction) would find.
 */
@Component
class NoiseControl {

    static final String MAINTENANCE = "maintenance";
    static final String FLAPPING = "flapping";
    static final String RATE_LIMITED = "rate_limited";

    private static final Set<String> ALWAYS = Set.of("test", "digest", "channel.unhealthy", "summary");

    private final JdbcClient jdbc;
    private final MaintenanceCalendar maintenance;
    private final NotifyProperties properties;

    NoiseControl(JdbcClient jdbc, MaintenanceCalendar maintenance, NotifyProperties properties) {
        this.jdbc = jdbc;
        this.maintenance = maintenance;
        this.properties = properties;
    }

    /** The decisions for one fan-out batch; runs in the fan-out's transaction. */
    Batch forBatch(List<OutboxRow> rows, Instant now) {
        Set<UUID> monitors = new HashSet<>();
        Instant first = null;
        Instant last = null;
        for (OutboxRow row : rows) {
            if (!ALWAYS.contains(row.event()) && row.monitorId() != null) {
                monitors.add(row.monitorId());
                Instant at = row.occurredAt();
                first = first == null || at.isBefore(first) ? at : first;
                last = last == null || at.isAfter(last) ? at : last;
            }
        }
        Map<UUID, List<MaintenanceCalendar.Window>> windows = monitors.isEmpty() ? Map.of()
                : maintenance.windows(monitors, first, last);
        return new Batch(windows, now);
    }

    /** Noise control's decisions within one fan-out batch. */
    final class Batch {

        private final Map<UUID, List<MaintenanceCalendar.Window>> windows;
        private final Instant now;
        /** Deliveries counted for each workspace within the rate window so far (at most {@code rateLimit}). */
        private final Map<UUID, Long> recent = new HashMap<>();

        private Batch(Map<UUID, List<MaintenanceCalendar.Window>> windows, Instant now) {
            this.windows = windows;
            this.now = now;
        }

        /**
         * Why the delivery of {@code row} to {@code channelId} is held back, or null to deliver it; a delivery let
         * through counts toward its workspace's rate from then on.
         */
        String holdBack(OutboxRow row, UUID channelId) {
            if (ALWAYS.contains(row.event())) {
                return null;
            }
            if (row.monitorId() != null && windows.getOrDefault(row.monitorId(), List.of()).stream()
                    .anyMatch(w -> w.covers(row.occurredAt()))) {
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
            long count = recent.computeIfAbsent(row.workspaceId(), this::countRecent);
            if (count >= properties.rateLimit()) {
                return RATE_LIMITED;
            }
            recent.put(row.workspaceId(), count + 1);
            return null;
        }

        /** Counts at most rateLimit rows: the cost stays bounded however busy the workspace is. */
        private long countRecent(UUID workspaceId) {
            return jdbc.sql("""
                            SELECT count(*) FROM (SELECT 1 FROM notification_deliveries
                                                  WHERE workspace_id = ? AND created_at > ? AND status <> 'SUPPRESSED'
                                                  LIMIT ?) recent""")
                    .params(workspaceId, Timestamp.from(now.minus(properties.rateWindow())), properties.rateLimit())
                    .query(Long.class).single();
        }
    }
}
