package dev.vigil.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code vigil monitors create}: one monitor from flags, or monitors from a file (one request body, a list of them,
 * or a document's {@code monitors:}), each a {@code POST /api/v1/monitors}. For monitors kept in git, a vigil.yaml
 * with {@code vigil apply} is the better tool (keys, updates, one transaction); this is for one-offs and scripts.
 */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create a monitor from flags, or monitors from a file (JSON or YAML: one monitor, a list, or "
                + "a document's monitors:, as POST /api/v1/monitors takes them).",
                "Examples:",
                "  vigil monitors create --name Homepage --target https://example.com/ --expect-status 200",
                "  vigil monitors create --name Database --type TCP --host db.example.com --port 5432",
                "  vigil monitors create --name Backup --type HEARTBEAT --period 86400 --grace 3600",
                "  vigil monitors create --name Gateway --type PING --host 192.0.2.1 --packet-count 5",
                "  vigil monitors create --name Mail --type SMTP --host mail.example.com --port 587 --tls-mode STARTTLS",
                "  vigil monitors create --name Feed --type WEBSOCKET --target wss://ws.example.com/feed --expect pong",
                "  vigil monitors create --name Payments --type GRPC --host grpc.example.com --port 443 --tls",
                "  vigil monitors create --name Orders --type DATABASE --engine POSTGRESQL --host db.example.com \\",
                "      --database orders --username monitor --password-var DB_PASSWORD --query 'SELECT 1'",
                "  vigil monitors create -f monitors.yaml"})
final class CreateMonitorCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Mixin
    GlobalOptions global;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Monitors to create; - reads stdin")
        Path file;

        @ArgGroup(exclusive = false)
        Flags flags;
    }

    static final class Flags {

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "1 to 200 characters")
        String name;

        @Option(names = "--type", paramLabel = "TYPE", defaultValue = "HTTP",
                description = "HTTP (default), TCP, TLS, DNS, HEARTBEAT, PING, UDP, DOMAIN, SMTP, IMAP, POP3, "
                        + "WEBSOCKET, GRPC or DATABASE")
        String type;

        @Option(names = "--target", paramLabel = "URL", description = "HTTP, WEBSOCKET: the URL to request (--url is "
                + "the API's)")
        String url;

        @Option(names = "--method", paramLabel = "METHOD", description = "HTTP: GET (default), HEAD, POST, ...")
        String method;

        @Option(names = {"-H", "--header"}, paramLabel = "NAME=VALUE", description = "HTTP: a request header")
        Map<String, String> headers;

        @Option(names = "--body", paramLabel = "TEXT", description = "HTTP: the request body")
        String body;

        @Option(names = "--expect-status", paramLabel = "CODE", description = "HTTP: the status code to expect")
        Integer expectStatus;

        @Option(names = "--expect-body", paramLabel = "TEXT", description = "HTTP: text the body must contain")
        String expectBody;

        @Option(names = "--host", paramLabel = "HOST", description = "TCP, TLS, DNS, PING, UDP, SMTP, IMAP, POP3, GRPC, "
                + "DATABASE: the host name; DOMAIN: the registered domain")
        String host;

        @Option(names = "--port", paramLabel = "PORT", description = "TCP, TLS, UDP, SMTP, IMAP, POP3, GRPC, "
                + "DATABASE: the port")
        Integer port;

        @Option(names = "--record-type", paramLabel = "TYPE", description = "DNS: A, AAAA, CNAME, MX, TXT, NS, ...")
        String recordType;

        @Option(names = "--period", paramLabel = "SECONDS", description = "HEARTBEAT: a ping is expected this often")
        Integer period;

        @Option(names = "--grace", paramLabel = "SECONDS", description = "HEARTBEAT: lateness tolerated")
        Integer grace;

        @Option(names = "--interval", paramLabel = "SECONDS", description = "How often to check (default 60)")
        Integer interval;

        @Option(names = "--timeout-ms", paramLabel = "MS", description = "Per check (default 10000)")
        Integer timeoutMs;

        @Option(names = "--region", paramLabel = "REGION", split = ",", description = "Regions to check from")
        List<String> regions;

        @Option(names = "--channel", paramLabel = "CHANNEL_ID", split = ",", description = "Alert channel ids")
        List<String> channels;

        /** The other types' fields; null when none of them is given. */
        @ArgGroup(exclusive = false)
        CheckFlags check;
    }

    CreateMonitorCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        List<ObjectNode> requests = source.file != null ? fromFile(source.file) : List.of(fromFlags(source.flags));
        VigilApi api = global.api(environment);
        ArrayNode created = VigilApi.JSON.createArrayNode();
        List<String> failed = new ArrayList<>();
        CliException first = null;
        try (Progress progress = Progress.bar(environment, global, "Creating monitors", requests.size())) {
            for (int i = 0; i < requests.size(); i++) {
                try {
                    created.add(api.post("/api/v1/monitors", requests.get(i).toString()));
                } catch (CliException e) {
                    if (requests.size() == 1) {
                        throw e;
                    }
                    first = first == null ? e : first;
                    failed.add("[" + i + "] " + requests.get(i).path("name").asString("") + ": " + e.getMessage()
                            + (e.details().isEmpty() ? "" : " (" + String.join("; ", e.details()) + ")"));
                }
                progress.step();
            }
        }
        if (global.json()) {
            Output.json(environment.out(), requests.size() == 1 ? created.get(0) : created);
        } else {
            List<List<String>> rows = new ArrayList<>();
            created.forEach(m -> rows.add(MonitorsCommand.row(m)));
            Output.table(environment, MonitorsCommand.COLUMNS, rows);
        }
        if (first != null) {
            // Created ones stay; the exit code is the first failure's, every failure named.
            throw new CliException(first.exitCode(), failed.size() + " of " + requests.size()
                    + " monitors were not created", failed);
        }
        return ExitCodes.OK;
    }

    private static ObjectNode fromFlags(Flags f) {
        ObjectNode m = VigilApi.JSON.createObjectNode();
        m.put("name", f.name);
        m.put("type", f.type.toUpperCase(Locale.ROOT));
        putIfSet(m, "url", f.url);
        putIfSet(m, "method", f.method == null ? null : f.method.toUpperCase(Locale.ROOT));
        if (f.headers != null) {
            ObjectNode headers = m.putObject("headers");
            f.headers.forEach(headers::put);
        }
        putIfSet(m, "body", f.body);
        if (f.expectStatus != null || f.expectBody != null) {
            ArrayNode assertions = m.putArray("assertions");
            if (f.expectStatus != null) {
                assertions.addObject().put("source", "STATUS_CODE").put("comparison", "EQUALS")
                        .put("target", String.valueOf(f.expectStatus));
            }
            if (f.expectBody != null) {
                assertions.addObject().put("source", "BODY").put("comparison", "CONTAINS").put("target", f.expectBody);
            }
        }
        putIfSet(m, "host", f.host);
        if (f.port != null) {
            m.put("port", f.port);
        }
        putIfSet(m, "recordType", f.recordType);
        if (f.period != null) {
            m.put("periodSeconds", f.period);
        }
        if (f.grace != null) {
            m.put("graceSeconds", f.grace);
        }
        if (f.interval != null) {
            m.put("intervalSeconds", f.interval);
        }
        if (f.timeoutMs != null) {
            m.put("timeoutMs", f.timeoutMs);
        }
        if (f.regions != null) {
            f.regions.forEach(m.putArray("regions")::add);
        }
        if (f.channels != null) {
            f.channels.forEach(m.putArray("alertChannelIds")::add);
        }
        if (f.check != null) {
            Map<String, Object> fields = new LinkedHashMap<>();
            f.check.addTo(fields);
            fields.forEach((field, value) -> m.set(field, VigilApi.JSON.valueToTree(value)));
        }
        return m;
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private List<ObjectNode> fromFile(Path file) {
        JsonNode parsed;
        try {
            String text = file.toString().equals("-") ? new String(environment.in().readAllBytes())
                    : Files.readString(file);
            parsed = DocumentFiles.YAML.readTree(text);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCodes.INVALID, "no such file: " + file);
        } catch (IOException e) {
            throw new CliException(ExitCodes.INVALID, "cannot read " + file + ": " + e.getMessage());
        } catch (JacksonException e) {
            throw new CliException(ExitCodes.INVALID, file + " is not valid YAML or JSON: " + e.getOriginalMessage());
        }
        JsonNode list = parsed != null && parsed.has("monitors") ? parsed.get("monitors") : parsed;
        List<ObjectNode> requests = new ArrayList<>();
        if (list instanceof ObjectNode one) {
            requests.add(one);
        } else if (list instanceof ArrayNode many) {
            for (JsonNode item : many) {
                if (!(item instanceof ObjectNode object)) {
                    throw new CliException(ExitCodes.INVALID, file + ": every monitor must be a mapping");
                }
                requests.add(object);
            }
        }
        if (requests.isEmpty()) {
            throw new CliException(ExitCodes.INVALID, file + " holds no monitors");
        }
        List<String> missing = new ArrayList<>();
        List<ObjectNode> resolved = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            ObjectNode request = (ObjectNode) DocumentFiles.resolve(requests.get(i), environment.env(), missing,
                    "[" + i + "]");
            // A document's keys and channel keys mean nothing to POST /monitors.
            request.remove("key");
            resolved.add(request);
        }
        if (!missing.isEmpty()) {
            throw new CliException(ExitCodes.INVALID, "environment variables the file needs are not set", missing);
        }
        return resolved;
    }
}
