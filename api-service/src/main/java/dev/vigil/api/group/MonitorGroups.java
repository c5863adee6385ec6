package dev.vigil.api.group;

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
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A workspace's monitor groups. Changes run under the workspace lock, so two requests cannot nest a group into one
 * that is meanwhile being nested itself (which would make three levels) or create the same name twice.
 */
@Service
public class MonitorGroups {

    public static final int MAX_PER_WORKSPACE = 200;
    static final int MAX_NAME = 100;

    private static final String SELECT = """
            SELECT g.id, g.name, g.parent_id, g.created_at, p.name AS parent_name,
                   (SELECT count(*) FROM monitors m WHERE m.workspace_id = g.workspace_id AND m.group_id = g.id)
                       AS monitors
            FROM monitor_groups g LEFT JOIN monitor_groups p ON p.id = g.parent_id""";

    private final JdbcClient jdbc;
    private final WorkspaceLocks locks;
    private final AuditLog audit;
    private final Clock clock;
    private final LargeCounts counts;

    MonitorGroups(JdbcClient jdbc, WorkspaceLocks locks, AuditLog audit, Clock clock, LargeCounts counts) {
        this.counts = counts;
        this.jdbc = jdbc;
        this.locks = locks;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every group of the workspace, each top-level group followed by its subgroups, by name. */
    @Transactional(readOnly = true)
    public List<GroupView> list(ApiPrincipal caller) {
        // Asked on every poll of the dashboard's monitor list: the counts come from LargeCounts (60 ms for ten
        // groups of a 100,000-monitor workspace), the names are always read.
        Map<UUID, Long> monitors = counts.of(caller.workspaceId(), COUNTS, List.of(),
                () -> LabelCounts.read(jdbc.sql(COUNTS).param(caller.workspaceId())), LabelCounts::sum);
        return jdbc.sql("""
                        SELECT g.id, g.name, g.parent_id, g.created_at, p.name AS parent_name
                        FROM monitor_groups g LEFT JOIN monitor_groups p ON p.id = g.parent_id
                         WHERE g.workspace_id = ?
                        ORDER BY lower(coalesce(p.name, g.name)), coalesce(p.id, g.id), g.parent_id IS NOT NULL,
                                 lower(g.name), g.id""")
                .param(caller.workspaceId())
                .query((rs, row) -> view(rs, monitors.getOrDefault(rs.getObject("id", UUID.class), 0L))).list();
    }

    private static final String COUNTS = """
            SELECT group_id, count(*) FROM monitors WHERE workspace_id = ? AND group_id IS NOT NULL
            GROUP BY group_id""";

    @Transactional(readOnly = true)
    public GroupView get(ApiPrincipal caller, UUID id) {
        return jdbc.sql(SELECT + " WHERE g.workspace_id = ? AND g.id = ?").params(caller.workspaceId(), id)
                .query(MonitorGroups::view).optional().orElseThrow(() -> new NotFoundException("group"));
    }

    @Transactional
    public GroupView create(ApiPrincipal caller, GroupRequest request) {
        String name = validName(request);
        locks.lock(caller.workspaceId());
        long count = jdbc.sql("SELECT count(*) FROM monitor_groups WHERE workspace_id = ?")
                .param(caller.workspaceId()).query(Long.class).single();
        if (count >= MAX_PER_WORKSPACE) {
            throw new ConflictException("Too many groups", "This workspace has " + MAX_PER_WORKSPACE
                    + " groups, the most it may have; delete one first.");
        }
        checkParent(caller.workspaceId(), null, request.parentId());
        refuseDuplicate(caller.workspaceId(), request.parentId(), name, null);
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO monitor_groups (id, workspace_id, parent_id, name, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, caller.workspaceId(), request.parentId(), name, Timestamp.from(StoredTime.now(clock)))
                .update();
        audit.record(caller.workspaceId(), Actor.of(caller), "monitor_group.created", "MONITOR_GROUP", id,
                summary(name, request.parentId()));
        return get(caller, id);
    }

    /** Renames or moves a group (a PUT: a missing parentId makes it top-level). */
    @Transactional
    public GroupView update(ApiPrincipal caller, UUID id, GroupRequest request) {
        String name = validName(request);
        locks.lock(caller.workspaceId());
        GroupView before = get(caller, id);
        checkParent(caller.workspaceId(), id, request.parentId());
        refuseDuplicate(caller.workspaceId(), request.parentId(), name, id);
        jdbc.sql("UPDATE monitor_groups SET name = ?, parent_id = ? WHERE id = ? AND workspace_id = ?")
                .params(name, request.parentId(), id, caller.workspaceId()).update();
        if (!before.name().equals(name) || !Objects.equals(before.parentId(), request.parentId())) {
            Map<String, Object> summary = summary(name, request.parentId());
            Map<String, Object> from = new LinkedHashMap<>();
            from.put("name", before.name());
            from.put("parentId", before.parentId());
            summary.put("from", from);
            audit.record(caller.workspaceId(), Actor.of(caller), "monitor_group.updated", "MONITOR_GROUP", id,
                    summary);
        }
        return get(caller, id);
    }

    /** Deletes an empty-of-subgroups group; its monitors stay, ungrouped. */
    @Transactional
    public void delete(ApiPrincipal caller, UUID id) {
        locks.lock(caller.workspaceId());
        GroupView group = get(caller, id);
        if (hasSubgroups(id)) {
            throw new ConflictException("Group has subgroups", "Move or delete the subgroups of \"" + group.name()
                    + "\" first.");
        }
        jdbc.sql("UPDATE monitors SET group_id = NULL, updated_at = ? WHERE workspace_id = ? AND group_id = ?")
                .params(Timestamp.from(StoredTime.now(clock)), caller.workspaceId(), id).update();
        jdbc.sql("DELETE FROM monitor_groups WHERE id = ? AND workspace_id = ?").params(id, caller.workspaceId())
                .update();
        counts.forget(caller.workspaceId());
        audit.record(caller.workspaceId(), Actor.of(caller), "monitor_group.deleted", "MONITOR_GROUP", id,
                Map.of("name", group.path(), "monitorsUngrouped", group.monitors()));
    }

    private static String validName(GroupRequest request) {
        FieldProblems problems = new FieldProblems();
        String name = problems.requiredLine("name", request.name(), MAX_NAME);
        problems.throwIfAny();
        return name;
    }

    /** Groups nest once: the parent must be a top-level group of the workspace, and a parent cannot be nested. */
    private void checkParent(UUID workspaceId, UUID self, UUID parentId) {
        if (parentId == null) {
            return;
        }
        FieldProblems problems = new FieldProblems();
        UUID grandparent = jdbc.sql("SELECT coalesce(parent_id, id) FROM monitor_groups WHERE id = ? AND"
                        + " workspace_id = ?").params(parentId, workspaceId).query(UUID.class).optional().orElse(null);
        if (grandparent == null) {
            problems.add("parentId", "no such group: " + parentId + " (see GET /api/v1/monitor-groups)");
        } else if (parentId.equals(self)) {
            problems.add("parentId", "a group cannot be its own parent");
        } else if (!grandparent.equals(parentId)) {
            problems.add("parentId", "groups nest once: the parent must be a top-level group");
        } else if (self != null && hasSubgroups(self)) {
            problems.add("parentId", "this group has subgroups, so it stays top-level (groups nest once)");
        }
        problems.throwIfAny();
    }

    private boolean hasSubgroups(UUID id) {
        return jdbc.sql("SELECT count(*) > 0 FROM monitor_groups WHERE parent_id = ?").param(id)
                .query(Boolean.class).single();
    }

    private void refuseDuplicate(UUID workspaceId, UUID parentId, String name, UUID except) {
        boolean taken = jdbc.sql("""
                        SELECT count(*) > 0 FROM monitor_groups
                        WHERE workspace_id = ? AND parent_id IS NOT DISTINCT FROM ?::uuid AND lower(name) = lower(?)
                          AND id IS DISTINCT FROM ?::uuid""")
                .params(workspaceId, parentId, name, except).query(Boolean.class).single();
        if (taken) {
            throw new ConflictException("Group exists", "A group named \"" + name + "\" is already there.");
        }
    }

    private static Map<String, Object> summary(String name, UUID parentId) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", name);
        summary.put("parentId", parentId);
        return summary;
    }

    private static GroupView view(ResultSet rs, int row) throws SQLException {
        return view(rs, rs.getLong("monitors"));
    }

    private static GroupView view(ResultSet rs, long monitors) throws SQLException {
        String name = rs.getString("name");
        String parent = rs.getString("parent_name");
        return new GroupView(rs.getObject("id", UUID.class), name, rs.getObject("parent_id", UUID.class),
                parent == null ? name : parent + " / " + name, monitors,
                rs.getTimestamp("created_at").toInstant());
    }
}
