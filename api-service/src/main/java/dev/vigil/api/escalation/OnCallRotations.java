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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A workspace's on-call rotations: validated (members of the workspace, a DAILY or WEEKLY handoff, a start), at most
 * {@value #MAX_PER_WORKSPACE} per workspace, audited, and shown with who is on call now by the same
 * {@link OnCallRotation} arithmetic the alerting service pages with.
 */
@Service
class OnCallRotations {

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
     * @param onCallNow the member id whose shift is running (members take turns from startsAt)
     */
    record RotationView(String id, String name, String handoff, Instant startsAt, List<String> memberIds,
                        String onCallNow) {
    }

    @Transactional
    RotationView create(ApiPrincipal caller, EscalationRequests.Rotation request) {
        FieldProblems problems = new FieldProblems();
        String name = problems.requiredLine("name", request.name(), 100);
        String handoff = request.handoff();
        if (handoff == null || !Set.of("DAILY", "WEEKLY").contains(handoff)) {
            problems.add("handoff", "handoff must be DAILY or WEEKLY");
        }
        Instant startsAt = null;
        if (request.startsAt() == null) {
            problems.add("startsAt", "startsAt is required (an ISO-8601 instant)");
        } else {
            try {
                startsAt = Instant.parse(request.startsAt()).truncatedTo(ChronoUnit.MICROS);
            } catch (DateTimeParseException e) {
                problems.add("startsAt", "startsAt must be an ISO-8601 instant, e.g. 2026-03-02T09:00:00Z");
            }
        }
        List<UUID> members = new ArrayList<>();
        // Without memberIds the caller alone is on call (a rotation of one, extended later by replacing it).
        List<String> given = request.memberIds() != null ? request.memberIds()
                : caller.userId() == null ? List.of() : List.of(caller.userId().toString());
        if (given.isEmpty() || given.size() > MAX_MEMBERS) {
            problems.add("memberIds", "memberIds must hold 1 to " + MAX_MEMBERS + " workspace members");
        } else {
            Set<UUID> workspaceMembers = new HashSet<>(jdbc.sql(
                            "SELECT user_id FROM workspace_members WHERE workspace_id = ?")
                    .param(caller.workspaceId()).query(UUID.class).list());
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
        long count = jdbc.sql("SELECT count(*) FROM oncall_rotations WHERE workspace_id = ?")
                .param(caller.workspaceId()).query(Long.class).single();
        if (count >= MAX_PER_WORKSPACE) {
            throw new ConflictException("Too many rotations", "This workspace has "
                    + MAX_PER_WORKSPACE + " on-call rotations, the most it may have.");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO oncall_rotations (id, workspace_id, name, handoff, starts_at, member_ids,
                                                      created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, caller.workspaceId(), name, handoff, Timestamp.from(startsAt),
                        members.toArray(UUID[]::new), Timestamp.from(StoredTime.now(clock)))
                .update();
        audit.record(caller.workspaceId(), Actor.of(caller), "oncall_rotation.created", "ONCALL_ROTATION", id,
                Map.of("name", name, "handoff", handoff, "members", members.size()));
        return load(caller, id);
    }

    @Transactional(readOnly = true)
    List<RotationView> list(ApiPrincipal caller) {
        return jdbc.sql("""
                        SELECT id, name, handoff, starts_at, member_ids FROM oncall_rotations
                        WHERE workspace_id = ? ORDER BY created_at, id""")
                .param(caller.workspaceId()).query(this::view).list();
    }

    @Transactional(readOnly = true)
    RotationView get(ApiPrincipal caller, UUID id) {
        return load(caller, id);
    }

    @Transactional
    void delete(ApiPrincipal caller, UUID id) {
        RotationView rotation = load(caller, id);
        jdbc.sql("DELETE FROM oncall_rotations WHERE id = ? AND workspace_id = ?").params(id, caller.workspaceId())
                .update();
        audit.record(caller.workspaceId(), Actor.of(caller), "oncall_rotation.deleted", "ONCALL_ROTATION", id,
                Map.of("name", rotation.name()));
    }

    private RotationView load(ApiPrincipal caller, UUID id) {
        return jdbc.sql("""
                        SELECT id, name, handoff, starts_at, member_ids FROM oncall_rotations
                        WHERE id = ? AND workspace_id = ?""")
                .params(id, caller.workspaceId()).query(this::view).optional()
                .orElseThrow(() -> new NotFoundException("on-call rotation"));
    }

    private RotationView view(ResultSet rs, int row) throws SQLException {
        List<UUID> members = Arrays.asList((UUID[]) rs.getArray("member_ids").getArray());
        Instant startsAt = rs.getTimestamp("starts_at").toInstant();
        String handoff = rs.getString("handoff");
        UUID now = new OnCallRotation(OnCallRotation.Handoff.of(handoff), startsAt, members).onCallAt(clock.instant());
        return new RotationView(rs.getObject("id", UUID.class).toString(), rs.getString("name"), handoff, startsAt,
                members.stream().map(UUID::toString).toList(), now.toString());
    }
}
