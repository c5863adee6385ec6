package dev.vigil.api.monitor;

import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.StoredTime;
import dev.vigil.common.check.CheckSpec;
import dev.vigil.common.check.MonitorType;
import dev.vigil.common.json.WireJson;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Many monitor changes at once, for a declarative apply: the same validation as {@link MonitorEditor} (one
 * {@link MonitorDefinitions} for both), written with JDBC batches so thousands of monitors cost a few round trips
 * instead of several per monitor. Callers hold the workspace lock and the transaction; every change gets its audit
 * entry in it (also batched). The scheduler hears of each row from the table's trigger, as for single changes.
 */
@Component
public class MonitorBatch {

    /**
     * Tags and groups are not part of a monitors-as-code document yet: batches never write them, so a monitor keeps
     * the tags and group given in the dashboard or API when a file updates it, and its definitions here carry none.
     */
    private static final List<UUID> NO_TAGS = List.of();

    private final MonitorDefinitions definitions;
    private final MonitorProperties limits;
    private final PingTokens pingTokens;
    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final LargeCounts counts;
    private final MonitorRows inserts;

    MonitorBatch(MonitorDefinitions definitions, MonitorProperties limits, PingTokens pingTokens, JdbcTemplate jdbc,
                 AuditLog audit, Clock clock, LargeCounts counts, MonitorRows inserts) {
        this.inserts = inserts;
        this.definitions = definitions;
        this.limits = limits;
        this.pingTokens = pingTokens;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.counts = counts;
    }

    /** A validated monitor definition; what it holds stays inside this package. */
    public static final class Prepared {

        private final MonitorDefinition definition;

        private Prepared(MonitorDefinition definition) {
            this.definition = definition;
        }

        public String name() {
            return definition.name();
        }

        public List<UUID> alertChannelIds() {
            return definition.alertChannelIds();
        }
    }

    /**
     * Validates one monitor as POST /api/v1/monitors does, or throws its 400 (fields relative to the monitor).
     *
     * @param request         without {@code alertChannelIds}: the caller resolved and checked those itself
     * @param alertChannelIds channels of the workspace, already known to exist
     */
    public Prepared prepare(UUID workspaceId, MonitorRequest request, List<UUID> alertChannelIds) {
        if (alertChannelIds.size() > MonitorDefinitions.MAX_ALERT_CHANNELS) {
            throw dev.vigil.api.web.InvalidRequestException.of("alertChannels", "at most "
                    + MonitorDefinitions.MAX_ALERT_CHANNELS + " alert channels per monitor");
        }
        MonitorDefinition d = definitions.definitionOf(workspaceId, request, false);
        return new Prepared(new MonitorDefinition(d.name(), d.check(), d.intervalSeconds(), d.timeoutMs(),
                d.regions(), d.confirmations(), d.degradedAboveMs(), d.paused(), List.copyOf(alertChannelIds), NO_TAGS,
                null, d.noise()));
    }

    /** Every monitor of the workspace as its stored definition, by id. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<UUID, Prepared> current(UUID workspaceId) {
        Map<UUID, List<UUID>> links = new LinkedHashMap<>();
        jdbc.query("SELECT monitor_id, channel_id FROM monitor_alert_channels WHERE workspace_id = ?",
                rs -> {
                    links.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(rs.getObject(2, UUID.class));
                }, workspaceId);
        Map<UUID, Prepared> current = new LinkedHashMap<>();
        jdbc.query("""
                        SELECT id, name, check_spec::text, interval_seconds, timeout_ms, regions, confirmations,
                               degraded_above_ms, paused, failures_in_row, recovery_rounds, flap_detection,
                               flap_transitions, flap_window_rounds
                        FROM monitors WHERE workspace_id = ? ORDER BY created_at, id""", rs -> {
                    UUID id = rs.getObject(1, UUID.class);
                    Object degraded = rs.getObject(8);
                    current.put(id, new Prepared(new MonitorDefinition(rs.getString(2),
                            WireJson.read(rs.getString(3), CheckSpec.class), rs.getInt(4), rs.getInt(5),
                            List.of((String[]) rs.getArray(6).getArray()), rs.getInt(7),
                            degraded == null ? null : ((Number) degraded).intValue(), rs.getBoolean(9),
                            List.copyOf(links.getOrDefault(id, List.of())), NO_TAGS, null,
                            new NoiseSettings(rs.getObject(10, Integer.class), rs.getObject(11, Integer.class),
                                    rs.getObject(12, Boolean.class), rs.getObject(13, Integer.class),
                                    rs.getObject(14, Integer.class)))));
                }, workspaceId);
        return current;
    }

    /**
     * The fields in which {@code desired} differs from {@code current}; empty when applying it would change nothing.
     * A desired definition without {@code paused} leaves the pause state alone, so it never differs there.
     */
    public List<String> changes(Prepared current, Prepared desired) {
        MonitorDefinition a = current.definition;
        MonitorDefinition b = desired.definition;
        List<String> changed = new ArrayList<>();
        compare(changed, "name", a.name(), b.name());
        compare(changed, "type", a.check().type(), b.check().type());
        if (a.check().type() == b.check().type()) {
            compare(changed, "check", a.check(), b.check());
        }
        compare(changed, "intervalSeconds", a.intervalSeconds(), b.intervalSeconds());
        compare(changed, "timeoutMs", a.timeoutMs(), b.timeoutMs());
        compare(changed, "regions", a.regions(), b.regions());
        compare(changed, "confirmations", a.confirmations(), b.confirmations());
        compare(changed, "degradedAboveMs", a.degradedAboveMs(), b.degradedAboveMs());
        compare(changed, "noise", a.noise(), b.noise());
        if (b.paused() != null) {
            compare(changed, "paused", a.paused(), b.paused());
        }
        compare(changed, "alertChannels", new HashSet<>(a.alertChannelIds()), new HashSet<>(b.alertChannelIds()));
        return changed;
    }

    private static void compare(List<String> changed, String field, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            changed.add(field);
        }
    }

    /**
     * Inserts the monitors, answering their new ids in order; 409 when the workspace's quota would be exceeded.
     *
     * @param deleting how many monitors the same change deletes (they make room)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<UUID> create(ApiPrincipal caller, List<Prepared> monitors, int deleting) {
        if (monitors.isEmpty()) {
            return List.of();
        }
        counts.forget(caller.workspaceId());
        Long count = jdbc.queryForObject("SELECT count(*) FROM monitors WHERE workspace_id = ?", Long.class,
                caller.workspaceId());
        long after = Objects.requireNonNull(count) - deleting + monitors.size();
        if (after > limits.maxPerWorkspace()) {
            throw new ConflictException("Too many monitors", "This change would leave the workspace with " + after
                    + " monitors; it may have " + limits.maxPerWorkspace() + ".");
        }
        java.time.Instant start = StoredTime.now(clock);
        List<UUID> ids = new ArrayList<>();
        List<Monitor> rows = new ArrayList<>();
        List<AuditLog.Entry> entries = new ArrayList<>();
        for (Prepared prepared : monitors) {
            MonitorDefinition d = prepared.definition;
            // A microsecond apart, so lists (oldest first) show them in the document's order.
            java.time.Instant now = start.plusNanos(1000L * ids.size());
            Monitor monitor = new Monitor(caller.workspaceId(), d, now);
            if (d.check().type() == MonitorType.HEARTBEAT) {
                monitor.usePingToken(pingTokens.next(), now);
            }
            ids.add(monitor.getId());
            rows.add(monitor);
            entries.add(new AuditLog.Entry("monitor.created", "MONITOR", monitor.getId(), summary(d)));
        }
        inserts.insert(rows);
        Map<UUID, List<UUID>> links = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            links.put(ids.get(i), monitors.get(i).definition.alertChannelIds());
        }
        link(caller.workspaceId(), links);
        audit.recordAll(caller.workspaceId(), Actor.of(caller), entries);
        return ids;
    }

    /** Replaces the definitions of existing monitors of the caller's workspace. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void update(ApiPrincipal caller, Map<UUID, Prepared> monitors, Map<UUID, List<String>> changedFields) {
        if (monitors.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(StoredTime.now(clock));
        List<Object[]> rows = new ArrayList<>();
        List<AuditLog.Entry> entries = new ArrayList<>();
        Map<UUID, List<UUID>> relinked = new LinkedHashMap<>();
        monitors.forEach((id, prepared) -> {
            MonitorDefinition d = prepared.definition;
            String type = d.check().type().name();
            // A monitor that becomes a HEARTBEAT gets a ping token; one that stops being one loses it.
            rows.add(new Object[]{d.name(), type, WireJson.write(d.check()), d.intervalSeconds(), d.timeoutMs(),
                    d.regions().toArray(String[]::new), d.confirmations(), d.degradedAboveMs(), d.paused(), type,
                    pingTokens.next(), now, d.noise().failuresInRow(), d.noise().recoveryRounds(),
                    d.noise().flapDetection(), d.noise().flapTransitions(), d.noise().flapWindowRounds(), id,
                    caller.workspaceId()});
            List<String> fields = changedFields.getOrDefault(id, List.of());
            if (fields.contains("alertChannels")) {
                relinked.put(id, d.alertChannelIds());
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("name", d.name());
            summary.put("changed", fields);
            entries.add(new AuditLog.Entry("monitor.updated", "MONITOR", id, summary));
        });
        jdbc.batchUpdate("""
                UPDATE monitors SET name = ?, type = ?, check_spec = ?::jsonb, interval_seconds = ?, timeout_ms = ?,
                       regions = ?, confirmations = ?, degraded_above_ms = ?, paused = COALESCE(?, paused),
                       ping_token = CASE WHEN ? = 'HEARTBEAT' THEN COALESCE(ping_token, ?) END, updated_at = ?,
                       failures_in_row = ?, recovery_rounds = ?, flap_detection = ?, flap_transitions = ?,
                       flap_window_rounds = ?
                WHERE id = ? AND workspace_id = ?""", rows);
        if (!relinked.isEmpty()) {
            jdbc.batchUpdate("DELETE FROM monitor_alert_channels WHERE monitor_id = ?",
                    relinked.keySet().stream().map(id -> new Object[]{id}).toList());
            link(caller.workspaceId(), relinked);
        }
        audit.recordAll(caller.workspaceId(), Actor.of(caller), entries);
    }

    /** Deletes monitors of the caller's workspace (their results stay until retention removes them). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void delete(ApiPrincipal caller, Map<UUID, String> namesById) {
        if (namesById.isEmpty()) {
            return;
        }
        counts.forget(caller.workspaceId());
        jdbc.batchUpdate("DELETE FROM monitors WHERE id = ? AND workspace_id = ?", namesById.keySet().stream()
                .map(id -> new Object[]{id, caller.workspaceId()}).toList());
        audit.recordAll(caller.workspaceId(), Actor.of(caller), namesById.entrySet().stream()
                .map(e -> new AuditLog.Entry("monitor.deleted", "MONITOR", e.getKey(), Map.of("name", e.getValue())))
                .toList());
    }

    private void link(UUID workspaceId, Map<UUID, List<UUID>> links) {
        List<Object[]> rows = new ArrayList<>();
        links.forEach((monitor, channels) -> channels.forEach(c -> rows.add(new Object[]{monitor, c, workspaceId})));
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO monitor_alert_channels (monitor_id, channel_id, workspace_id) "
                    + "VALUES (?, ?, ?)", rows);
        }
    }

    private static Map<String, Object> summary(MonitorDefinition d) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", d.name());
        summary.put("type", d.check().type().name());
        return summary;
    }
}
