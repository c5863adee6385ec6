package dev.vigil.api.escalation;

import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.NotFoundException;
import dev.vigil.api.web.StoredTime;
import dev.vigil.common.json.WireJson;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Monitors' escalation policies: validated (1 to 5 levels, each naming channels and/or a rotation of the caller's
 * workspace, minutes to wait on every level but the last), stored as JSON the alerting service's dispatcher reads,
 * audited. A monitor of another workspace is not found.
 */
@Service
public class EscalationPolicies {

    public static final int MAX_LEVELS = 5;
    static final int MAX_AFTER_MINUTES = 1440;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    EscalationPolicies(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** The policy as stored and answered: ids as strings, afterMinutes null on the last level. */
    public record PolicyView(String monitorId, List<Map<String, Object>> levels) {
    }

    @Transactional
    public PolicyView put(ApiPrincipal caller, UUID monitorId, EscalationRequests.Policy request) {
        requireMonitor(caller, monitorId);
        List<Map<String, Object>> levels = check(caller.workspaceId(), request);
        jdbc.sql("""
                        INSERT INTO escalation_policies (monitor_id, workspace_id, levels, updated_at)
                        VALUES (?, ?, ?::jsonb, ?)
                        ON CONFLICT (monitor_id) DO UPDATE SET levels = EXCLUDED.levels,
                                                               updated_at = EXCLUDED.updated_at""")
                .params(monitorId, caller.workspaceId(), WireJson.write(levels),
                        Timestamp.from(StoredTime.now(clock)))
                .update();
        audit.record(caller.workspaceId(), Actor.of(caller), "escalation_policy.updated", "MONITOR", monitorId,
                Map.of("levels", levels.size()));
        return new PolicyView(monitorId.toString(), levels);
    }

    @Transactional(readOnly = true)
    public PolicyView get(ApiPrincipal caller, UUID monitorId) {
        requireMonitor(caller, monitorId);
        String levels = jdbc.sql("SELECT levels::text FROM escalation_policies WHERE monitor_id = ?")
                .param(monitorId).query(String.class).optional()
                .orElseThrow(() -> new NotFoundException("escalation policy"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> parsed = WireJson.read(levels, List.class);
        return new PolicyView(monitorId.toString(), parsed);
    }

    @Transactional
    public void delete(ApiPrincipal caller, UUID monitorId) {
        requireMonitor(caller, monitorId);
        if (jdbc.sql("DELETE FROM escalation_policies WHERE monitor_id = ?").param(monitorId).update() == 0) {
            throw new NotFoundException("escalation policy");
        }
        audit.record(caller.workspaceId(), Actor.of(caller), "escalation_policy.deleted", "MONITOR", monitorId,
                Map.of());
    }

    /** A monitor of the workspace, with its policy's levels (empty when it has none). */
    public record MonitorPolicy(String monitorId, String monitorName, List<Map<String, Object>> levels) {
    }

    /** Every monitor of the workspace by name, with its policy: one query for the dashboard's list. */
    @Transactional(readOnly = true)
    public List<MonitorPolicy> overview(ApiPrincipal caller) {
        return jdbc.sql("""
                        SELECT m.id, m.name, p.levels::text AS levels
                        FROM monitors m
                        LEFT JOIN escalation_policies p ON p.monitor_id = m.id AND p.workspace_id = m.workspace_id
                        WHERE m.workspace_id = ? ORDER BY m.name, m.id""")
                .param(caller.workspaceId())
                .query((rs, n) -> {
                    String levels = rs.getString("levels");
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> parsed = levels == null ? List.of() : WireJson.read(levels, List.class);
                    return new MonitorPolicy(rs.getObject("id", UUID.class).toString(),
                            rs.getString("name"), parsed);
                })
                .list();
    }

    private void requireMonitor(ApiPrincipal caller, UUID monitorId) {
        boolean found = jdbc.sql("SELECT EXISTS (SELECT 1 FROM monitors WHERE id = ? AND workspace_id = ?)")
                .params(monitorId, caller.workspaceId()).query(Boolean.class).single();
        if (!found) {
            throw new NotFoundException("monitor");
        }
    }

    private List<Map<String, Object>> check(UUID workspaceId, EscalationRequests.Policy request) {
        FieldProblems problems = new FieldProblems();
        List<EscalationRequests.Level> levels = request.levels();
        if (levels == null || levels.isEmpty() || levels.size() > MAX_LEVELS) {
            problems.add("levels", "levels must hold 1 to " + MAX_LEVELS + " levels");
            problems.throwIfAny();
        }
        Set<UUID> channels = new HashSet<>(jdbc.sql("SELECT id FROM alert_channels WHERE workspace_id = ?")
                .param(workspaceId).query(UUID.class).list());
        Set<UUID> rotations = new HashSet<>(jdbc.sql("SELECT id FROM oncall_rotations WHERE workspace_id = ?")
                .param(workspaceId).query(UUID.class).list());
        List<Map<String, Object>> clean = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            String path = "levels[" + i + "]";
            EscalationRequests.Level level = levels.get(i);
            if (level == null) {
                problems.add(path, path + " is required");
                continue;
            }
            List<String> ids = new ArrayList<>();
            List<String> given = level.channelIds() == null ? List.of() : level.channelIds();
            if (given.size() > 20) {
                problems.add(path + ".channelIds", "at most 20 channels per level");
            }
            for (int j = 0; j < given.size() && j < 20; j++) {
                UUID id = EscalationRequests.uuid(given.get(j));
                if (id == null || !channels.contains(id)) {
                    problems.add(path + ".channelIds[" + j + "]", "no such alert channel in this workspace");
                } else {
                    ids.add(id.toString());
                }
            }
            UUID rotation = null;
            if (level.rotationId() != null) {
                rotation = EscalationRequests.uuid(level.rotationId());
                if (rotation == null || !rotations.contains(rotation)) {
                    problems.add(path + ".rotationId", "no such on-call rotation in this workspace");
                }
            }
            if (given.isEmpty() && level.rotationId() == null) {
                problems.add(path, path + " must name channelIds or a rotationId");
            }
            boolean last = i == levels.size() - 1;
            Integer after = level.afterMinutes();
            if (!last && (after == null || after < 1 || after > MAX_AFTER_MINUTES)) {
                problems.add(path + ".afterMinutes", "afterMinutes (1 to " + MAX_AFTER_MINUTES
                        + ") is required on every level but the last");
            } else if (last && after != null && (after < 1 || after > MAX_AFTER_MINUTES)) {
                problems.add(path + ".afterMinutes", "afterMinutes must be between 1 and " + MAX_AFTER_MINUTES);
            }
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("channelIds", ids);
            view.put("rotationId", rotation == null ? null : rotation.toString());
            view.put("afterMinutes", last ? null : after);
            clean.add(view);
        }
        problems.throwIfAny();
        return clean;
    }

}
