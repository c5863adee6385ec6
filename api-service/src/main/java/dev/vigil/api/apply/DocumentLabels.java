package dev.vigil.api.apply;

import dev.vigil.api.group.GroupRequest;
import dev.vigil.api.group.MonitorGroups;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.monitor.LargeCounts;
import dev.vigil.api.tag.TagRequest;
import dev.vigil.api.tag.Tags;
import dev.vigil.api.web.FieldProblems;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A document's monitor tags and groups, named rather than keyed: a tag by its name (unique in a workspace regardless
 * of case), a group by its name (a top-level group first, else a nested one of that name). Names the workspace does
 * not have yet are created through the tags and groups services (their rules, quotas and audit entries); tags and
 * groups are never deleted by an apply, prune or not, since a dashboard may use them for monitors no document names.
 * A monitor whose spec leaves out {@code tags} (or {@code group}) keeps what it has, as with {@code paused}.
 */
@Component
class DocumentLabels {

    static final int MAX_TAGS = 20;
    private static final int MAX_TAG_NAME = 50;
    private static final int MAX_GROUP_NAME = 100;

    private final JdbcClient jdbc;
    private final Tags tags;
    private final MonitorGroups groups;
    private final LargeCounts counts;

    DocumentLabels(JdbcClient jdbc, Tags tags, MonitorGroups groups, LargeCounts counts) {
        this.counts = counts;
        this.jdbc = jdbc;
        this.tags = tags;
        this.groups = groups;
    }

    /** What a monitor carries: its tag names (lower case, sorted) and its group's name (lower case), or null. */
    record Labels(Set<String> tags, String group) {
    }

    /** Checks the names a monitor spec gives, under {@code path} ({@code monitors[3]}). */
    static void check(FieldProblems problems, String path, List<String> tagNames, String group) {
        if (tagNames != null) {
            if (tagNames.size() > MAX_TAGS) {
                problems.add(path + ".tags", "at most " + MAX_TAGS + " tags");
            }
            for (int i = 0; i < tagNames.size(); i++) {
                String name = tagNames.get(i);
                if (name == null || name.isBlank() || name.strip().length() > MAX_TAG_NAME
                        || name.chars().anyMatch(Character::isISOControl)) {
                    problems.add(path + ".tags[" + i + "]", "a tag name is 1 to " + MAX_TAG_NAME
                            + " characters without control characters");
                }
            }
        }
        if (group != null && (group.isBlank() || group.strip().length() > MAX_GROUP_NAME
                || group.chars().anyMatch(Character::isISOControl))) {
            problems.add(path + ".group", "a group name is 1 to " + MAX_GROUP_NAME
                    + " characters without control characters");
        }
    }

    /** Every monitor's labels in the workspace, for the comparison of a plan. */
    Map<UUID, Labels> current(UUID workspace) {
        Map<UUID, Set<String>> tagNames = new HashMap<>();
        jdbc.sql("""
                        SELECT l.monitor_id, lower(t.name) AS name FROM monitor_tags l JOIN tags t ON t.id = l.tag_id
                        WHERE l.workspace_id = ?""")
                .param(workspace)
                .query(rs -> {
                    tagNames.computeIfAbsent(rs.getObject("monitor_id", UUID.class), k -> new TreeSet<>())
                            .add(rs.getString("name"));
                });
        Map<UUID, Labels> labels = new HashMap<>();
        jdbc.sql("""
                        SELECT m.id, lower(g.name) AS group_name FROM monitors m
                        LEFT JOIN monitor_groups g ON g.id = m.group_id WHERE m.workspace_id = ?""")
                .param(workspace)
                .query(rs -> {
                    UUID id = rs.getObject("id", UUID.class);
                    labels.put(id, new Labels(tagNames.getOrDefault(id, Set.of()), rs.getString("group_name")));
                });
        return labels;
    }

    /** The fields ({@code tags}, {@code group}) a spec changes on a monitor that has {@code now}. */
    static List<String> changes(Labels now, List<String> tagNames, String group) {
        List<String> changed = new ArrayList<>();
        Labels current = now == null ? new Labels(Set.of(), null) : now;
        if (tagNames != null && !normalised(tagNames).equals(current.tags())) {
            changed.add("tags");
        }
        if (group != null && !group.strip().toLowerCase(Locale.ROOT).equals(current.group())) {
            changed.add("group");
        }
        return changed;
    }

    /**
     * Gives the monitor exactly the named tags and puts it in the named group, creating what the workspace lacks;
     * a null list or group leaves that part as it is.
     */
    void apply(ApiPrincipal caller, UUID monitorId, List<String> tagNames, String group) {
        UUID workspace = caller.workspaceId();
        counts.forget(workspace); // the tags' and groups' counts
        if (tagNames != null) {
            List<UUID> ids = new ArrayList<>();
            for (String name : new LinkedHashSet<>(tagNames.stream().map(String::strip).toList())) {
                ids.add(tagId(caller, name));
            }
            // The links carry the workspace in their foreign keys: another workspace's tag could not be linked.
            jdbc.sql("DELETE FROM monitor_tags WHERE monitor_id = ? AND workspace_id = ?")
                    .params(monitorId, workspace).update();
            for (UUID id : new LinkedHashSet<>(ids)) {
                jdbc.sql("INSERT INTO monitor_tags (monitor_id, tag_id, workspace_id) VALUES (?, ?, ?)")
                        .params(monitorId, id, workspace).update();
            }
        }
        if (group != null) {
            jdbc.sql("UPDATE monitors SET group_id = ? WHERE id = ? AND workspace_id = ?")
                    .params(groupId(caller, group.strip()), monitorId, workspace).update();
        }
    }

    private UUID tagId(ApiPrincipal caller, String name) {
        return jdbc.sql("SELECT id FROM tags WHERE workspace_id = ? AND lower(name) = lower(?)")
                .params(caller.workspaceId(), name).query(UUID.class).optional()
                .orElseGet(() -> tags.create(caller, new TagRequest(name, null)).id());
    }

    private UUID groupId(ApiPrincipal caller, String name) {
        return jdbc.sql("""
                        SELECT id FROM monitor_groups WHERE workspace_id = ? AND lower(name) = lower(?)
                        ORDER BY parent_id IS NOT NULL, created_at, id LIMIT 1""")
                .params(caller.workspaceId(), name).query(UUID.class).optional()
                .orElseGet(() -> groups.create(caller, new GroupRequest(name, null)).id());
    }

    private static Set<String> normalised(List<String> names) {
        Set<String> set = new TreeSet<>();
        names.forEach(n -> set.add(n.strip().toLowerCase(Locale.ROOT)));
        return set;
    }
}
