package dev.vigil.cli.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Uptime Kuma's monitors and notifications as a Vigil document. Both sources are first brought to the rows of
 * Kuma's own tables ({@link KumaSource}: the SQLite database of 2.0, or a 1.x {@code backup.json}), so one
 * conversion serves both:
 * <ol>
 *   <li>notifications of a kind Vigil has ({@link KumaChannels}: Slack, Discord, Teams, Google Chat, Mattermost,
 *       Matrix, Telegram, PagerDuty, Opsgenie, ntfy, Pushover, SMTP as email, webhooks) become alert channels, their
 *       secrets environment references {@code KUMA_<CHANNEL>_<FIELD>};</li>
 *   <li>{@code http}, {@code keyword} and {@code json-query} monitors become HTTP monitors with assertions,
 *       {@code port} TCP, {@code dns} DNS, {@code push} HEARTBEAT, and ping, smtp, websocket-upgrade, grpc-keyword,
 *       postgres, mysql and redis as {@link KumaChecks} maps them; inactive monitors are paused, links to
 *       notifications become {@code alertChannels}, tags {@code tags} and the group a monitor is in its
 *       {@code group}; {@code maxretries} N becomes {@code noise.failuresInRow} N+1 (a check retried N times is DOWN
 *       at its (N+1)th failure in a row);</li>
 *   <li>every other monitor type, heartbeat retries, authentication and settings Vigil has no field for are listed
 *       with their place ({@code monitor[id] (name).column}).</li>
 * </ol>
 */
public final class UptimeKumaImporter {

    /** The most failures in a row a Vigil monitor takes (docs/api.md, Noise settings). */
    private static final int MAX_FAILURES_IN_ROW = 10;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MIN_INTERVAL_SECONDS = 30;
    private static final int MAX_TAGS = 20;
    private static final int MAX_TAG_NAME = 50;
    private static final int MAX_GROUP_NAME = 100;
    private static final Pattern RANGE = Pattern.compile("(\\d{3})-(\\d{3})");
    private static final Pattern CODE = Pattern.compile("\\d{3}");
    private static final Pattern SIMPLE_PATH = Pattern.compile("\\$?\\.?([A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*"
            + "|\\[\\d+])*)");

    /** Columns this importer reads, or that describe a monitor's state rather than its definition. */
    private static final Set<String> HANDLED = Set.of("id", "name", "active", "user_id", "interval", "url", "type",
            "weight", "hostname", "port", "created_date", "keyword", "invert_keyword", "maxredirects",
            "accepted_statuscodes_json", "dns_resolve_type", "dns_resolve_server", "dns_last_result", "push_token",
            "method", "body", "headers", "timeout", "json_path", "json_path_operator", "expected_value", "parent",
            "retry_interval", "last_start_date", "domain_expiry_notification", "expiry_notification");

    /** Kuma's defaults for columns that are not empty by default: equal to these, a column is not listed. */
    private static final Map<String, String> DEFAULTS = Map.ofEntries(Map.entry("packet_size", "56"),
            Map.entry("http_body_encoding", "json"), Map.entry("gamedig_given_port_only", "true"),
            Map.entry("kafka_producer_sasl_options", "{\"mechanism\":\"None\"}"), Map.entry("snmp_version", "2c"),
            Map.entry("conditions", "[]"), Map.entry("kafka_producer_brokers", "[]"),
            Map.entry("rabbitmq_nodes", "[]"), Map.entry("ping_count", "1"), Map.entry("ping_numeric", "true"),
            Map.entry("ping_per_request_timeout", "2"), Map.entry("smtp_security", "nostarttls"),
            Map.entry("ip_family", "null"), Map.entry("screenshot_delay", "0"));

    private final List<String> unmapped = new ArrayList<>();
    private final List<String> secrets = new ArrayList<>();
    private final Set<String> keys = new HashSet<>();
    /** Kuma notification id → channel key, for the links. */
    private final Map<Long, String> channelKeys = new HashMap<>();
    private final KumaChannels kumaChannels = new KumaChannels(unmapped, secrets);
    private final KumaChecks kumaChecks = new KumaChecks(unmapped);
    /** Kuma monitor id → the id of the group it is in. */
    private final Map<Long, Long> parents = new HashMap<>();

    private UptimeKumaImporter() {
    }

    /** Converts what {@link KumaSource} read (from a database or a backup). */
    public static ImportResult convert(KumaSource.Tables tables) {
        return new UptimeKumaImporter().run(tables);
    }

    private ImportResult run(KumaSource.Tables tables) {
        ObjectNode document = JSON.createObjectNode();
        document.put("version", 1);
        ArrayNode channels = document.putArray("alertChannels");
        ArrayNode monitors = document.putArray("monitors");
        for (JsonNode notification : tables.notifications()) {
            notification(notification, channels);
        }
        Map<Long, String> names = new HashMap<>();
        tables.monitors().forEach(m -> names.put(m.path("id").asLong(), m.path("name").asString("")));
        tables.monitors().stream().filter(m -> m.path("parent").asLong(0) != 0)
                .forEach(m -> parents.put(m.path("id").asLong(), m.path("parent").asLong()));
        for (JsonNode monitor : tables.monitors()) {
            monitor(monitor, tables, names, monitors);
        }
        if (channels.isEmpty()) {
            document.remove("alertChannels");
        }
        return new ImportResult(document, List.copyOf(unmapped), List.copyOf(secrets));
    }

    private void notification(JsonNode row, ArrayNode specs) {
        String name = row.path("name").asString("");
        String path = "notification[" + row.path("id").asLong() + "] (" + name + ")";
        String kuma = KumaChannels.kindOf(row);
        if (!KumaChannels.supported(kuma)) {
            unmapped.add(path + ": Vigil has no " + kuma + " channel (it has " + KumaChannels.SUPPORTED + ")");
            return;
        }
        ObjectNode spec = kumaChannels.channel(row, unique("kuma-" + slug(name.isEmpty() ? kuma : name, "channel")),
                path);
        if (spec == null) {
            return;
        }
        JsonNode config = KumaSource.parsed(row.path("config"));
        if (flag(row.path("is_default"), false) || flag(config.path("isDefault"), false)) {
            spec.put("isDefault", true);
        }
        if (!flag(row.path("active"), true)) {
            unmapped.add(path + ": was disabled in Kuma; imported as an active channel");
        }
        specs.add(spec);
        channelKeys.put(row.path("id").asLong(), spec.get("key").asString());
    }

    private void monitor(JsonNode row, KumaSource.Tables tables, Map<Long, String> names, ArrayNode monitors) {
        long id = row.path("id").asLong();
        String name = row.path("name").asString("");
        String path = "monitor[" + id + "] (" + name + ")";
        String kuma = row.path("type").asString("");
        String type = switch (kuma) {
            case "http", "keyword", "json-query" -> "HTTP";
            case "port" -> "TCP";
            case "dns" -> "DNS";
            case "push" -> "HEARTBEAT";
            default -> KumaChecks.TYPES.get(kuma);
        };
        if (kuma.equals("group")) {
            unmapped.add(path + ": a group, not a monitor: its members are imported in the Vigil group '" + name
                    + "'");
            return;
        }
        if (type == null) {
            unmapped.add(path + ": not imported: Vigil has no " + kuma + " monitor (it checks HTTP(S), TCP, TLS, "
                    + "DNS, ping, UDP, domains, SMTP/IMAP/POP3, WebSocket, gRPC health, PostgreSQL, MySQL, Redis and "
                    + "heartbeats)");
            return;
        }
        ObjectNode monitor = JSON.createObjectNode();
        monitor.put("key", unique(slug(name, "monitor-" + id)));
        monitor.put("name", name.isEmpty() ? "Kuma monitor " + id : name);
        monitor.put("type", type);
        long interval = Math.max(MIN_INTERVAL_SECONDS, row.path("interval").asLong(60));
        if (row.path("interval").asLong(60) < MIN_INTERVAL_SECONDS) {
            unmapped.add(path + ".interval: " + row.path("interval").asLong() + " s is below Vigil's usual minimum; "
                    + MIN_INTERVAL_SECONDS + " s is used");
        }
        Set<String> consumed = Set.of();
        if (KumaChecks.TYPES.containsKey(kuma)) {
            consumed = kumaChecks.fill(path, kuma, row, monitor.get("key").asString(), monitor);
            if (consumed == null) {
                keys.remove(monitor.get("key").asString());
                return;
            }
        }
        switch (KumaChecks.TYPES.containsKey(kuma) ? "" : type) {
            case "" -> {
                // filled above
            }
            case "HTTP" -> http(path, row, kuma, monitor);
            case "TCP" -> {
                monitor.put("host", row.path("hostname").asString(""));
                monitor.put("port", row.path("port").asInt());
            }
            case "DNS" -> {
                monitor.put("host", row.path("hostname").asString(""));
                monitor.put("recordType", row.path("dns_resolve_type").asString("A"));
                String server = row.path("dns_resolve_server").asString("");
                if (!server.isEmpty()) {
                    int port = row.path("port").asInt(53);
                    monitor.put("resolver", port > 0 && port != 53 ? server + ":" + port : server);
                }
            }
            default -> {
                monitor.put("periodSeconds", interval);
                unmapped.add(path + ": the pushing job must call the new monitor's ping URL (`vigil monitors get`)"
                        + " instead of Kuma's /api/push/" + (row.path("push_token").asString("").isEmpty() ? "…"
                        : row.path("push_token").asString()));
            }
        }
        if (!type.equals("HEARTBEAT")) {
            monitor.put("intervalSeconds", interval);
            double timeout = row.path("timeout").asDouble(0);
            if (timeout > 0) {
                monitor.put("timeoutMs", (int) Math.min(Math.min(timeout * 1000, 60_000), interval * 1000));
            }
            int retries = row.path("maxretries").asInt(0);
            if (retries > 0) {
                // Kuma retries a failed check maxretries times before DOWN: that many more failures in a row.
                monitor.putObject("noise").put("failuresInRow", Math.min(retries + 1, MAX_FAILURES_IN_ROW));
                if (retries + 1 > MAX_FAILURES_IN_ROW) {
                    unmapped.add(path + ".maxretries: " + retries + " imported as " + MAX_FAILURES_IN_ROW
                            + " failures in a row, Vigil's most");
                }
            }
        }
        if (!flag(row.path("active"), true)) {
            monitor.put("paused", true);
        }
        links(path, id, tables, monitor);
        labels(path, id, tables, names, row, monitor);
        rest(path, row, type.equals("HEARTBEAT"), consumed);
        monitors.add(monitor);
    }

    private void http(String path, JsonNode row, String kuma, ObjectNode monitor) {
        monitor.put("url", row.path("url").asString(""));
        String method = row.path("method").asString("GET").toUpperCase(Locale.ROOT);
        if (!method.equals("GET")) {
            monitor.put("method", method);
        }
        JsonNode headers = KumaSource.parsed(row.path("headers"));
        if (headers.isObject() && !headers.isEmpty()) {
            ObjectNode copied = monitor.putObject("headers");
            headers.properties().forEach(h -> copied.put(h.getKey(), h.getValue().asString(h.getValue().toString())));
        } else if (!empty(row.path("headers"))) {
            unmapped.add(path + ".headers: not a JSON object, not imported");
        }
        if (!row.path("body").asString("").isEmpty()) {
            monitor.put("body", row.path("body").asString());
        }
        if (row.path("maxredirects").asInt(10) == 0) {
            monitor.put("followRedirects", false);
        }
        ArrayNode assertions = JSON.createArrayNode();
        statusCodes(path, row, assertions);
        if (kuma.equals("keyword")) {
            assertions.add(assertion("BODY", flag(row.path("invert_keyword"), false) ? "NOT_CONTAINS" : "CONTAINS",
                    null, row.path("keyword").asString("")));
        } else if (kuma.equals("json-query")) {
            jsonQuery(path, row, assertions);
        }
        if (!assertions.isEmpty()) {
            monitor.set("assertions", assertions);
        }
    }

    /** Kuma's accepted codes: its default (2xx) is Vigil's too; one code or one range becomes assertions. */
    private void statusCodes(String path, JsonNode row, ArrayNode assertions) {
        JsonNode codes = KumaSource.parsed(row.path("accepted_statuscodes_json"));
        if (!codes.isArray() || codes.isEmpty() || (codes.size() == 1 && codes.get(0).asString().equals("200-299"))) {
            return;
        }
        if (codes.size() == 1) {
            String accepted = codes.get(0).asString();
            Matcher range = RANGE.matcher(accepted);
            if (CODE.matcher(accepted).matches()) {
                assertions.add(assertion("STATUS_CODE", "EQUALS", null, accepted));
                return;
            }
            if (range.matches()) {
                assertions.add(assertion("STATUS_CODE", "GREATER_THAN", null,
                        String.valueOf(Integer.parseInt(range.group(1)) - 1)));
                assertions.add(assertion("STATUS_CODE", "LESS_THAN", null,
                        String.valueOf(Integer.parseInt(range.group(2)) + 1)));
                return;
            }
        }
        unmapped.add(path + ".accepted_statuscodes: " + codes + " not imported (Vigil asserts one code or one range; "
                + "add assertions by hand)");
    }

    private void jsonQuery(String path, JsonNode row, ArrayNode assertions) {
        String expression = row.path("json_path").asString("").strip();
        String operator = row.path("json_path_operator").asString("==");
        Matcher simple = SIMPLE_PATH.matcher(expression);
        String comparison = switch (operator) {
            case "==" -> "EQUALS";
            case "!=" -> "NOT_EQUALS";
            case "contains" -> "CONTAINS";
            case "<" -> "LESS_THAN";
            case ">" -> "GREATER_THAN";
            default -> null;
        };
        if (!simple.matches() || comparison == null) {
            unmapped.add(path + ".json_path: '" + expression + "' " + operator + " '"
                    + row.path("expected_value").asString("") + "' not imported (only a plain field path compared "
                    + "with ==, !=, contains, < or > maps to a JSON_PATH assertion)");
            return;
        }
        assertions.add(assertion("JSON_PATH", comparison, "$." + simple.group(1),
                row.path("expected_value").asString("")));
    }

    private static ObjectNode assertion(String source, String comparison, String path, String target) {
        ObjectNode assertion = JSON.createObjectNode();
        assertion.put("source", source);
        if (path != null) {
            assertion.put("path", path);
        }
        assertion.put("comparison", comparison);
        assertion.put("target", target);
        return assertion;
    }

    private void links(String path, long id, KumaSource.Tables tables, ObjectNode monitor) {
        ArrayNode linked = JSON.createArrayNode();
        for (JsonNode link : tables.monitorNotifications()) {
            if (link.path("monitor_id").asLong() != id) {
                continue;
            }
            String key = channelKeys.get(link.path("notification_id").asLong());
            if (key == null) {
                unmapped.add(path + ": its notification " + link.path("notification_id").asLong()
                        + " was not imported");
            } else if (linked.valueStream().noneMatch(k -> k.asString().equals(key))) {
                linked.add(key);
            }
        }
        if (!linked.isEmpty()) {
            monitor.set("alertChannels", linked);
        }
    }

    /**
     * Kuma's tags become Vigil tags by name ({@code name:value} when the link has a value, as Kuma shows it), and the
     * group a monitor is in becomes its Vigil group by the group's name. Kuma nests groups at any depth, Vigil names
     * one: a group inside another is used by its own name, and said so.
     */
    private void labels(String path, long id, KumaSource.Tables tables, Map<Long, String> names, JsonNode row,
                        ObjectNode monitor) {
        Set<String> found = new LinkedHashSet<>();
        for (JsonNode link : tables.monitorTags()) {
            if (link.path("monitor_id").asLong() != id) {
                continue;
            }
            String value = link.path("value").asString("").strip();
            String tag = tables.tagName(link.path("tag_id").asLong()).strip() + (value.isEmpty() ? "" : ":" + value);
            if (tag.isEmpty() || tag.length() > MAX_TAG_NAME) {
                unmapped.add(path + ".tags: '" + tag + "' not imported (a Vigil tag name is 1 to " + MAX_TAG_NAME
                        + " characters)");
            } else if (found.stream().noneMatch(t -> t.equalsIgnoreCase(tag))) {
                found.add(tag);
            }
        }
        if (!found.isEmpty()) {
            found.stream().limit(MAX_TAGS).forEach(monitor.putArray("tags")::add);
            if (found.size() > MAX_TAGS) {
                unmapped.add(path + ".tags: only the first " + MAX_TAGS + " of " + found.size() + " tags imported");
            }
        }
        JsonNode parent = row.path("parent");
        if (parent.isNull() || parent.isMissingNode() || parent.asLong(0) == 0) {
            return;
        }
        String group = names.getOrDefault(parent.asLong(), "").strip();
        if (group.isEmpty() || group.length() > MAX_GROUP_NAME) {
            unmapped.add(path + ".parent: group " + parent.asLong() + " not imported (a Vigil group name is 1 to "
                    + MAX_GROUP_NAME + " characters)");
            return;
        }
        monitor.put("group", group);
        Long grandparent = parents.get(parent.asLong());
        if (grandparent != null) {
            unmapped.add(path + ".parent: group '" + group + "' is inside '" + names.getOrDefault(grandparent, "?")
                    + "' in Kuma; Vigil puts the monitor in a group named '" + group + "'");
        }
    }

    /** Every other column with a value of its own is listed: nothing is dropped without a line. */
    private void rest(String path, JsonNode row, boolean heartbeat, Set<String> consumed) {
        if (flag(row.path("ignore_tls"), false)) {
            unmapped.add(path + ".ignore_tls: Vigil always verifies certificates; a self-signed target will fail");
        }
        if (flag(row.path("upside_down"), false)) {
            unmapped.add(path + ".upside_down: not imported (Vigil has no inverted monitors); check it by hand");
        }
        if (heartbeat && row.path("maxretries").asInt(0) > 0) {
            unmapped.add(path + ".maxretries: " + row.path("maxretries").asInt() + " not imported (a heartbeat is "
                    + "late after its grace time, without retries)");
        }
        for (String column : row.propertyNames()) {
            JsonNode value = row.get(column);
            if (HANDLED.contains(column) || consumed.contains(column)
                    || Set.of("ignore_tls", "upside_down", "maxretries").contains(column)
                    || empty(value) || isDefault(column, value)) {
                continue;
            }
            boolean secret = column.contains("pass") || column.contains("secret") || column.contains("token")
                    || column.contains("connection_string") || column.contains("private_key");
            unmapped.add(path + "." + column + ": not imported" + (secret ? " (a secret: set it up by hand)"
                    : describe(column, value)));
        }
    }

    private static boolean isDefault(String column, JsonNode value) {
        String standard = DEFAULTS.get(column);
        return standard != null && (standard.equals(text(value)) || (standard.equals("true") && flag(value, false)));
    }

    /** A Kuma boolean: SQLite stores 0/1, backups true/false or 0/1. */
    static boolean flag(JsonNode value, boolean absent) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return absent;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isNumber()) {
            return value.asInt() != 0;
        }
        String text = value.asString("").strip();
        return text.equals("1") || text.equalsIgnoreCase("true");
    }

    static String describe(String field, JsonNode value) {
        String lower = field.toLowerCase(Locale.ROOT);
        if (lower.contains("pass") || lower.contains("token") || lower.contains("secret") || lower.contains("key")) {
            return " (a secret: set it up by hand)";
        }
        String text = text(value);
        return " (" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + ")";
    }

    private static String text(JsonNode value) {
        if (value.isBoolean()) {
            return String.valueOf(value.asBoolean());
        }
        return value.isString() ? value.asString() : value.toString();
    }

    /** Null, empty text, false, zero, or an empty JSON list/object (Kuma stores those as text too). */
    static boolean empty(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return true;
        }
        if (value.isBoolean()) {
            return !value.asBoolean();
        }
        if (value.isNumber()) {
            return value.doubleValue() == 0;
        }
        if (value.isContainer()) {
            return value.isEmpty();
        }
        String text = value.asString("").strip();
        return text.isEmpty() || text.equals("[]") || text.equals("{}") || text.equals("null");
    }

    private static String slug(String text, String fallback) {
        String base = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.:-]+", "-").replaceAll("^-+|-+$", "");
        return base.isEmpty() ? fallback : base.length() > 90 ? base.substring(0, 90) : base;
    }

    private String unique(String base) {
        String key = base;
        for (int n = 2; !keys.add(key); n++) {
            key = base + "-" + n;
        }
        return key;
    }
}
