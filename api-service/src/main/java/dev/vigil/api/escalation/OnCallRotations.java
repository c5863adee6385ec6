package dev.vigil.api.escalation;

import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.NotFoundException;
import dev.vigil.api.web.StoredTime;
import dev.vigil.common.oncall.OnCallRotation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A workspace's on-call rotations: validated (members of the workspace, a DAILY or WEEKLY handoff, a start, the zone
 * whose local time hand-overs keep), at most {@value #MAX_PER_WORKSPACE} per workspace, audited, and shown with who is
 * on call now and the next hand-over by the same {@link OnCallRotation} arithmetic (overrides included) the alerting
 * service pages with.
 */
@Service
public class OnCallRotations {

    private static final int MAX_MEMBERS = 50;
    private static final int MAX_PER_WORKSPACE = 50;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    OnCallRotations(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A rotation, with who is on call now.
     *
     * @param onCallNow        the member on call now: an override's member while one runs, else the member whose
     *                         shift is running (members take turns from startsAt)
     * @param onCallOverrideId the override that put {@code onCallNow} on call, or null when it is the schedule
     * @param nextHandover     when somebody else takes over next, and who; null when nobody ever does
     * @param timeZone         the zone whose local time the hand-overs keep ({@code UTC} when none was given)
     */
    public record RotationView(String id, String name, String handoff, Instant startsAt, List<String> memberIds,
                               String onCallNow, String onCallOverrideId, Handover nextHandover, String timeZone) {
    }

    /** The next change of who is on call. */
    public record Handover(Instant at, String memberId) {
    }

    @Transactional
    public RotationView create(ApiPrincipal caller, EscalationRequests.Rotation request) {
        Checked rotation = check(caller, request);
        long count = jdbc.sql("SELECT count(*) FROM oncall_rotations WHERE workspace_id = ?")
                .param(caller.workspaceId()).query(Long.class).single();
        if (count >= MAX_PER_WORKSPACE) {
            throw new ConflictException("Too many rotations", "This workspace has "
                    + MAX_PER_WORKSPACE + " on-call rotations, the most it may have.");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO oncall_rotations (id, workspace_id, name, handoff, starts_at, member_ids,
                                                      time_zone, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, caller.workspaceId(), rotation.name(), rotation.handoff(),
                        Timestamp.from(rotation.startsAt()), rotation.members().toArray(UUID[]::new),
                        rotation.timeZone(), Timestamp.from(StoredTime.now(clock)))
                .update();
        audit.record(caller.workspaceId(), Actor.of(caller), "oncall_rotation.created", "ONCALL_ROTATION", id,
                Map.of("name", rotation.name(), "handoff", rotation.handoff(), "members", rotation.members().size()));
        return load(caller, id);
    }

    /** Replaces a rotation's name, hand-over, start and members; its overrides stay. */
    @Transactional
    public RotationView update(ApiPrincipal caller, UUID id, EscalationRequests.Rotation request) {
        load(caller, id);
        Checked rotation = check(caller, request);
        jdbc.sql("""
                        UPDATE oncall_rotations SET name = ?, handoff = ?, starts_at = ?, member_ids = ?,
                                                    time_zone = ?
                        WHERE id = ? AND workspace_id = ?""")
                .params(rotation.name(), rotation.handoff(), Timestamp.from(rotation.startsAt()),
                        rotation.members().toArray(UUID[]::new), rotation.timeZone(), id, caller.workspaceId())
                .update();
        audit.record(caller.workspaceId(), Actor.of(caller), "oncall_rotation.updated", "ONCALL_ROTATION", id,
                Map.of("name", rotation.name(), "handoff", rotation.handoff(), "members", rotation.members().size()));
        return load(caller, id);
    }

    @Transactional(readOnly = true)
    public List<RotationView> list(ApiPrincipal caller) {
        Map<UUID, List<Cover>> covers = covers(caller.workspaceId(), null);
        return jdbc.sql("""
                        SELECT id, name, handoff, starts_at, member_ids, time_zone FROM oncall_rotations
                        WHERE workspace_id = ? ORDER BY created_at, id""")
                .param(caller.workspaceId()).query((rs, n) -> view(rs, covers)).list();
    }

    @Transactional(readOnly = true)
    public RotationView get(ApiPrincipal caller, UUID id) {
        return load(caller, id);
    }

    @Transactional
    public void delete(ApiPrincipal caller, UUID id) {
        RotationView rotation = load(caller, id);
        jdbc.sql("DELETE FROM oncall_rotations WHERE id = ? AND workspace_id = ?").params(id, caller.workspaceId())
                .update();
        audit.record(caller.workspaceId(), Actor.of(caller), "oncall_rotation.deleted", "ONCALL_ROTATION", id,
                Map.of("name", rotation.name()));
    }

    RotationView load(ApiPrincipal caller, UUID id) {
        Map<UUID, List<Cover>> covers = covers(caller.workspaceId(), id);
        return jdbc.sql("""
                        SELECT id, name, handoff, starts_at, member_ids, time_zone FROM oncall_rotations
                        WHERE id = ? AND workspace_id = ?""")
                .params(id, caller.workspaceId()).query((rs, n) -> view(rs, covers)).optional()
                .orElseThrow(() -> new NotFoundException("on-call rotation"));
    }

    private record Checked(String name, String handoff, Instant startsAt, List<UUID> members, String timeZone) {
    }

    private Checked check(ApiPrincipal caller, EscalationRequests.Rotation request) {
        FieldProblems problems = new FieldProblems();
        String name = problems.requiredLine("name", request.name(), 100);
        String handoff = request.handoff();
        if (handoff == null || !Set.of("DAILY", "WEEKLY").contains(handoff)) {
            problems.add("handoff", "handoff must be DAILY or WEEKLY");
        }
        Instant startsAt = OnCallOverrides.instant(problems, "startsAt", request.startsAt());
        String timeZone = zone(problems, request.timeZone());
        List<UUID> members = new ArrayList<>();
        // Without memberIds the caller alone is on call (a rotation of one, extended later by replacing it).
        List<String> given = request.memberIds() != null ? request.memberIds()
                : caller.userId() == null ? List.of() : List.of(caller.userId().toString());
        if (given.isEmpty() || given.size() > MAX_MEMBERS) {
            problems.add("memberIds", "memberIds must hold 1 to " + MAX_MEMBERS + " workspace members");
        } else {
            Set<UUID> workspaceMembers = members(caller.workspaceId());
            for (int i = 0; i < given.size(); i++) {
                UUID id = EscalationRequests.uuid(given.get(i));
                if (id == null || !workspaceMembers.contains(id)) {
                    problems.add("memberIds[" + i + "]", "not a member of this workspace");
                } else {
                    members.add(id);
                }
            }
        }
        problems.throwIfAny();
        return new Checked(name, handoff, startsAt, members, timeZone);
    }

    /**
     * An IANA region zone (Europe/Berlin) or UTC, null for none (UTC); offsets such as +02:00 are refused: they would
     * keep no local time across daylight saving, which is what the zone is for.
     */
    private static String zone(FieldProblems problems, String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String zone = given.strip();
        try {
            if (zone.length() <= 64 && (zone.equals("UTC") || zone.contains("/"))) {
                ZoneId.of(zone);
                return zone;
            }
        } catch (DateTimeException e) {
            // named below
        }
        problems.add("timeZone", "timeZone must be an IANA time zone such as Europe/Berlin, or UTC");
        return null;
    }

    Set<UUID> members(UUID workspaceId) {
        return new HashSet<>(jdbc.sql("SELECT user_id FROM workspace_members WHERE workspace_id = ?")
                .param(workspaceId).query(UUID.class).list());
    }

    private record Cover(UUID id, OnCallRotation.Cover cover) {
    }

    /** The overrides not yet ended of the workspace's rotations (or of one), oldest first, by rotation. */
    private Map<UUID, List<Cover>> covers(UUID workspaceId, UUID rotationId) {
        Map<UUID, List<Cover>> byRotation = new HashMap<>();
        jdbc.sql("""
                        SELECT id, rotation_id, member_id, starts_at, ends_at FROM oncall_overrides
                        WHERE workspace_id = ? AND ends_at > ? AND (CAST(? AS uuid) IS NULL OR rotation_id = ?)
                        ORDER BY created_at, id""")
                .params(workspaceId, Timestamp.from(clock.instant()), rotationId, rotationId)
                .query(rs -> {
                    byRotation.computeIfAbsent(rs.getObject("rotation_id", UUID.class), k -> new ArrayList<>())
                            .add(new Cover(rs.getObject("id", UUID.class), new OnCallRotation.Cover(
                                    rs.getObject("member_id", UUID.class), rs.getTimestamp("starts_at").toInstant(),
                                    rs.getTimestamp("ends_at").toInstant())));
                });
        return byRotation;
    }

    private RotationView view(ResultSet rs, Map<UUID, List<Cover>> covers) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<UUID> members = Arrays.asList((UUID[]) rs.getArray("member_ids").getArray());
        Instant startsAt = rs.getTimestamp("starts_at").toInstant();
        String handoff = rs.getString("handoff");
        String zone = rs.getString("time_zone") == null ? "UTC" : rs.getString("time_zone");
        List<Cover> mine = covers.getOrDefault(id, List.of());
        OnCallRotation rotation = new OnCallRotation(OnCallRotation.Handoff.of(handoff), startsAt, members,
                mine.stream().map(Cover::cover).toList(), ZoneId.of(zone));
        Instant now = clock.instant();
        UUID onCall = rotation.onCallAt(now);
        String overrideId = rotation.coverAt(now).flatMap(c -> mine.stream().filter(m -> m.cover() == c)
                .findFirst()).map(m -> m.id().toString()).orElse(null);
        Handover next = rotation.nextHandover(now)
                .map(h -> new Handover(h.at(), h.to().toString())).orElse(null);
        return new RotationView(id.toString(), rs.getString("name"), handoff, startsAt,
                members.stream().map(UUID::toString).toList(), onCall.toString(), overrideId, next, zone);
    }
}
