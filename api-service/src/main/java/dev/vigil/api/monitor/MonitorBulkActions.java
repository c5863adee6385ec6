package dev.vigil.api.monitor;

import dev.vigil.api.account.WorkspaceLocks;
import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.StoredTime;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pause, resume, delete, tag, untag, link or unlink a channel, or move to a group many monitors at once: one request,
 * one transaction, one audit entry naming every monitor. The set is fixed first (its rows locked), then changed with
 * one statement; a monitor, tag, channel or group of another workspace is refused (400) before anything changes, so
 * a bulk action is all or nothing. The scheduler hears of pauses and deletions through the same {@code
 * monitor_changed} trigger as single edits.
 */
@Service
public class MonitorBulkActions {

    static final int MAX_IDS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(MonitorBulkActions.class);

    /** The actions, each with the audit action it records and the fields it takes besides the monitors. */
    enum Action {
        PAUSE("monitor.bulk_paused", Set.of()),
        RESUME("monitor.bulk_resumed", Set.of()),
        DELETE("monitor.bulk_deleted", Set.of()),
        ADD_TAGS("monitor.bulk_tagged", Set.of("tagIds")),
        REMOVE_TAGS("monitor.bulk_untagged", Set.of("tagIds")),
        LINK_CHANNEL("monitor.bulk_channel_linked", Set.of("channelId")),
        UNLINK_CHANNEL("monitor.bulk_channel_unlinked", Set.of("channelId")),
        MOVE_TO_GROUP("monitor.bulk_moved", Set.of("groupId"));

        final String audited;
        final Set<String> fields;

        Action(String audited, Set<String> fields) {
            this.audited = audited;
            this.fields = fields;
        }

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final JdbcClient jdbc;
    private final MonitorSearch search;
    private final MonitorLabels labels;
    private final MonitorChannelLinks channels;
    private final WorkspaceLocks locks;
    private final AuditLog audit;
    private final Clock clock;
    private final LargeCounts counts;

    MonitorBulkActions(JdbcClient jdbc, MonitorSearch search, MonitorLabels labels, MonitorChannelLinks channels,
                       WorkspaceLocks locks, AuditLog audit, Clock clock, LargeCounts counts) {
        this.jdbc = jdbc;
        this.search = search;
        this.labels = labels;
        this.channels = channels;
        this.locks = locks;
        this.audit = audit;
        this.clock = clock;
        this.counts = counts;
    }

    @Transactional
    public BulkResult apply(ApiPrincipal caller, BulkRequest request) {
        UUID workspace = caller.workspaceId();
        // 1. Check the request: the action, its own fields, and that what they name is this workspace's.
        Action action = validate(request);
        checkReferences(workspace, action, request);
        // 2. Fix the set: the workspace lock keeps two bulk actions (and the per-monitor tag and channel limits they
        //    check) from interleaving; the row locks keep single edits out until this commits.
        locks.lock(workspace);
        counts.forget(workspace);
        List<UUID> wanted = request.monitorIds() != null ? List.copyOf(new LinkedHashSet<>(request.monitorIds()))
                : search.all(workspace, request.filter(), "filter.");
        Map<UUID, String> names = lockedNames(workspace, wanted);
        if (names.size() < wanted.size()) {
            List<UUID> unknown = wanted.stream().filter(id -> !names.containsKey(id)).toList();
            FieldProblems problems = new FieldProblems();
            problems.add("monitorIds", "no such monitor: " + unknown.stream().limit(20).map(UUID::toString)
                    .collect(Collectors.joining(", ")) + (unknown.size() > 20 ? " and " + (unknown.size() - 20)
                    + " more" : ""));
            problems.throwIfAny();
        }
        List<UUID> ids = List.copyOf(names.keySet());
        // 3. Change them, one statement for the whole set.
        int changed = ids.isEmpty() ? 0 : change(workspace, action, request, ids);
        // 4. One audit entry naming every monitor.
        if (changed > 0) {
            audit.record(workspace, Actor.of(caller), action.audited, "MONITOR", null,
                    summary(action, request, names, changed));
        }
        log.info("monitors bulk action={} workspace={} matched={} changed={}", action.wire(), workspace, ids.size(),
                changed);
        return new BulkResult(action.wire(), ids.size(), changed, ids);
    }

    private Action validate(BulkRequest request) {
        FieldProblems problems = new FieldProblems();
        Action action = null;
        if (request.action() == null || request.action().isBlank()) {
            problems.add("action", "action is required: one of " + actions());
        } else {
            for (Action candidate : Action.values()) {
                if (candidate.wire().equals(request.action().strip().toLowerCase(Locale.ROOT))) {
                    action = candidate;
                }
            }
            if (action == null) {
                problems.add("action", "action must be one of " + actions());
            }
        }
        if ((request.monitorIds() == null) == (request.filter() == null)) {
            problems.add("monitorIds", "give either monitorIds or filter (all monitors matching it)");
        } else if (request.monitorIds() != null) {
            if (request.monitorIds().contains(null)) {
                problems.add("monitorIds", "monitorIds must be monitor ids, not null");
            } else if (request.monitorIds().size() > MAX_IDS) {
                problems.add("monitorIds", "at most " + MAX_IDS + " monitors at once; use filter for more");
            }
        }
        if (action != null) {
            fieldsOf(problems, action, request);
        }
        problems.throwIfAny();
        return action;
    }

    private void fieldsOf(FieldProblems problems, Action action, BulkRequest request) {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("tagIds", request.tagIds());
        given.put("channelId", request.channelId());
        given.put("groupId", request.groupId());
        given.forEach((field, value) -> {
            if (value != null && !action.fields.contains(field)) {
                problems.add(field, field + " does not apply to " + action.wire());
            }
        });
        if (action.fields.contains("tagIds")) {
            if (request.tagIds() == null || request.tagIds().isEmpty() || request.tagIds().contains(null)) {
                problems.add("tagIds", "tagIds is required: the tags to " + (action == Action.ADD_TAGS ? "add"
                        : "remove"));
            } else if (request.tagIds().size() > MonitorDefinitions.MAX_TAGS) {
                problems.add("tagIds", "at most " + MonitorDefinitions.MAX_TAGS + " tags at once");
            }
        }
        if (action.fields.contains("channelId") && request.channelId() == null) {
            problems.add("channelId", "channelId is required: the alert channel to "
                    + (action == Action.LINK_CHANNEL ? "link" : "unlink"));
        }
    }

    /** After the shape is right: what the request names must be this workspace's. */
    private void checkReferences(UUID workspace, Action action, BulkRequest request) {
        FieldProblems problems = new FieldProblems();
        if (action.fields.contains("tagIds")) {
            List<UUID> unknown = labels.tagsNotInWorkspace(workspace, List.copyOf(new LinkedHashSet<>(
                    request.tagIds())));
            if (!unknown.isEmpty()) {
                problems.add("tagIds", "no such tag: " + unknown.stream().map(UUID::toString)
                        .collect(Collectors.joining(", ")));
            }
        }
        if (action.fields.contains("channelId")
                && !channels.notInWorkspace(workspace, List.of(request.channelId())).isEmpty()) {
            problems.add("channelId", "no such alert channel: " + request.channelId());
        }
        if (action == Action.MOVE_TO_GROUP && request.groupId() != null
                && !labels.groupInWorkspace(workspace, request.groupId())) {
            problems.add("groupId", "no such group: " + request.groupId());
        }
        problems.throwIfAny();
    }

    private Map<UUID, String> lockedNames(UUID workspace, List<UUID> ids) {
        Map<UUID, String> names = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        jdbc.sql("""
                        SELECT id, name FROM monitors WHERE workspace_id = ? AND id = ANY (?::uuid[])
                        ORDER BY created_at, id FOR UPDATE""")
                .params(workspace, array(ids))
                .query(rs -> {
                    names.put(rs.getObject("id", UUID.class), rs.getString("name"));
                });
        return names;
    }

    private int change(UUID workspace, Action action, BulkRequest request, List<UUID> ids) {
        String[] monitors = array(ids);
        Timestamp now = Timestamp.from(StoredTime.now(clock));
        return switch (action) {
            case PAUSE, RESUME -> jdbc.sql("""
                            UPDATE monitors SET paused = ?, updated_at = ?
                            WHERE workspace_id = ? AND id = ANY (?::uuid[]) AND paused <> ?""")
                    .params(action == Action.PAUSE, now, workspace, monitors, action == Action.PAUSE).update();
            case DELETE -> jdbc.sql("DELETE FROM monitors WHERE workspace_id = ? AND id = ANY (?::uuid[])")
                    .params(workspace, monitors).update();
            case ADD_TAGS -> {
                int added = jdbc.sql("""
                                WITH added AS (
                                    INSERT INTO monitor_tags (monitor_id, tag_id, workspace_id)
                                    SELECT m, t, ? FROM unnest(?::uuid[]) AS m, unnest(?::uuid[]) AS t
                                    ON CONFLICT DO NOTHING
                                    RETURNING monitor_id)
                                SELECT count(DISTINCT monitor_id) FROM added""")
                        .params(workspace, monitors, array(request.tagIds())).query(Integer.class).single();
                refuseOverLimit("monitor_tags", monitors, MonitorDefinitions.MAX_TAGS, "tags");
                yield added;
            }
            case REMOVE_TAGS -> jdbc.sql("""
                            WITH removed AS (
                                DELETE FROM monitor_tags WHERE workspace_id = ? AND monitor_id = ANY (?::uuid[])
                                  AND tag_id = ANY (?::uuid[])
                                RETURNING monitor_id)
                            SELECT count(DISTINCT monitor_id) FROM removed""")
                    .params(workspace, monitors, array(request.tagIds())).query(Integer.class).single();
            case LINK_CHANNEL -> {
                int linked = jdbc.sql("""
                                INSERT INTO monitor_alert_channels (monitor_id, channel_id, workspace_id)
                                SELECT m, ?, ? FROM unnest(?::uuid[]) AS m
                                ON CONFLICT DO NOTHING""")
                        .params(request.channelId(), workspace, monitors).update();
                refuseOverLimit("monitor_alert_channels", monitors, MonitorDefinitions.MAX_ALERT_CHANNELS,
                        "alert channels");
                yield linked;
            }
            case UNLINK_CHANNEL -> jdbc.sql("""
                            DELETE FROM monitor_alert_channels WHERE workspace_id = ? AND monitor_id = ANY (?::uuid[])
                              AND channel_id = ?""")
                    .params(workspace, monitors, request.channelId()).update();
            case MOVE_TO_GROUP -> jdbc.sql("""
                            UPDATE monitors SET group_id = ?::uuid, updated_at = ?
                            WHERE workspace_id = ? AND id = ANY (?::uuid[]) AND group_id IS DISTINCT FROM ?::uuid""")
                    .params(request.groupId(), now, workspace, monitors, request.groupId()).update();
        };
    }

    /** Throws (so the transaction rolls back) when a monitor would now have more links than a single edit allows. */
    private void refuseOverLimit(String table, String[] monitors, int limit, String what) {
        List<UUID> over = jdbc.sql("SELECT monitor_id FROM " + table + " WHERE monitor_id = ANY (?::uuid[])"
                        + " GROUP BY monitor_id HAVING count(*) > ?")
                .params(monitors, limit).query(UUID.class).list();
        if (!over.isEmpty()) {
            throw new ConflictException("Too many " + what, over.size() + " of the monitors would have more than "
                    + limit + " " + what + "; nothing was changed.");
        }
    }

    private Map<String, Object> summary(Action action, BulkRequest request, Map<UUID, String> names, int changed) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("action", action.wire());
        summary.put("count", names.size());
        summary.put("changed", changed);
        if (request.tagIds() != null) {
            summary.put("tagIds", List.copyOf(new LinkedHashSet<>(request.tagIds())));
        }
        if (request.channelId() != null) {
            summary.put("channelId", request.channelId());
        }
        if (action == Action.MOVE_TO_GROUP) {
            summary.put("groupId", request.groupId());
        }
        List<Map<String, Object>> monitors = new ArrayList<>();
        names.forEach((id, name) -> monitors.add(Map.of("id", id, "name", name)));
        summary.put("monitors", monitors);
        return summary;
    }

    private static String actions() {
        return java.util.Arrays.stream(Action.values()).map(Action::wire).collect(Collectors.joining(", "));
    }

    private static String[] array(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toArray(String[]::new);
    }
}
