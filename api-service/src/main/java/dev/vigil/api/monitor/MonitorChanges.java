package dev.vigil.api.monitor;

import dev.vigil.api.audit.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the audit log says about a monitor: a snapshot on creation and deletion, and the fields that changed on an
 * update, with the places monitors keep secrets redacted: header values, the request body, plugin arguments (a
 * password is often one) and the query string of a URL (where tokens like to hide).
 */
final class MonitorChanges {

    private static final Set<String> IGNORED = Set.of("id", "status", "createdAt", "updatedAt", "pingUrl", "tags",
            "skippedChecks", "lastSkippedAt", "flapping");
    private static final Set<String> SECRET = Set.of("headers", "body", "args", "payload");

    private MonitorChanges() {
    }

    static Map<String, Object> snapshot(MonitorResponse monitor) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", monitor.name());
        summary.put("type", monitor.type());
        summary.put("target", target(monitor));
        return summary;
    }

    /** {@code {"changes": {"field": {"from": .., "to": ..}}}}; secret fields say only that they changed. */
    static Map<String, Object> diff(JsonMapper json, MonitorResponse before, MonitorResponse after) {
        JsonNode from = json.valueToTree(before);
        JsonNode to = json.valueToTree(after);
        Map<String, Object> changes = new LinkedHashMap<>();
        Set<String> names = new java.util.TreeSet<>(from.propertyNames());
        names.addAll(to.propertyNames());
        for (String name : names) {
            JsonNode a = from.get(name);
            JsonNode b = to.get(name);
            if (IGNORED.contains(name) || Objects.equals(a, b)) {
                continue;
            }
            if (SECRET.contains(name)) {
                changes.put(name, AuditLog.REDACTED);
            } else if (name.equals("url")) {
                changes.put(name, change(safeUrl(before.url()), safeUrl(after.url())));
            } else {
                changes.put(name, change(a, b));
            }
        }
        return Map.of("name", after.name(), "changes", changes);
    }

    private static Map<String, Object> change(Object from, Object to) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("from", from);
        change.put("to", to);
        return change;
    }

    private static String target(MonitorResponse monitor) {
        return switch (monitor.type()) {
            case "HTTP" -> monitor.method() + " " + safeUrl(monitor.url());
            case "TCP", "TLS" -> monitor.host() + ":" + monitor.port();
            case "DNS" -> monitor.recordType() + " " + monitor.host();
            case "HEARTBEAT" -> "every " + monitor.periodSeconds() + "s";
            case "PLUGIN" -> monitor.plugin();
            case "PING", "DOMAIN" -> monitor.host();
            case "UDP", "SMTP", "IMAP", "POP3" -> monitor.host() + ":" + monitor.port();
            default -> "";
        };
    }

    /** The URL without its query string's values. */
    static String safeUrl(String url) {
        if (url == null) {
            return null;
        }
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?" + AuditLog.REDACTED;
    }
}
