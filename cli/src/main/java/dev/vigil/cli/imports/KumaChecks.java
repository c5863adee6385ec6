package dev.vigil.cli.imports;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Uptime Kuma monitor types beyond HTTP, port, DNS and push, as far as Vigil's check types hold them:
 * {@code ping} → PING, {@code smtp} → SMTP, {@code websocket-upgrade} → WEBSOCKET, {@code grpc-keyword} → GRPC (Vigil
 * asks the standard health service; Kuma's call and keyword are listed), {@code postgres}, {@code mysql} and
 * {@code redis} → DATABASE from the connection string, whose password becomes a workspace variable reference (Vigil
 * stores no database password; the person sets the variable). Each conversion answers the columns it consumed, so
 * the importer lists every other column with a value.
 */
final class KumaChecks {

    /** Kuma type → Vigil type, for the types this class converts. */
    static final Map<String, String> TYPES = Map.of("ping", "PING", "smtp", "SMTP", "websocket-upgrade", "WEBSOCKET",
            "grpc-keyword", "GRPC", "postgres", "DATABASE", "mysql", "DATABASE", "redis", "DATABASE");

    private static final Map<String, String> ENGINES = Map.of("postgres", "POSTGRESQL", "mysql", "MYSQL",
            "redis", "REDIS");
    private static final int MAX_PACKETS = 10;

    private final List<String> unmapped;

    KumaChecks(List<String> unmapped) {
        this.unmapped = unmapped;
    }

    /**
     * Fills the monitor's check fields from the row.
     *
     * @param key the monitor's key, for the name of the workspace variable a database password goes to
     * @return the columns consumed (not to be listed again); null when the monitor cannot be imported (said why)
     */
    Set<String> fill(String path, String kuma, JsonNode row, String key, ObjectNode monitor) {
        return switch (kuma) {
            case "ping" -> ping(path, row, monitor);
            case "smtp" -> smtp(row, monitor);
            case "websocket-upgrade" -> webSocket(path, row, monitor);
            case "grpc-keyword" -> grpc(path, row, monitor);
            default -> database(path, kuma, row, key, monitor);
        };
    }

    private Set<String> ping(String path, JsonNode row, ObjectNode monitor) {
        monitor.put("host", row.path("hostname").asString(""));
        int count = row.path("ping_count").asInt(1);
        if (count > MAX_PACKETS) {
            unmapped.add(path + ".ping_count: " + count + " imported as " + MAX_PACKETS + ", Vigil's most");
        }
        monitor.put("packetCount", Math.max(1, Math.min(count, MAX_PACKETS)));
        return Set.of("ping_count");
    }

    /** Kuma's {@code smtp_security}: {@code secure} is TLS from the start, {@code starttls} upgrades, else none. */
    private static Set<String> smtp(JsonNode row, ObjectNode monitor) {
        monitor.put("host", row.path("hostname").asString(""));
        if (row.path("port").asInt(0) > 0) {
            monitor.put("port", row.path("port").asInt());
        }
        monitor.put("tlsMode", switch (row.path("smtp_security").asString("nostarttls")) {
            case "secure" -> "IMPLICIT";
            case "starttls" -> "STARTTLS";
            default -> "NONE";
        });
        return Set.of("smtp_security", "port");
    }

    private Set<String> webSocket(String path, JsonNode row, ObjectNode monitor) {
        monitor.put("url", row.path("url").asString(""));
        String subprotocol = row.path("ws_subprotocol").asString("").strip();
        if (!subprotocol.isEmpty()) {
            monitor.putObject("headers").put("Sec-WebSocket-Protocol", subprotocol);
        }
        if (UptimeKumaImporter.flag(row.path("ws_ignore_sec_websocket_accept_header"), false)) {
            unmapped.add(path + ".ws_ignore_sec_websocket_accept_header: not imported (Vigil always checks the "
                    + "handshake's accept header)");
        }
        return Set.of("ws_subprotocol", "ws_ignore_sec_websocket_accept_header", "accepted_statuscodes_json");
    }

    private Set<String> grpc(String path, JsonNode row, ObjectNode monitor) {
        String address = row.path("grpc_url").asString("").strip().replaceFirst("^[a-z]+://", "");
        int colon = address.lastIndexOf(':');
        monitor.put("host", colon > 0 ? address.substring(0, colon) : address);
        if (colon > 0) {
            try {
                monitor.put("port", Integer.parseInt(address.substring(colon + 1)));
            } catch (NumberFormatException e) {
                unmapped.add(path + ".grpc_url: '" + address + "' has no port number; set port by hand");
            }
        } else {
            unmapped.add(path + ".grpc_url: '" + address + "' has no port; set port by hand");
        }
        if (UptimeKumaImporter.flag(row.path("grpc_enable_tls"), false)) {
            monitor.put("tls", true);
        }
        String call = row.path("grpc_service_name").asString("") + "/" + row.path("grpc_method").asString("");
        unmapped.add(path + ": Kuma called " + call + " and looked for '" + row.path("keyword").asString("")
                + "'; Vigil's GRPC check asks the server's grpc.health.v1.Health instead (grpc_service_name, "
                + "grpc_method, grpc_body, grpc_protobuf, grpc_metadata and keyword not imported)");
        return Set.of("grpc_url", "grpc_enable_tls", "grpc_service_name", "grpc_method", "grpc_body",
                "grpc_protobuf", "grpc_metadata");
    }

    /**
     * A connection string {@code engine://user:password@host:port/database}: its parts become the DATABASE fields,
     * its password a {@code {{vars.KUMA_<KEY>_PASSWORD}}} reference, {@code database_query} the query.
     */
    private Set<String> database(String path, String kuma, JsonNode row, String key, ObjectNode monitor) {
        String connection = row.path("database_connection_string").asString("").strip();
        URI uri;
        try {
            uri = new URI(connection);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null) {
            // The string holds the password: never repeated in the report.
            unmapped.add(path + ": not imported: its database_connection_string is not a URL such as "
                    + kuma + "://user:password@host:port/database (a secret: set the monitor up by hand)");
            return null;
        }
        monitor.put("engine", ENGINES.get(kuma));
        monitor.put("host", uri.getHost());
        if (uri.getPort() > 0) {
            monitor.put("port", uri.getPort());
        }
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (!database.isEmpty()) {
            monitor.put("database", database);
        }
        String userInfo = uri.getUserInfo() == null ? "" : uri.getUserInfo();
        int colon = userInfo.indexOf(':');
        String user = colon >= 0 ? userInfo.substring(0, colon) : userInfo;
        if (!user.isEmpty()) {
            monitor.put("username", user);
        }
        if (colon >= 0 && colon < userInfo.length() - 1) {
            // A variable name is at most 64 characters.
            String base = ("KUMA_" + key).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
            String variable = (base.length() > 55 ? base.substring(0, 55) : base) + "_PASSWORD";
            monitor.put("password", "{{vars." + variable + "}}");
            unmapped.add(path + ".database_connection_string: the password is not in the file: set the workspace "
                    + "variable " + variable + " (vigil.yaml names it; PUT /api/v1/variables/" + variable + ")");
        }
        if (uri.getQuery() != null) {
            unmapped.add(path + ".database_connection_string: options ?" + uri.getQuery().replaceAll(
                    "(?i)(pass[a-z]*=)[^&]*", "$1…") + " not imported");
        }
        String query = row.path("database_query").asString("").strip();
        if (!query.isEmpty()) {
            monitor.put("query", query);
        }
        return Set.of("database_connection_string", "database_query");
    }
}
