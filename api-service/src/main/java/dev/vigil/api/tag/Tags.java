package dev.vigil.api.tag;

import dev.vigil.api.account.WorkspaceLocks;
import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.monitor.LabelCounts;
import dev.vigil.api.monitor.LargeCounts;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.NotFoundException;
import dev.vigil.api.web.StoredTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A workspace's tags: validated, unique by name regardless of case, at most {@value #MAX_PER_WORKSPACE}, each change
 * audited in its transaction. Deleting a tag takes it off every monitor (the links cascade).
 */
@Service
public class Tags {

    public static final int MAX_PER_WORKSPACE = 200;
    static final int MAX_NAME = 50;

    private final JdbcClient jdbc;
    private final WorkspaceLocks locks;
    private final AuditLog audit;
    private final Clock clock;
    private final LargeCounts counts;

    Tags(JdbcClient jdbc, WorkspaceLocks locks, AuditLog audit, Clock clock, LargeCounts counts) {
        this.counts = counts;
        this.jdbc = jdbc;
        this.locks = locks;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The workspace's tags by name. The dashboard's monitor list asks on every poll; counting the links of a
     * 100,000-monitor workspace took 90 ms, so the counts come from {@link LargeCounts} (the names are always
     * read).
     */
    @Transactional(readOnly = true)
    public List<TagView> list(ApiPrincipal caller) {
        Map<UUID, Long> monitors = counts.of(caller.workspaceId(), COUNTS, List.of(),
                () -> monitorsPerTag(caller.workspaceId()), LabelCounts::sum);
        return jdbc.sql("SELECT id, name, color, created_at FROM tags WHERE workspace_id = ?"
                        + " ORDER BY lower(name), id")
                .param(caller.workspaceId())
                .query((rs, row) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new TagView(id, rs.getString("name"), rs.getString("color"),
                            monitors.getOrDefault(id, 0L), rs.getTimestamp("created_at").toInstant());
                }).list();
    }

    private static final String COUNTS = """
            SELECT t.id, count(*) FROM tags t JOIN monitor_tags l ON l.tag_id = t.id
            WHERE t.workspace_id = ? GROUP BY t.id""";

    private Map<UUID, Long> monitorsPerTag(UUID workspaceId) {
        return LabelCounts.read(jdbc.sql(COUNTS).param(workspaceId));
    }

    @Transactional(readOnly = true)
    public TagView get(ApiPrincipal caller, UUID id) {
        return jdbc.sql(SELECT + " WHERE t.workspace_id = ? AND t.id = ? GROUP BY t.id")
                .params(caller.workspaceId(), id).query(Tags::view).optional()
                .orElseThrow(() -> new NotFoundException("tag"));
    }

    @Transactional
    public TagView create(ApiPrincipal caller, TagRequest request) {
        Valid tag = validate(request);
        locks.lock(caller.workspaceId());
        long count = jdbc.sql("SELECT count(*) FROM tags WHERE workspace_id = ?").param(caller.workspaceId())
                .query(Long.class).single();
        if (count >= MAX_PER_WORKSPACE) {
            throw new ConflictException("Too many tags", "This workspace has " + MAX_PER_WORKSPACE
                    + " tags, the most it may have; delete one first.");
        }
        refuseDuplicate(caller.workspaceId(), tag.name(), null);
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO tags (id, workspace_id, name, color, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, caller.workspaceId(), tag.name(), tag.color(),
                        Timestamp.from(StoredTime.now(clock))).update();
        audit.record(caller.workspaceId(), Actor.of(caller), "tag.created", "TAG", id, summary(tag));
        return get(caller, id);
    }

    @Transactional
    public TagView update(ApiPrincipal caller, UUID id, TagRequest request) {
        Valid tag = validate(request);
        locks.lock(caller.workspaceId());
        TagView before = get(caller, id);
        refuseDuplicate(caller.workspaceId(), tag.name(), id);
        jdbc.sql("UPDATE tags SET name = ?, color = ? WHERE id = ? AND workspace_id = ?")
                .params(tag.name(), tag.color(), id, caller.workspaceId()).update();
        if (!before.name().equals(tag.name()) || !before.color().equals(tag.color())) {
            Map<String, Object> summary = summary(tag);
            summary.put("from", Map.of("name", before.name(), "color", before.color()));
            audit.record(caller.workspaceId(), Actor.of(caller), "tag.updated", "TAG", id, summary);
        }
        return get(caller, id);
    }

    /** Deletes the tag and takes it off its monitors. */
    @Transactional
    public void delete(ApiPrincipal caller, UUID id) {
        TagView tag = get(caller, id);
        jdbc.sql("DELETE FROM tags WHERE id = ? AND workspace_id = ?").params(id, caller.workspaceId()).update();
        counts.forget(caller.workspaceId());
        audit.record(caller.workspaceId(), Actor.of(caller), "tag.deleted", "TAG", id,
                Map.of("name", tag.name(), "monitors", tag.monitors()));
    }

    private static final String SELECT = """
            SELECT t.id, t.name, t.color, t.created_at, count(l.monitor_id) AS monitors
            FROM tags t LEFT JOIN monitor_tags l ON l.tag_id = t.id""";

    private record Valid(String name, String color) {
    }

    private static Valid validate(TagRequest request) {
        FieldProblems problems = new FieldProblems();
        String name = problems.requiredLine("name", request.name(), MAX_NAME);
        String color = TagColors.of(problems, request.color(), name);
        problems.throwIfAny();
        return new Valid(name, color);
    }

    private void refuseDuplicate(UUID workspaceId, String name, UUID except) {
        boolean taken = jdbc.sql("SELECT count(*) > 0 FROM tags WHERE workspace_id = ? AND lower(name) = lower(?)"
                        + " AND id IS DISTINCT FROM ?::uuid")
                .params(workspaceId, name, except).query(Boolean.class).single();
        if (taken) {
            throw new ConflictException("Tag exists", "This workspace already has a tag named \"" + name + "\".");
        }
    }

    private static Map<String, Object> summary(Valid tag) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", tag.name());
        summary.put("color", tag.color());
        return summary;
    }

    private static TagView view(ResultSet rs, int row) throws SQLException {
        return new TagView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("color"),
                rs.getLong("monitors"), rs.getTimestamp("created_at").toInstant());
    }
}
