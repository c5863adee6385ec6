package dev.vigil.cli.imports;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads Uptime Kuma's configuration into the rows of its own tables ({@code monitor}, {@code notification},
 * {@code monitor_notification}, {@code tag}, {@code monitor_tag}), column names as in its schema:
 * <ul>
 *   <li>from its SQLite database ({@code data/kuma.db}; 2.0 keeps monitors only there), opened read-only, every
 *       column of each row as it is (so a 1.x database, with fewer columns, reads too);</li>
 *   <li>from a 1.x {@code backup.json} (Settings → Backup → Export), whose monitors carry their fields in camelCase,
 *       their notification links as {@code notificationIDList} and their tags inline.</li>
 * </ul>
 */
public final class KumaSource {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Backup fields computed by Kuma when it exported (not part of a monitor's definition). */
    private static final Set<String> DERIVED = Set.of("pathName", "childrenIDs", "forceInactive", "maintenance",
            "tags", "notificationIDList", "includeSensitiveData", "screenshot", "dns_last_result", "weight",
            "path", "accepted_statuscodes");

    /**
     * Kuma's tables as rows.
     *
     * @param tagNames tag id → name
     */
    public record Tables(List<JsonNode> monitors, List<JsonNode> notifications, List<JsonNode> monitorNotifications,
                         List<JsonNode> monitorTags, Map<Long, String> tagNames) {

        String tagName(long id) {
            return tagNames.getOrDefault(id, "tag " + id);
        }
    }

    private KumaSource() {
    }

    /** Opens Kuma's SQLite database read-only; a file that is not one is an {@link IllegalArgumentException}. */
    public static Tables database(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(),
                config.toProperties())) {
            List<JsonNode> monitors = rows(connection, "SELECT * FROM monitor ORDER BY id");
            List<JsonNode> notifications = rows(connection, "SELECT * FROM notification ORDER BY id");
            List<JsonNode> links = rows(connection, "SELECT monitor_id, notification_id FROM monitor_notification");
            List<JsonNode> monitorTags = rows(connection, "SELECT monitor_id, tag_id, value FROM monitor_tag");
            Map<Long, String> tagNames = new HashMap<>();
            rows(connection, "SELECT id, name FROM tag").forEach(t -> tagNames.put(t.path("id").asLong(),
                    t.path("name").asString("")));
            return new Tables(monitors, notifications, links, monitorTags, tagNames);
        } catch (SQLException e) {
            throw new IllegalArgumentException("cannot read Uptime Kuma's tables: " + e.getMessage(), e);
        }
    }

    private static List<JsonNode> rows(Connection connection, String sql) throws SQLException {
        List<JsonNode> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
                ObjectNode row = JSON.createObjectNode();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = result.getObject(i);
                    String column = meta.getColumnLabel(i);
                    switch (value) {
                        case null -> row.putNull(column);
                        case Integer n -> row.put(column, n);
                        case Long n -> row.put(column, n);
                        case Number n -> row.put(column, n.doubleValue());
                        default -> row.put(column, value.toString());
                    }
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** A 1.x backup: {@code {"version": "1.x", "notificationList": [...], "monitorList": [...]}}. */
    public static Tables backup(String json) {
        JsonNode backup = JSON.readTree(json);
        if (!backup.path("monitorList").isArray()) {
            throw new IllegalArgumentException("expected an Uptime Kuma backup with a monitorList");
        }
        List<JsonNode> monitors = new ArrayList<>();
        List<JsonNode> notifications = new ArrayList<>();
        List<JsonNode> links = new ArrayList<>();
        List<JsonNode> monitorTags = new ArrayList<>();
        Map<Long, String> tagNames = new HashMap<>();
        for (JsonNode n : backup.path("notificationList")) {
            ObjectNode row = JSON.createObjectNode();
            row.put("id", n.path("id").asLong());
            row.put("name", n.path("name").asString(""));
            row.set("active", n.path("active").isMissingNode() ? JSON.getNodeFactory().booleanNode(true)
                    : n.get("active"));
            row.set("is_default", n.path("isDefault").isMissingNode() ? JSON.getNodeFactory().booleanNode(false)
                    : n.get("isDefault"));
            row.set("config", n.path("config"));
            notifications.add(row);
        }
        for (JsonNode m : backup.path("monitorList")) {
            ObjectNode row = JSON.createObjectNode();
            for (String field : m.propertyNames()) {
                if (!DERIVED.contains(field)) {
                    row.set(snake(field), m.get(field));
                }
            }
            if (m.has("accepted_statuscodes")) {
                row.put("accepted_statuscodes_json", m.get("accepted_statuscodes").toString());
            }
            long id = m.path("id").asLong();
            m.path("notificationIDList").properties().forEach(e -> {
                if (UptimeKumaImporter.flag(e.getValue(), false)) {
                    ObjectNode link = JSON.createObjectNode();
                    links.add(link);
                    link.put("monitor_id", id);
                    link.put("notification_id", Long.parseLong(e.getKey()));
                }
            });
            for (JsonNode tag : m.path("tags")) {
                long tagId = tag.path("tag_id").asLong(tag.path("id").asLong());
                tagNames.put(tagId, tag.path("name").asString(""));
                ObjectNode link = JSON.createObjectNode();
                link.put("monitor_id", id);
                link.put("tag_id", tagId);
                link.set("value", tag.path("value"));
                monitorTags.add(link);
            }
            monitors.add(row);
        }
        return new Tables(monitors, notifications, links, monitorTags, tagNames);
    }

    /** A notification's config or a monitor's headers: JSON kept as text in Kuma's columns. */
    static JsonNode parsed(JsonNode value) {
        if (value == null || !value.isString()) {
            return value == null ? JSON.missingNode() : value;
        }
        try {
            return JSON.readTree(value.asString());
        } catch (JacksonException e) {
            return JSON.missingNode();
        }
    }

    /** retryInterval → retry_interval, as Kuma's columns are named. */
    private static String snake(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
