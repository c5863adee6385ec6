package dev.vigil.api.monitor;

import dev.vigil.api.web.FieldProblems;
import dev.vigil.common.check.MonitorType;
import dev.vigil.common.region.RegionProperties;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds the monitors of a workspace a {@link MonitorFilter} means, in SQL the indexes of V37_1 serve: only the filters
 * given become conditions (no {@code :x IS NULL OR ...}, which would hide them from the planner), a status is
 * {@code (workspace_id, paused, status)}, a group {@code (workspace_id, group_id)}, each tag an EXISTS probe of
 * {@code monitor_tags (tag_id, monitor_id)}, the search text a LIKE on the stored lower-case {@code search_text}
 * (trigram-indexed where pg_trgm exists). Tag names and groups are resolved to ids first, inside the workspace, so
 * another workspace's tag or group is as unknown as a missing one.
 */
@Component
public class MonitorSearch {

    static final int MAX_QUERY = 200;
    /** The shortest search a trigram index can serve. */
    private static final int TRIGRAM = 3;
    static final List<String> STATUSES = List.of("PENDING", "UP", "DEGRADED", "DOWN", "PAUSED");

    /** The list's orders; each has an index starting with the workspace. */
    public enum Order {
        CREATED("m.created_at, m.id"), NAME("m.name, m.id");

        private final String sql;

        Order(String sql) {
            this.sql = sql;
        }
    }

    /** One page of matching ids, in order, and how many match in all. */
    public record Found(List<UUID> ids, long total) {
    }

    private final JdbcClient jdbc;
    private final RegionProperties regions;
    private final LargeCounts counts;
    private final CustomPlans plans;

    MonitorSearch(JdbcClient jdbc, RegionProperties regions, LargeCounts counts, CustomPlans plans) {
        this.plans = plans;
        this.jdbc = jdbc;
        this.regions = regions;
        this.counts = counts;
    }

    /**
     * A page of the monitors matching {@code filter}, or a 400 naming each bad part.
     *
     * @param field the name problems are reported under ({@code ""} for query parameters, {@code "filter."} in a
     *              body)
     */
    public Found page(UUID workspaceId, MonitorFilter filter, String field, Order order, long offset, int limit) {
        Condition where = where(workspaceId, filter, field);
        List<UUID> ids = plans.run(() -> jdbc.sql("SELECT m.id FROM monitors m WHERE " + where.sql() + " ORDER BY "
                        + order.sql + " LIMIT :limit OFFSET :offset")
                .params(where.params()).param("limit", limit).param("offset", offset)
                .query(UUID.class).list());
        long total = ids.size() < limit && (offset == 0 || !ids.isEmpty()) ? offset + ids.size()
                : count(workspaceId, where);
        return new Found(ids, total);
    }

    /** A page of the API's list, oldest first, and where the next one starts (null after a short page). */
    record CreatedPage(List<UUID> ids, long total, MonitorCursor next) {
    }

    /**
     * A page of the monitors matching {@code filter}, oldest first: after {@code after} when given (a range scan of
     * the {@code (workspace_id, created_at, id)} index from there), else from {@code offset}.
     */
    CreatedPage oldestFirst(UUID workspaceId, MonitorFilter filter, MonitorCursor after, long offset, int limit) {
        Condition where = where(workspaceId, filter, "");
        String from = after == null ? "" : " AND (m.created_at, m.id) > (:afterAt, :afterId)";
        record Row(UUID id, Timestamp createdAt) {
        }
        List<Row> rows = plans.run(() -> {
            JdbcClient.StatementSpec statement = jdbc.sql("SELECT m.id, m.created_at FROM monitors m WHERE "
                            + where.sql() + from + " ORDER BY " + Order.CREATED.sql + " LIMIT :limit OFFSET :offset")
                    .params(where.params()).param("limit", limit).param("offset", after == null ? offset : 0);
            if (after != null) {
                statement = statement.param("afterAt", Timestamp.from(after.createdAt()))
                        .param("afterId", after.id());
            }
            return statement.query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getTimestamp(2))).list();
        });
        List<UUID> ids = rows.stream().map(Row::id).toList();
        long total = after == null && ids.size() < limit && (offset == 0 || !ids.isEmpty()) ? offset + ids.size()
                : count(workspaceId, where);
        MonitorCursor next = rows.size() < limit ? null
                : new MonitorCursor(rows.getLast().createdAt().toInstant(), rows.getLast().id());
        return new CreatedPage(ids, total, next);
    }

    private long count(UUID workspaceId, Condition where) {
        String sql = "SELECT count(*) FROM monitors m WHERE " + where.sql();
        List<Object> params = where.params().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> (Object) List.of(e.getKey(), e.getValue())).toList();
        return counts.of(workspaceId, sql, params,
                () -> plans.run(() -> jdbc.sql(sql).params(where.params()).query(Long.class).single()),
                Long::longValue);
    }

    /** Every matching id (a workspace holds at most a few thousand monitors), oldest first. */
    public List<UUID> all(UUID workspaceId, MonitorFilter filter, String field) {
        Condition where = where(workspaceId, filter, field);
        return plans.run(() -> jdbc.sql("SELECT m.id FROM monitors m WHERE " + where.sql() + " ORDER BY "
                        + Order.CREATED.sql)
                .params(where.params()).query(UUID.class).list());
    }

    private record Condition(String sql, Map<String, Object> params) {
    }

    private Condition where(UUID workspaceId, MonitorFilter filter, String field) {
        FieldProblems problems = new FieldProblems();
        StringBuilder sql = new StringBuilder("m.workspace_id = :workspace");
        Map<String, Object> params = new HashMap<>();
        params.put("workspace", workspaceId);
        statuses(problems, field, filter.status(), sql, params);
        types(problems, field, filter.type(), sql, params);
        regions(problems, field, filter.region(), sql, params);
        group(problems, field, workspaceId, filter.group(), sql, params);
        tags(problems, field, workspaceId, filter.tag(), sql, params);
        String q = problems.optionalLine(field + "q", filter.q(), MAX_QUERY);
        if (q != null && q.codePointCount(0, q.length()) < TRIGRAM) {
            // Too short for a trigram: the trigram index would be read whole (200,000 entries, 600 ms), and a prepared
            // statement's generic plan picks it anyway, not knowing the text. strpos is the same test, unindexed.
            sql.append(" AND strpos(m.search_text, :q) > 0");
            params.put("q", q.toLowerCase(Locale.ROOT));
        } else if (q != null) {
            sql.append(" AND m.search_text LIKE :q ESCAPE '\\'");
            params.put("q", "%" + q.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        problems.throwIfAny();
        return new Condition(sql.toString(), params);
    }

    private static void statuses(FieldProblems problems, String field, List<String> requested, StringBuilder sql,
                                 Map<String, Object> params) {
        Set<String> wanted = upperCase(problems, field + "status", requested, STATUSES);
        if (wanted.isEmpty()) {
            return;
        }
        // A paused monitor keeps the status it had; the API shows it as PAUSED (Monitor.getStatus).
        List<String> active = wanted.stream().filter(s -> !s.equals("PAUSED")).toList();
        if (!wanted.contains("PAUSED")) {
            sql.append(" AND NOT m.paused AND m.status IN (:status)");
            params.put("status", active);
        } else if (active.isEmpty()) {
            sql.append(" AND m.paused");
        } else {
            sql.append(" AND (m.paused OR m.status IN (:status))");
            params.put("status", active);
        }
    }

    private static void types(FieldProblems problems, String field, List<String> requested, StringBuilder sql,
                              Map<String, Object> params) {
        Set<String> wanted = upperCase(problems, field + "type", requested,
                Arrays.stream(MonitorType.values()).map(Enum::name).toList());
        if (!wanted.isEmpty()) {
            sql.append(" AND m.type IN (:type)");
            params.put("type", List.copyOf(wanted));
        }
    }

    private void regions(FieldProblems problems, String field, List<String> requested, StringBuilder sql,
                         Map<String, Object> params) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String region : requested) {
            if (region == null || !regions.ids().contains(region.strip())) {
                problems.add(field + "region", "unknown region '" + clip(region) + "'; available: "
                        + String.join(", ", regions.ids()));
            } else {
                wanted.add(region.strip());
            }
        }
        if (!wanted.isEmpty()) {
            // Region ids are known ones here (no commas), so a joined text is a safe way to bind an array.
            sql.append(" AND m.regions && string_to_array(:regions, ',')");
            params.put("regions", String.join(",", wanted));
        }
    }

    private void group(FieldProblems problems, String field, UUID workspaceId, String requested, StringBuilder sql,
                       Map<String, Object> params) {
        if (requested == null || requested.isBlank()) {
            return;
        }
        if (requested.strip().equalsIgnoreCase("none")) {
            sql.append(" AND m.group_id IS NULL");
            return;
        }
        UUID id = uuid(requested);
        List<UUID> groups = id == null ? List.of() : jdbc.sql("""
                        SELECT id FROM monitor_groups WHERE workspace_id = ? AND (id = ? OR parent_id = ?)""")
                .params(workspaceId, id, id).query(UUID.class).list();
        if (groups.isEmpty()) {
            problems.add(field + "group", "no such group: " + clip(requested) + " (a group id from GET "
                    + "/api/v1/monitor-groups, or none)");
            return;
        }
        // The group and its subgroups: a folder shows what its folders hold.
        sql.append(" AND m.group_id IN (:groups)");
        params.put("groups", groups);
    }

    private void tags(FieldProblems problems, String field, UUID workspaceId, List<String> requested,
                      StringBuilder sql, Map<String, Object> params) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (String tag : requested) {
            UUID id = tag == null || tag.isBlank() ? null : resolveTag(workspaceId, tag.strip());
            if (id == null) {
                problems.add(field + "tag", "no such tag: " + clip(tag) + " (a tag id or name from GET /api/v1/tags)");
            } else {
                ids.add(id);
            }
        }
        int i = 0;
        for (UUID id : ids) {
            sql.append(" AND EXISTS (SELECT 1 FROM monitor_tags t WHERE t.tag_id = :tag").append(i)
                    .append(" AND t.monitor_id = m.id)");
            params.put("tag" + i++, id);
        }
    }

    private UUID resolveTag(UUID workspaceId, String tag) {
        UUID id = uuid(tag);
        return (id != null
                ? jdbc.sql("SELECT id FROM tags WHERE workspace_id = ? AND id = ?").params(workspaceId, id)
                : jdbc.sql("SELECT id FROM tags WHERE workspace_id = ? AND lower(name) = lower(?)")
                .params(workspaceId, tag)).query(UUID.class).optional().orElse(null);
    }

    private static Set<String> upperCase(FieldProblems problems, String field, List<String> requested,
                                         List<String> allowed) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String value : requested) {
            String upper = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
            if (!allowed.contains(upper)) {
                problems.add(field, "unknown " + field.substring(field.lastIndexOf('.') + 1) + " '" + clip(value)
                        + "'; one of " + String.join(", ", allowed));
            } else {
                wanted.add(upper);
            }
        }
        return wanted;
    }

    private static UUID uuid(String text) {
        try {
            return text.strip().length() == 36 ? UUID.fromString(text.strip()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String clip(String value) {
        if (value == null) {
            return "";
        }
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
