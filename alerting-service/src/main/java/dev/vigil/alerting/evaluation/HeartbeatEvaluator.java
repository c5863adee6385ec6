package dev.vigil.alerting.evaluation;

import dev.vigil.alerting.incident.IncidentKind;
import dev.vigil.alerting.incident.IncidentLedger;
import dev.vigil.alerting.incident.IncidentLedger.TimelineEntry;
import dev.vigil.alerting.maintenance.MaintenanceCalendar;
import dev.vigil.common.check.HeartbeatCheck;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Evaluates one heartbeat monitor inside the caller's transaction. A monitor is PENDING until its first ping (no
 * alert while a job is being set up). Then:
 *
 * <ol>
 *   <li>new pings are applied in order: a FAIL opens an incident at once; a BEAT resolves an open one; a START
 *       only begins a run;</li>
 *   <li>no BEAT by the time the next one is overdue (period mode: {@code periodSeconds + graceSeconds} after the
 *       last one; schedule mode: {@code graceSeconds} after the next scheduled time, see {@link HeartbeatDeadlines}):
 *       DOWN, an incident whose start is the moment the beat became overdue;</li>
 *   <li>a run started and not ended (by a BEAT or FAIL) within {@code maxRunSeconds}: DOWN, an incident from the
 *       moment it became too long;</li>
 *   <li>the monitor is due again at the earlier of those deadlines (or at once on the next ping: a trigger on
 *       {@code heartbeat_pings} marks it due).</li>
 * </ol>
 */
@Component
class HeartbeatEvaluator {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatEvaluator.class);
    private static final int MAX_CAUSE = 300;

    private final MonitorStates states;
    private final RoundStore monitors;
    private final IncidentLedger incidents;
    private final MaintenanceCalendar maintenance;
    private final JdbcClient jdbc;
    private final Clock clock;

    HeartbeatEvaluator(MonitorStates states, RoundStore monitors, IncidentLedger incidents,
                       MaintenanceCalendar maintenance, JdbcClient jdbc, Clock clock) {
        this.states = states;
        this.monitors = monitors;
        this.incidents = incidents;
        this.maintenance = maintenance;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private record Ping(long id, Instant at, String kind, Integer exitCode, String body) {
    }

    void evaluate(UUID monitorId) {
        Optional<MonitorStates.Locked> locked = states.lockIfDue(monitorId);
        Optional<MonitorSettings> found = monitors.settingsOf(monitorId);
        if (locked.isEmpty() || found.isEmpty() || !(found.get().check() instanceof HeartbeatCheck heartbeat)) {
            return;
        }
        MonitorSettings monitor = found.get();
        MonitorState state = locked.get().state();
        long lastPingId = locked.get().lastPingId();
        Instant now = clock.instant();
        boolean suppressed = monitor.paused() || maintenance.inMaintenance(monitorId, now);
        Optional<UUID> open = incidents.openIncidentOf(monitorId);

        for (Ping ping : newPings(monitorId, lastPingId)) {
            lastPingId = ping.id();
            if (ping.kind().equals("FAIL")) {
                if (open.isEmpty() && !suppressed) {
                    String cause = "The job reported a failure"
                            + (ping.exitCode() == null ? "" : " (exit code " + ping.exitCode() + ")")
                            + firstLine(ping.body());
                    open = Optional.of(incidents.open(monitor.ref(), IncidentKind.HEARTBEAT_FAILED, cause, List.of(),
                            ping.at(), List.of(new TimelineEntry("OPENED", cause))));
                    log.info("incident opened monitor={} incident={} cause=\"{}\"", monitorId, open.get(), cause);
                }
                state = transition(monitor, state, MonitorStatus.DOWN, ping.at(), "The job reported a failure",
                        open.orElse(null));
            } else if (ping.kind().equals("BEAT")) {
                if (open.isPresent()) {
                    incidents.resolve(open.get(), monitor.ref(), ping.at(), "Ping received");
                    log.info("incident resolved monitor={} incident={}", monitorId, open.get());
                }
                state = transition(monitor, state, MonitorStatus.UP, ping.at(), "Ping received", open.orElse(null));
                open = Optional.empty();
            }
        }

        HeartbeatDeadlines deadlines = new HeartbeatDeadlines(heartbeat);
        Optional<Instant> lastBeat = lastBeatAt(monitorId);
        Instant overdueAt = lastBeat.map(deadlines::overdueAt).orElse(null);
        Instant nextEvaluation = null;
        if (overdueAt != null && state.status() == MonitorStatus.UP) {
            if (!now.isBefore(overdueAt)) {
                String cause = "No ping since " + lastBeat.get() + " (" + deadlines.describe() + ")";
                if (open.isEmpty() && !suppressed) {
                    open = Optional.of(incidents.open(monitor.ref(), IncidentKind.HEARTBEAT_MISSED, cause, List.of(),
                            overdueAt, List.of(new TimelineEntry("OPENED", cause))));
                    log.info("incident opened monitor={} incident={} cause=\"{}\"", monitorId, open.get(), cause);
                }
                state = transition(monitor, state, MonitorStatus.DOWN, overdueAt, "Heartbeat overdue",
                        open.orElse(null));
            } else {
                nextEvaluation = overdueAt;
            }
        }
        Instant tooLongAt = runningSince(monitorId).map(deadlines::tooLongAt).orElse(null);
        if (tooLongAt != null && state.status() != MonitorStatus.DOWN) {
            if (!now.isBefore(tooLongAt)) {
                String cause = "The run started at " + tooLongAt.minusSeconds(heartbeat.maxRunSeconds())
                        + " has not finished after " + heartbeat.maxRunSeconds() + " s";
                if (open.isEmpty() && !suppressed) {
                    open = Optional.of(incidents.open(monitor.ref(), IncidentKind.HEARTBEAT_MISSED, cause, List.of(),
                            tooLongAt, List.of(new TimelineEntry("OPENED", cause))));
                    log.info("incident opened monitor={} incident={} cause=\"{}\"", monitorId, open.get(), cause);
                }
                state = transition(monitor, state, MonitorStatus.DOWN, tooLongAt, "Run too long",
                        open.orElse(null));
                nextEvaluation = null;
            } else if (nextEvaluation == null || tooLongAt.isBefore(nextEvaluation)) {
                nextEvaluation = tooLongAt;
            }
        }
        states.save(state, lastPingId, nextEvaluation);
    }

    private MonitorState transition(MonitorSettings monitor, MonitorState state, MonitorStatus to, Instant at,
                                    String reason, UUID incidentId) {
        if (state.status() == to) {
            return state;
        }
        states.recordTransition(monitor.id(), monitor.workspaceId(), state.status(), to, at, reason, null,
                incidentId);
        return new MonitorState(state.monitorId(), to, state.lastRoundAt(), to == MonitorStatus.DOWN, 0, 0,
                state.flips(), false);
    }

    private List<Ping> newPings(UUID monitorId, long afterId) {
        return jdbc.sql("""
                        SELECT id, received_at, kind, exit_code, body FROM heartbeat_pings
                        WHERE monitor_id = ? AND id > ? ORDER BY id LIMIT 1000""")
                .params(monitorId, afterId)
                .query((rs, row) -> new Ping(rs.getLong("id"), rs.getTimestamp("received_at").toInstant(),
                        rs.getString("kind"), rs.getObject("exit_code", Integer.class), rs.getString("body")))
                .list();
    }

    private Optional<Instant> lastBeatAt(UUID monitorId) {
        return jdbc.sql("""
                        SELECT received_at FROM heartbeat_pings WHERE monitor_id = ? AND kind = 'BEAT'
                        ORDER BY id DESC LIMIT 1""")
                .param(monitorId).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    /** When the run in progress started: the latest START that no BEAT or FAIL came after. */
    private Optional<Instant> runningSince(UUID monitorId) {
        return jdbc.sql("""
                        SELECT s.received_at FROM heartbeat_pings s
                        WHERE s.id = (SELECT max(id) FROM heartbeat_pings WHERE monitor_id = ? AND kind = 'START')
                          AND NOT EXISTS (SELECT 1 FROM heartbeat_pings e WHERE e.monitor_id = s.monitor_id
                                          AND e.id > s.id AND e.kind <> 'START')""")
                .param(monitorId).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    private static String firstLine(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.strip().lines().findFirst().orElse("");
        return ": " + (line.length() > MAX_CAUSE ? line.substring(0, MAX_CAUSE) + "…" : line);
    }
}
