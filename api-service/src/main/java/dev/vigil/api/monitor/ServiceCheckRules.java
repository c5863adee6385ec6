package dev.vigil.api.monitor;

import dev.vigil.api.web.FieldProblems;
import dev.vigil.common.check.DatabaseCheck;
import dev.vigil.common.check.DatabaseEngine;
import dev.vigil.common.check.GrpcCheck;
import dev.vigil.common.check.ReadOnlyQueries;
import dev.vigil.common.check.WebSocketCheck;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The definitions of WEBSOCKET, GRPC and DATABASE monitors. A DATABASE password is only ever a reference to a
 * workspace variable ({@code {{vars.NAME}}}): the variable is sealed at rest and opened by the probe alone, where a
 * password typed into the monitor would be stored and shown in clear.
 */
final class ServiceCheckRules {

    static final int MAX_MESSAGE_LENGTH = 64 * 1024;
    static final int MAX_PATTERN_LENGTH = 1000;
    static final int MAX_USERNAME_LENGTH = 128;
    /** Fully qualified gRPC service names: package.Service, letters, digits, '_', '.', and '/' or '-' seen in use. */
    private static final Pattern GRPC_SERVICE = Pattern.compile("[A-Za-z0-9_./-]{1,200}");
    /** Database names Vigil passes on: no quoting, spaces or URL syntax to get wrong. */
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_$.-]{1,64}");
    private static final Pattern REDIS_DATABASE = Pattern.compile("[0-9]{1,5}");
    private static final Pattern VARIABLE_ONLY =
            Pattern.compile("\\{\\{\\s*vars\\.([A-Za-z_][A-Za-z0-9_]{0,63})\\s*}}");

    private ServiceCheckRules() {
    }

    static WebSocketCheck webSocket(FieldProblems problems, MonitorRequest request) {
        String url = problems.requiredLine("url", request.url(), HttpCheckRules.MAX_URL_LENGTH);
        if (url != null) {
            String lower = url.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("ws://") && !lower.startsWith("wss://")) {
                problems.add("url", "url must start with ws:// or wss://");
                url = null;
            } else {
                // The same rules as an HTTP URL (a host, no credentials), which is what the handshake requests.
                FieldProblems http = new FieldProblems();
                String asHttp = (lower.startsWith("wss://") ? "https" : "http") + url.substring(url.indexOf(':'));
                HttpCheckRules.url(http, asHttp);
                http.list().forEach(p -> problems.add("url", p.message().replace("http://", "ws://")
                        .replace("https://", "wss://").replace("http(s)", "ws(s)")));
            }
        }
        Map<String, String> headers = HttpCheckRules.headers(problems, request.headers());
        for (String name : headers.keySet()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("sec-websocket-") && !lower.equals("sec-websocket-protocol")) {
                problems.add("headers." + name, name + " is set by the probe itself and cannot be overridden");
            }
        }
        String send = problems.multiLine("send", request.send(), MAX_MESSAGE_LENGTH);
        return new WebSocketCheck(url, headers, send, pattern(problems, "expect", request.expect()));
    }

    static GrpcCheck grpc(FieldProblems problems, MonitorRequest request) {
        String host = HostRules.connectableHost(problems, "host", request.host());
        int port = port(problems, request.port(), null);
        String service = request.service() == null ? "" : request.service().strip();
        if (!service.isEmpty() && !GRPC_SERVICE.matcher(service).matches()) {
            problems.add("service", "service must be a gRPC service name such as payments.v1.Payments (letters, "
                    + "digits, '_', '.', '-', '/'; at most 200), or empty for the whole server");
        }
        return new GrpcCheck(host, port, service, Boolean.TRUE.equals(request.tls()));
    }

    static DatabaseCheck database(FieldProblems problems, MonitorRequest request) {
        DatabaseEngine engine = engine(problems, request.engine());
        String host = HostRules.connectableHost(problems, "host", request.host());
        int port = port(problems, request.port(), engine == null ? 1 : engine.defaultPort());
        String database = database(problems, engine, request.database());
        String username = problems.optionalLine("username", request.username(), MAX_USERNAME_LENGTH);
        if (username == null && engine != null && engine != DatabaseEngine.REDIS && !problems.has("username")) {
            problems.add("username", "username is required for " + engine + " (a name, or {{vars.NAME}})");
        }
        String password = password(problems, request.password());
        String query = problems.multiLine("query", request.query(), ReadOnlyQueries.MAX_QUERY_LENGTH);
        if (query != null && query.isBlank()) {
            query = null;
        }
        if (query != null && engine != null) {
            String problem = engine == DatabaseEngine.REDIS ? ReadOnlyQueries.redisProblem(query)
                    : ReadOnlyQueries.sqlProblem(query);
            if (problem != null) {
                problems.add("query", problem);
            }
        }
        return new DatabaseCheck(engine, host, port, database, username, password, query,
                pattern(problems, "expect", request.expect()));
    }

    private static DatabaseEngine engine(FieldProblems problems, String value) {
        if (value == null || value.isBlank()) {
            problems.add("engine", "engine is required: one of " + Arrays.toString(DatabaseEngine.values()));
            return null;
        }
        try {
            return DatabaseEngine.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("engine", "engine must be one of " + Arrays.toString(DatabaseEngine.values())
                    + " (MYSQL also covers MariaDB)");
            return null;
        }
    }

    private static String database(FieldProblems problems, DatabaseEngine engine, String value) {
        String database = problems.optionalLine("database", value, 64);
        if (database == null) {
            return null;
        }
        if (engine == DatabaseEngine.REDIS && !REDIS_DATABASE.matcher(database).matches()) {
            problems.add("database", "a Redis database is a number such as 0");
            return null;
        }
        if (!DATABASE_NAME.matcher(database).matches()) {
            problems.add("database", "database must be a plain name (letters, digits, '_', '$', '.', '-'; at most 64)");
            return null;
        }
        return database;
    }

    private static String password(FieldProblems problems, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        Matcher reference = VARIABLE_ONLY.matcher(value.strip());
        if (!reference.matches()) {
            // The message never repeats the value: it may well be the password itself.
            problems.add("password", "password must be a workspace variable reference such as {{vars.DB_PASSWORD}} "
                    + "(set the variable with PUT /api/v1/variables/DB_PASSWORD): a password typed here would be "
                    + "stored and shown in clear");
            return null;
        }
        return "{{vars." + reference.group(1) + "}}";
    }

    private static String pattern(FieldProblems problems, String field, String value) {
        String pattern = problems.optionalLine(field, value, MAX_PATTERN_LENGTH);
        if (pattern == null) {
            return null;
        }
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            problems.add(field, field + " is not a valid regular expression: " + e.getDescription());
            return null;
        }
        return pattern;
    }

    private static int port(FieldProblems problems, Integer port, Integer defaultPort) {
        if (port == null && defaultPort == null) {
            problems.add("port", "port is required (1 to 65535)");
            return 0;
        }
        int value = port == null ? defaultPort : port;
        if (value < 1 || value > 65535) {
            problems.add("port", "port must be between 1 and 65535");
        }
        return value;
    }
}
