package dev.vigil.api.escalation;

import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.security.ApiPrincipal;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.NotFoundException;
import dev.vigil.api.web.StoredTime;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
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
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/oncall-rotations")
@Tag(name = "Escalation")
class OnCallRotationController {

    private static final int MAX_MEMBERS = 50;
    private static final int MAX_PER_WORKSPACE = 50;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    OnCallRotationController(JdbcClient jdbc, AuditLog audit, Clock clock) {
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

    record RotationList(List<RotationView> items) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    @Operation(summary = "Create an on-call rotation", description = "Members (user ids of workspace members) take "
            + "turns from startsAt, one per day (DAILY) or week (WEEKLY). Escalation levels name it; its current "
            + "member gets the level's alerts by email.")
    RotationView create(@AuthenticationPrincipal ApiPrincipal caller,
                        @RequestBody EscalationRequests.Rotation request) {
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
                UUID id = EscalationPolicyController.uuid(given.get(i));
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
            throw new dev.vigil.api.web.ConflictException("Too many rotations", "This workspace has "
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

    @GetMapping
    @Transactional(readOnly = true)
    @Operation(summary = "List the workspace's on-call rotations")
    RotationList list(@AuthenticationPrincipal ApiPrincipal caller) {
        return new RotationList(jdbc.sql("""
                        SELECT id, name, handoff, starts_at, member_ids FROM oncall_rotations
                        WHERE workspace_id = ? ORDER BY created_at, id""")
                .param(caller.workspaceId()).query(this::view).list());
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    @Operation(summary = "One on-call rotation, with who is on call now")
    RotationView get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        return load(caller, id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    @Operation(summary = "Delete an on-call rotation", description = "Escalation levels naming it alert their "
            + "channels only.")
    void delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
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
        Duration shift = handoff.equals("WEEKLY") ? Duration.ofDays(7) : Duration.ofDays(1);
        // The same arithmetic as the alerting service's OnCallRotation.
        long shifts = Math.floorDiv(Duration.between(startsAt, clock.instant()).toMillis(), shift.toMillis());
        UUID now = members.get((int) Math.floorMod(shifts, (long) members.size()));
        return new RotationView(rs.getObject("id", UUID.class).toString(), rs.getString("name"), handoff, startsAt,
                members.stream().map(UUID::toString).toList(), now.toString());
    }
}
