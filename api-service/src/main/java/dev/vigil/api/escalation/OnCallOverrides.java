package dev.vigil.api.escalation;

import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.NotFoundException;
import dev.vigil.api.web.StoredTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Overrides of a rotation ("who covers when"): a workspace member covers a span, replacing whoever is scheduled; the
 * newest of overlapping overrides wins. Validated (a member of the workspace, an end after the start and after now, at
 * most {@value #MAX_DAYS} days long, at most {@value #MAX_PENDING} not yet ended per rotation), audited on the
 * rotation, and only ever read or deleted within the caller's workspace.
 */
@Service
public class OnCallOverrides {

    static final int MAX_DAYS = 90;
    static final int MAX_PENDING = 100;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final OnCallRotations rotations;

    OnCallOverrides(JdbcClient jdbc, AuditLog audit, Clock clock, OnCallRotations rotations) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.rotations = rotations;
    }

    /** One override as answered. */
    public record OverrideView(String id, String rotationId, String memberId, Instant startsAt, Instant endsAt,
                               String note, Instant createdAt) {
    }

    @Transactional
    public OverrideView create(ApiPrincipal caller, UUID rotationId, EscalationRequests.OverrideShift request) {
        rotations.load(caller, rotationId);
        FieldProblems problems = new FieldProblems();
        UUID member = EscalationRequests.uuid(request.memberId());
        if (member == null || !rotations.members(caller.workspaceId()).contains(member)) {
            problems.add("memberId", "memberId must name a member of this workspace");
        }
        Instant startsAt = instant(problems, "startsAt", request.startsAt());
        Instant endsAt = instant(problems, "endsAt", request.endsAt());
        if (startsAt != null && endsAt != null) {
            if (!endsAt.isAfter(startsAt)) {
                problems.add("endsAt", "endsAt must be after startsAt");
            } else if (Duration.between(startsAt, endsAt).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
                problems.add("endsAt", "an override lasts at most " + MAX_DAYS + " days");
            } else if (!endsAt.isAfter(clock.instant())) {
                problems.add("endsAt", "endsAt is in the past: an override that has ended changes nothing");
            }
        }
        String note = problems.optionalLine("note", request.note(), 200);
        problems.throwIfAny();
        long pending = jdbc.sql("SELECT count(*) FROM oncall_overrides WHERE rotation_id = ? AND ends_at > ?")
                .params(rotationId, Timestamp.from(clock.instant())).query(Long.class).single();
        if (pending >= MAX_PENDING) {
            throw new ConflictException("Too many overrides", "This rotation has " + MAX_PENDING
                    + " overrides that have not ended, the most it may have.");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO oncall_overrides (id, rotation_id, workspace_id, member_id, starts_at, ends_at,
                                                      note, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, rotationId, caller.workspaceId(), member, Timestamp.from(startsAt),
                        Timestamp.from(endsAt), note, Timestamp.from(StoredTime.now(clock)))
                .update();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("override", id.toString());
        summary.put("member", member.toString());
        summary.put("startsAt", startsAt.toString());
        summary.put("endsAt", endsAt.toString());
        audit.record(caller.workspaceId(), Actor.of(caller), "oncall_override.created", "ONCALL_ROTATION",
                rotationId, summary);
        return load(caller, rotationId, id);
    }

    /** The rotation's overrides that have not ended, by start. */
    @Transactional(readOnly = true)
    public List<OverrideView> list(ApiPrincipal caller, UUID rotationId) {
        rotations.load(caller, rotationId);
        return jdbc.sql("""
                        SELECT id, rotation_id, member_id, starts_at, ends_at, note, created_at FROM oncall_overrides
                        WHERE rotation_id = ? AND workspace_id = ? AND ends_at > ?
                        ORDER BY starts_at, created_at, id""")
                .params(rotationId, caller.workspaceId(), Timestamp.from(clock.instant()))
                .query(OnCallOverrides::view).list();
    }

    @Transactional
    public void delete(ApiPrincipal caller, UUID rotationId, UUID id) {
        OverrideView override = load(caller, rotationId, id);
        jdbc.sql("DELETE FROM oncall_overrides WHERE id = ? AND workspace_id = ?").params(id, caller.workspaceId())
                .update();
        audit.record(caller.workspaceId(), Actor.of(caller), "oncall_override.deleted", "ONCALL_ROTATION",
                rotationId, Map.of("override", id.toString(), "member", override.memberId()));
    }

    private OverrideView load(ApiPrincipal caller, UUID rotationId, UUID id) {
        return jdbc.sql("""
                        SELECT id, rotation_id, member_id, starts_at, ends_at, note, created_at FROM oncall_overrides
                        WHERE id = ? AND rotation_id = ? AND workspace_id = ?""")
                .params(id, rotationId, caller.workspaceId()).query(OnCallOverrides::view).optional()
                .orElseThrow(() -> new NotFoundException("override"));
    }

    private static OverrideView view(ResultSet rs, int row) throws SQLException {
        return new OverrideView(rs.getObject("id", UUID.class).toString(),
                rs.getObject("rotation_id", UUID.class).toString(), rs.getObject("member_id", UUID.class).toString(),
                rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                rs.getString("note"), rs.getTimestamp("created_at").toInstant());
    }

    /** A required ISO-8601 instant (to the microsecond PostgreSQL keeps), or null with the field's problem added. */
    static Instant instant(FieldProblems problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(field, field + " is required (an ISO-8601 instant)");
            return null;
        }
        try {
            return Instant.parse(value.strip()).truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            problems.add(field, field + " must be an ISO-8601 instant, e.g. 2026-03-02T09:00:00Z");
            return null;
        }
    }
}
