package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every check type through the CLI against a real api-service: a vigil.yaml of each type applied, exported as YAML and
 * applied to a new workspace unchanged; {@code monitors create} flags; {@code vigil check} requests; and what a
 * terminal, a pipe and a JSON reader see of the progress line.
 */
class MonitorTypesIT extends CliTestBase {

    /** One monitor of every type, with the values YAML could get wrong (hex digits, numbers as text, braces). */
    static final String EVERY_TYPE = """
            version: 1
            monitors:
              - {key: web, name: Web, type: HTTP, url: "https://example.com/health"}
              - {key: port, name: Port, type: TCP, host: db.example.com, port: 5432}
              - {key: dns, name: DNS, type: DNS, host: example.com, recordType: MX}
              - {key: cert, name: Cert, type: TLS, host: example.com, minDaysValid: 21}
              - {key: cron, name: Cron, type: HEARTBEAT, periodSeconds: 3600}
              - {key: ping, name: Ping, type: PING, host: 192.0.2.10, packetCount: 5, maxPacketLossPercent: 20}
              - key: udp
                name: UDP
                type: UDP
                host: ntp.example.com
                port: 123
                payload: "0102"
                payloadEncoding: HEX
                assertions: [{source: BODY, comparison: CONTAINS, target: "0a"}]
              - {key: domain, name: Domain, type: DOMAIN, host: example.com, minDaysValid: 45}
              - {key: smtp, name: SMTP, type: SMTP, host: mail.example.com, port: 587, tlsMode: STARTTLS}
              - {key: imap, name: IMAP, type: IMAP, host: mail.example.com, port: 993, tlsMode: IMPLICIT}
              - {key: pop3, name: POP3, type: POP3, host: mail.example.com, tlsMode: NONE}
              - key: ws
                name: WebSocket
                type: WEBSOCKET
                url: "wss://ws.example.com/feed"
                headers: {Sec-WebSocket-Protocol: graphql-ws}
                send: "{\\"type\\":\\"ping\\"}"
                expect: "pong"
              - {key: grpc, name: gRPC, type: GRPC, host: grpc.example.com, port: 443, service: payments.v1.Payments,
                 tls: true}
              - key: db
                name: Orders DB
                type: DATABASE
                engine: POSTGRESQL
                host: db.example.com
                database: orders
                username: monitor
                password: "{{vars.DB_PASSWORD}}"
                query: SELECT count(*) FROM orders
                expect: "^[0-9]+$"
              - {key: cache, name: Cache, type: DATABASE, engine: REDIS, host: cache.example.com, database: "2"}
              - key: steps
                name: Steps
                type: API_STEPS
                steps:
                  - {name: log in, url: "https://api.example.com/login", method: POST}
                  - {name: read, url: "https://api.example.com/account"}
              - key: browser
                name: Browser
                type: BROWSER
                intervalSeconds: 300
                timeoutMs: 60000
                steps:
                  - {action: goto, value: "https://shop.example.com/"}
                  - {action: assertTitle, value: Shop}
            """;

    @Test
    void applyOfAnExportReproducesMonitorsOfEveryTypeInANewWorkspace() throws Exception {
        String source = signUp();
        String target = signUp();
        Path document = file("every-type.yaml", EVERY_TYPE);
        Path exported = home.resolve("exported.yaml");

        Run applied = vigil(source, Map.of(), "apply", "-f", document.toString());
        Run export = vigil(source, Map.of(), "export", "--file", exported.toString());
        Run unchanged = vigil(source, Map.of(), "plan", "-f", exported.toString(), "--detailed-exitcode");
        Run reapplied = vigil(target, Map.of(), "apply", "-f", exported.toString());
        Run again = vigil(target, Map.of(), "export");

        assertThat(applied.exit()).as(applied.err()).isZero();
        assertThat(applied.out()).contains("Applied: 17 to create");
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(unchanged.exit()).as(unchanged.out() + unchanged.err()).isZero();
        assertThat(reapplied.exit()).as(reapplied.err()).isZero();
        JsonNode first = DocumentFiles.YAML.readTree(Files.readString(exported)).get("monitors");
        JsonNode second = DocumentFiles.YAML.readTree(again.out()).get("monitors");
        assertThat(first.valueStream().map(m -> m.get("type").asString())).containsExactlyInAnyOrder("HTTP", "TCP",
                "DNS", "TLS", "HEARTBEAT", "PING", "UDP", "DOMAIN", "SMTP", "IMAP", "POP3", "WEBSOCKET", "GRPC",
                "DATABASE", "DATABASE", "API_STEPS", "BROWSER");
        assertThat(second).isEqualTo(first);
        // The fields YAML could have turned into numbers or mappings came back as they were written.
        JsonNode udp = byName(second, "UDP");
        assertThat(udp.get("payload").asString() + " " + udp.get("payloadEncoding").asString()).isEqualTo("0102 HEX");
        assertThat(byName(second, "Cache").get("database").asString()).isEqualTo("2");
        assertThat(byName(second, "Orders DB").get("password").asString()).isEqualTo("{{vars.DB_PASSWORD}}");
        assertThat(byName(second, "WebSocket").get("send").asString()).isEqualTo("{\"type\":\"ping\"}");
        assertThat(byName(second, "gRPC").get("tls").asBoolean()).isTrue();
        assertThat(byName(second, "Ping").get("packetCount").asInt()).isEqualTo(5);
        assertThat(byName(second, "Domain").get("minDaysValid").asInt()).isEqualTo(45);
    }

    @Test
    void monitorsCreateTakesTheFlagsOfEveryNewType() throws Exception {
        String key = signUp();

        Run ping = vigil(key, Map.of(), "monitors", "create", "--name", "Gateway", "--type", "ping", "--host",
                "192.0.2.1", "--packet-count", "4", "--max-loss", "25", "--output", "json");
        Run udp = vigil(key, Map.of(), "monitors", "create", "--name", "NTP", "--type", "UDP", "--host",
                "ntp.example.com", "--port", "123", "--payload", "0b", "--hex", "--output", "json");
        Run domain = vigil(key, Map.of(), "monitors", "create", "--name", "Registration", "--type", "DOMAIN",
                "--host", "example.com", "--min-days", "40", "--output", "json");
        Run smtp = vigil(key, Map.of(), "monitors", "create", "--name", "Mail", "--type", "SMTP", "--host",
                "mail.example.com", "--port", "587", "--tls-mode", "starttls", "--output", "json");
        Run ws = vigil(key, Map.of(), "monitors", "create", "--name", "Feed", "--type", "WEBSOCKET", "--target",
                "wss://ws.example.com/feed", "--send", "ping", "--expect", "pong", "--output", "json");
        Run grpc = vigil(key, Map.of(), "monitors", "create", "--name", "Payments", "--type", "GRPC", "--host",
                "grpc.example.com", "--port", "443", "--tls", "--service", "payments.v1.Payments", "--output",
                "json");
        Run db = vigil(key, Map.of(), "monitors", "create", "--name", "Orders", "--type", "DATABASE", "--engine",
                "postgresql", "--host", "db.example.com", "--database", "orders", "--username", "monitor",
                "--password-var", "DB_PASSWORD", "--query", "SELECT 1", "--output", "json");
        Run wrongField = vigil(key, Map.of(), "monitors", "create", "--name", "Bad", "--type", "PING", "--host",
                "192.0.2.1", "--engine", "REDIS");
        Run table = vigil(key, Map.of(), "monitors", "list");

        for (Run run : List.of(ping, udp, domain, smtp, ws, grpc, db)) {
            assertThat(run.exit()).as(run.err()).isZero();
        }
        assertThat(ping.json().get("packetCount").asInt() + "/" + ping.json().get("maxPacketLossPercent").asInt())
                .isEqualTo("4/25");
        assertThat(udp.json().get("payloadEncoding").asString()).isEqualTo("HEX");
        assertThat(domain.json().get("minDaysValid").asInt()).isEqualTo(40);
        assertThat(smtp.json().get("tlsMode").asString()).isEqualTo("STARTTLS");
        assertThat(ws.json().get("send").asString() + " " + ws.json().get("expect").asString())
                .isEqualTo("ping pong");
        assertThat(grpc.json().get("tls").asBoolean()).isTrue();
        assertThat(db.json().get("engine").asString() + " " + db.json().get("password").asString())
                .isEqualTo("POSTGRESQL {{vars.DB_PASSWORD}}");
        assertThat(wrongField.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(wrongField.err()).contains("engine");
        assertThat(table.out()).contains("192.0.2.1", "ntp.example.com:123", "mail.example.com:587",
                "wss://ws.example.com/feed", "grpc.example.com:443", "postgresql://db.example.com:5432/orders");
    }

    @Test
    void checkSendsEveryNewTypeAndTheApiValidatesItAsAMonitor() throws Exception {
        String key = signUp();
        // No probe runs here: a valid check is sent and its region does not answer; an invalid one is a 400.
        Run ping = vigil(key, Map.of(), "check", "--type", "PING", "127.0.0.1", "--timeout", "200", "--region",
                "local-a", "--output", "json");
        Run grpc = vigil(key, Map.of(), "check", "--type", "grpc", "127.0.0.1:9", "--tls", "--timeout", "200",
                "--region", "local-a", "--output", "json");
        Run ws = vigil(key, Map.of(), "check", "--type", "WEBSOCKET", "ws://127.0.0.1:9/feed", "--expect", "pong",
                "--timeout", "200", "--region", "local-a", "--output", "json");
        Run db = vigil(key, Map.of(), "check", "--type", "DATABASE", "--engine", "REDIS", "127.0.0.1:6379",
                "--timeout", "200", "--region", "local-a", "--output", "json");
        Run dbPassword = vigil(key, Map.of(), "check", "--type", "DATABASE", "--engine", "REDIS", "127.0.0.1",
                "--password-var", "REDIS_PASSWORD");
        Run udpNoPort = vigil(key, Map.of(), "check", "--type", "UDP", "ntp.example.com");
        Run badMode = vigil(key, Map.of(), "check", "--type", "SMTP", "mail.example.com", "--tls-mode", "SOMETIMES");

        for (Run run : List.of(ping, grpc, ws, db)) {
            assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.CHECK_FAILED);
            assertThat(run.json().get("regions").get(0).get("status").asString()).isEqualTo("NO_ANSWER");
        }
        assertThat(List.of(ping, grpc, ws, db).stream().map(r -> r.json().get("type").asString()))
                .containsExactly("PING", "GRPC", "WEBSOCKET", "DATABASE");
        assertThat(dbPassword.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(dbPassword.err()).contains("password", "trigger");
        assertThat(udpNoPort.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(udpNoPort.err()).contains("host:port");
        assertThat(badMode.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(badMode.err()).contains("tlsMode");
    }

    @Test
    void progressIsDrawnOnATerminalAndNeverOnAPipeOrForJson() throws Exception {
        String key = signUp();
        Path document = file("vigil.yaml", EVERY_TYPE);

        Run terminal = onTerminal(key, Map.of(), "apply", "-f", document.toString());
        Run terminalExport = onTerminal(key, Map.of(), "export");
        Run terminalJson = onTerminal(key, Map.of(), "export", "--output", "json");
        Run piped = vigil(key, Map.of(), "plan", "-f", document.toString());
        Run pipedExport = vigil(key, Map.of(), "export");

        assertThat(terminal.exit()).as(terminal.err()).isZero();
        // Whether a frame was drawn before the answer came depends on timing; the line is always cleared.
        assertThat(terminal.err()).endsWith("\r\u001b[K");
        assertThat(terminalExport.err()).endsWith("\r\u001b[K");
        assertThat(terminalExport.out()).doesNotContain("\r", "\u001b[");
        for (Run run : List.of(terminalJson, piped, pipedExport)) {
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.err()).doesNotContain("\r", "\u001b[");
        }
        assertThat(terminalJson.err()).isEmpty();
        assertThat(DocumentFiles.YAML.readTree(pipedExport.out()).get("monitors")).hasSize(17);
    }

    private static JsonNode byName(JsonNode monitors, String name) {
        return monitors.valueStream().filter(m -> m.get("name").asString().equals(name)).findFirst().orElseThrow();
    }
}
