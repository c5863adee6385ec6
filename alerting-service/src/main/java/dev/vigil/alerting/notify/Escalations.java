package dev.vigil.alerting.notify;

import dev.vigil.common.json.WireJson;
import dev.vigil.common.oncall.OnCallRotation;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Escalation policies. When an incident opens (or reopens) on a monitor with a policy, its first level is alerted
 * with everyone else and the incident's escalation clock starts; {@link #escalate} then moves every incident whose
 * level timed out, unacknowledged and still open, to the next level with an {@code incident.escalated} event (the
 * level's channels and the current on-call member, by the channels of their on-call contact and/or email). An acknowledgement or the resolution stops the clock;
 * the acknowledgement and the resolution still reach every level alerted so far (PagerDuty must hear "resolve").
 */
@Component
class Escalations {

    private final JdbcClient jdbc;
    private final NotifyProperties properties;
    private final TransactionTemplate transactions;

    Escalations(JdbcClient jdbc, NotifyProperties properties, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** A policy level: channels, an optional rotation, and the minutes until the next level. */
    record Level(List<UUID> channelIds, UUID rotationId, Integer afterMinutes) {
    }

    /**
     * The extra targets of an incident event from the monitor's policy; runs in the fan-out's transaction. An
     * opening starts (a reopening restarts) the escalation clock.
     */
    Set<Target> firstLevel(OutboxRow row, Instant now) {
        if (row.incidentId() == null || !row.event().startsWith("incident.")) {
            return Set.of();
        }
        List<Level> levels = policy(row.monitorId());
        if (levels.isEmpty()) {
            return Set.of();
        }
        Set<Target> targets = new LinkedHashSet<>();
        if (row.event().equals("incident.opened") || row.event().equals("incident.reopened")) {
            Level first = levels.getFirst();
            Instant next = levels.size() > 1 && first.afterMinutes() != null
                    ? row.occurredAt().plus(Duration.ofMinutes(first.afterMinutes())) : null;
            jdbc.sql("""
                            INSERT INTO incident_escalations (incident_id, workspace_id, monitor_id, level, next_at)
                            VALUES (?, ?, ?, 0, ?)
                            ON CONFLICT (incident_id) DO UPDATE SET level = 0, next_at = EXCLUDED.next_at""")
                    .params(row.incidentId(), row.workspaceId(), row.monitorId(), timestamp(next)).update();
            targets.addAll(targetsOf(first, row.workspaceId(), now));
        } else {
            int reached = jdbc.sql("SELECT level FROM incident_escalations WHERE incident_id = ?")
                    .param(row.incidentId()).query(Integer.class).optional().orElse(0);
            for (int i = 0; i <= Math.min(reached, levels.size() - 1); i++) {
                targets.addAll(targetsOf(levels.get(i), row.workspaceId(), now));
            }
            if (!row.event().equals("incident.escalated")) {
                // Acknowledged or resolved: nobody needs waking further up.
                jdbc.sql("UPDATE incident_escalations SET next_at = NULL WHERE incident_id = ?")
                        .param(row.incidentId()).update();
            }
        }
        return targets;
    }

    /** Escalates every incident whose level timed out; answers how many it escalated. */
    int escalate(Instant now) {
        Integer done = transactions.execute(tx -> {
            record Due(UUID incidentId, UUID workspaceId, UUID monitorId, int level, boolean stop) {
            }
            // SKIP LOCKED: two instances never escalate the same incident twice; the incident row is read, not
            // locked, and an acknowledgement that commits meanwhile is seen by the next run (the level's alert goes
            // out at most one poll too late, never to nobody).
            List<Due> due = jdbc.sql("""
                            SELECT e.incident_id, e.workspace_id, e.monitor_id, e.level,
                                   i.status <> 'OPEN' OR i.acknowledged_at IS NOT NULL AS stop
                            FROM incident_escalations e JOIN incidents i ON i.id = e.incident_id
                            WHERE e.next_at <= ? ORDER BY e.next_at LIMIT ? FOR UPDATE OF e SKIP LOCKED""")
                    .params(Timestamp.from(now), properties.batchSize())
                    .query((rs, n) -> new Due(rs.getObject("incident_id", UUID.class),
                            rs.getObject("workspace_id", UUID.class), rs.getObject("monitor_id", UUID.class),
                            rs.getInt("level"), rs.getBoolean("stop")))
                    .list();
            int escalated = 0;
            for (Due d : due) {
                List<Level> levels = policy(d.monitorId());
                int next = d.level() + 1;
                if (d.stop() || next >= levels.size()) {
                    jdbc.sql("UPDATE incident_escalations SET next_at = NULL WHERE incident_id = ?")
                            .param(d.incidentId()).update();
                    continue;
                }
                Level level = levels.get(next);
                Instant after = next + 1 < levels.size() && level.afterMinutes() != null
                        ? now.plus(Duration.ofMinutes(level.afterMinutes())) : null;
                jdbc.sql("UPDATE incident_escalations SET level = ?, next_at = ? WHERE incident_id = ?")
                        .params(next, timestamp(after), d.incidentId()).update();
                queue(d.incidentId(), d.workspaceId(), d.monitorId(), next, level, now);
                escalated++;
            }
            return escalated;
        });
        return done == null ? 0 : done;
    }

    private void queue(UUID incidentId, UUID workspaceId, UUID monitorId, int levelIndex, Level level, Instant now) {
        Map<String, Object> payload = IncidentPayload.of(jdbc, "incident.escalated", incidentId, monitorId, now);
        payload.put("level", levelIndex);
        List<String> channels = new ArrayList<>();
        List<String> people = new ArrayList<>();
        for (Target t : targetsOf(level, workspaceId, now)) {
            if (t.channelId() != null) {
                channels.add(t.channelId().toString());
            } else {
                people.add(t.recipient());
            }
        }
        payload.put("channelIds", channels);
        payload.put("recipients", people);
        payload.put("message", "Not acknowledged in time: escalated to level " + (levelIndex + 1) + ".");
        jdbc.sql("""
                        INSERT INTO notification_outbox (id, workspace_id, monitor_id, incident_id, event, payload,
                                                         created_at)
                        VALUES (?, ?, ?, ?, 'incident.escalated', ?::jsonb, ?)""")
                .params(UUID.randomUUID(), workspaceId, monitorId, incidentId, WireJson.write(payload),
                        Timestamp.from(now))
                .update();
    }

    private Set<Target> targetsOf(Level level, UUID workspaceId, Instant now) {
        Set<Target> targets = new LinkedHashSet<>();
        if (!level.channelIds().isEmpty()) {
            // Only the workspace's own channels, whatever the stored policy says.
            jdbc.sql("SELECT id FROM alert_channels WHERE workspace_id = :w AND id IN (:ids) ORDER BY created_at")
                    .param("w", workspaceId).param("ids", level.channelIds()).query(UUID.class).list()
                    .forEach(id -> targets.add(Target.channel(id)));
        }
        if (level.rotationId() != null) {
            targets.addAll(onCallTargets(level.rotationId(), workspaceId, now));
        }
        return targets;
    }

    /**
     * Where the rotation's member on call now (an override's member while one runs) is paged: the channels they chose
     * in their on-call contact (any type, only the workspace's own) and their email unless they turned it off (by
     * default). Nobody when the rotation is gone or the person is no longer a member; no email when their address is
     * unverified: an account made with somebody else's address receives no alerts.
     */
    Set<Target> onCallTargets(UUID rotationId, UUID workspaceId, Instant now) {
        List<OnCallRotation.Cover> covers = covers(rotationId, workspaceId, now);
        Optional<UUID> member = jdbc.sql("""
                        SELECT handoff, starts_at, member_ids, time_zone FROM oncall_rotations
                        WHERE id = ? AND workspace_id = ?""")
                .params(rotationId, workspaceId)
                .query((rs, n) -> new OnCallRotation(OnCallRotation.Handoff.of(rs.getString("handoff")),
                        rs.getTimestamp("starts_at").toInstant(), List.of((UUID[]) rs.getArray("member_ids")
                        .getArray()), covers, rs.getString("time_zone") == null ? null
                        : java.time.ZoneId.of(rs.getString("time_zone"))))
                .optional()
                .map(rotation -> rotation.onCallAt(now))
                .filter(id -> jdbc.sql("""
                                SELECT EXISTS (SELECT 1 FROM workspace_members
                                               WHERE workspace_id = ? AND user_id = ?)""")
                        .params(workspaceId, id).query(Boolean.class).single());
        if (member.isEmpty()) {
            return Set.of();
        }
        record Contact(List<UUID> channelIds, boolean email) {
        }
        Contact contact = jdbc.sql("""
                        SELECT channel_ids, email FROM oncall_contacts WHERE workspace_id = ? AND user_id = ?""")
                .params(workspaceId, member.get())
                .query((rs, n) -> new Contact(List.of((UUID[]) rs.getArray("channel_ids").getArray()),
                        rs.getBoolean("email")))
                .optional().orElse(new Contact(List.of(), true));
        Set<Target> targets = new LinkedHashSet<>();
        if (!contact.channelIds().isEmpty()) {
            jdbc.sql("SELECT id FROM alert_channels WHERE workspace_id = :w AND id IN (:ids) ORDER BY created_at")
                    .param("w", workspaceId).param("ids", contact.channelIds()).query(UUID.class).list()
                    .forEach(id -> targets.add(Target.channel(id)));
        }
        if (contact.email()) {
            jdbc.sql("SELECT email FROM users WHERE id = ? AND email_verified_at IS NOT NULL")
                    .param(member.get()).query(String.class).optional()
                    .ifPresent(email -> targets.add(Target.person(email)));
        }
        return targets;
    }

    /** The rotation's overrides running at {@code now}, oldest first (the newest of overlapping ones wins). */
    private List<OnCallRotation.Cover> covers(UUID rotationId, UUID workspaceId, Instant now) {
        return jdbc.sql("""
                        SELECT member_id, starts_at, ends_at FROM oncall_overrides
                        WHERE rotation_id = ? AND workspace_id = ? AND starts_at <= ? AND ends_at > ?
                        ORDER BY created_at, id""")
                .params(rotationId, workspaceId, Timestamp.from(now), Timestamp.from(now))
                .query((rs, n) -> new OnCallRotation.Cover(rs.getObject("member_id", UUID.class),
                        rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant()))
                .list();
    }

    /** Those of {@code monitorIds} that have an escalation policy: one query for a fan-out batch. */
    Set<UUID> withPolicy(Collection<UUID> monitorIds) {
        return new HashSet<>(jdbc.sql("SELECT monitor_id FROM escalation_policies WHERE monitor_id = ANY(?)")
                .param(monitorIds.toArray(UUID[]::new)).query(UUID.class).list());
    }

    private List<Level> policy(UUID monitorId) {
        if (monitorId == null) {
            return List.of();
        }
        return jdbc.sql("SELECT levels::text FROM escalation_policies WHERE monitor_id = ?").param(monitorId)
                .query(String.class).optional().map(Escalations::levels).orElse(List.of());
    }

    static List<Level> levels(String json) {
        List<Level> levels = new ArrayList<>();
        for (JsonNode level : WireJson.mapper().readTree(json).valueStream().toList()) {
            List<UUID> channels = level.path("channelIds").valueStream().map(id -> UUID.fromString(id.asString()))
                    .toList();
            UUID rotation = level.hasNonNull("rotationId") ? UUID.fromString(level.get("rotationId").asString())
                    : null;
            Integer after = level.hasNonNull("afterMinutes") ? level.get("afterMinutes").asInt() : null;
            levels.add(new Level(channels, rotation, after));
        }
        return levels;
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
