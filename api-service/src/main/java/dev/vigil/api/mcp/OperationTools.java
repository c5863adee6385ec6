package dev.vigil.api.mcp;

import dev.vigil.api.maintenance.MaintenanceRequest;
import dev.vigil.api.maintenance.MaintenanceWindows;
import dev.vigil.api.oneshot.CheckRunRequest;
import dev.vigil.api.oneshot.OneShotChecks;
import java.util.List;
import org.springframework.stereotype.Component;

/** Operations around monitors: maintenance windows and one-shot checks. */
@Component
class OperationTools implements ToolSet {

    private final MaintenanceWindows maintenance;
    private final OneShotChecks checks;

    OperationTools(MaintenanceWindows maintenance, OneShotChecks checks) {
        this.maintenance = maintenance;
        this.checks = checks;
    }

    @Override
    public List<VigilTool> tools() {
        return List.of(
                VigilTool.changing("create_maintenance_window", """
                        Schedules a maintenance window: during it the listed monitors are not checked, nobody is \
                        alerted, and the time counts neither as downtime nor as uptime. Arguments: title, \
                        startsAt and endsAt (ISO-8601 instants, e.g. 2026-12-01T02:00:00Z; end after start), \
                        monitorIds (ids from list_monitors), description (optional). Returns the window with its \
                        id.""",
                        Schemas.object().requiredString("title", "A short title, e.g. \"Database upgrade\"")
                                .string("description", "What happens and why (optional)")
                                .strings("monitorIds", "The monitors the window covers")
                                .requiredString("startsAt", "ISO-8601 instant, e.g. 2026-12-01T02:00:00Z")
                                .requiredString("endsAt", "ISO-8601 instant after startsAt").build(),
                        (caller, args) -> maintenance.create(caller, args.as(MaintenanceRequest.class))),
                VigilTool.changing("run_check", """
                        Runs a check once, now, from every probe region (or the regions given), without creating \
                        a monitor, and waits for the answers (at most timeoutMs + 5 s). Use it to see whether a \
                        URL or port is reachable and how fast, from where. Arguments: type (HTTP, TCP, DNS, TLS, \
                        PLUGIN, PING, UDP, DOMAIN, SMTP, IMAP, POP3, WEBSOCKET, GRPC or DATABASE) and its fields as \
                        for create_monitor (HTTP: url; TCP: host, port; DNS: host; TLS: host; PING: host; UDP: \
                        host, port, payload; DOMAIN: host; SMTP/IMAP/POP3: host, port, tlsMode; WEBSOCKET: url, \
                        send, expect; GRPC: host, port, service, tls; DATABASE: engine, host, port, database, \
                        username, query, without a password: a password needs a monitor, then trigger it), \
                        optional assertions, timeoutMs (default 10000), regions. Returns per region: status \
                        (UP, DEGRADED, DOWN, or NO_ANSWER when the region did not answer in time), latencyMs, \
                        statusCode, phase timings (dnsMs, connectMs, tlsMs, firstByteMs), errorKind and error. \
                        Nothing is stored. Limited per workspace (about ten a minute).""",
                        Schemas.object().requiredString("type", "HTTP, TCP, DNS, TLS, PLUGIN, PING, UDP, "
                                        + "DOMAIN, SMTP, IMAP, POP3, WEBSOCKET, GRPC or DATABASE")
                                .string("url", "HTTP: absolute http(s) URL")
                                .string("method", "HTTP: GET (default), HEAD, POST, ...")
                                .stringMap("headers", "HTTP: request headers")
                                .string("body", "HTTP: request body")
                                .bool("followRedirects", "HTTP: follow redirects (default true)")
                                .objects("assertions", "Conditions on the response, as for create_monitor",
                                        java.util.Map.of("source", java.util.Map.of("type", "string"),
                                                "path", java.util.Map.of("type", "string"),
                                                "comparison", java.util.Map.of("type", "string"),
                                                "target", java.util.Map.of("type", "string")))
                                .integer("degradedAboveMs", "UP but slower than this is DEGRADED")
                                .string("host", "TCP, TLS, PING, UDP, SMTP, IMAP, POP3, GRPC, DATABASE: host; "
                                        + "DNS: the name to query; DOMAIN: the registered domain")
                                .integer("port", "TCP, UDP, GRPC: required; TLS: default 443; mail and DATABASE: "
                                        + "the protocol's")
                                .string("recordType", "DNS: A (default), AAAA, CNAME, MX, TXT or NS")
                                .string("resolver", "DNS: resolver IP")
                                .integer("minDaysValid", "TLS: minimum days the certificate must stay valid")
                                .string("plugin", "PLUGIN: a plugin name")
                                .strings("args", "PLUGIN: arguments")
                                .integer("timeoutMs", "Check timeout in ms, 100 to 60000 (default 10000)")
                                .strings("regions", "Regions to run from (default: all)")
                                .integer("packetCount", "PING: echo requests sent (1 to 10, default 3)")
                                .integer("maxPacketLossPercent", "PING: loss in percent still up (default 50)")
                                .string("payload", "UDP: what is sent, text or hex digits")
                                .string("payloadEncoding", "UDP: TEXT (default) or HEX")
                                .string("tlsMode", "SMTP, IMAP, POP3: NONE, STARTTLS (default) or IMPLICIT")
                                .string("send", "WEBSOCKET: a text message to send once connected")
                                .string("expect", "WEBSOCKET, DATABASE: a regular expression the answer must match")
                                .string("service", "GRPC: the service to ask the health service about")
                                .bool("tls", "GRPC: speak TLS (default false)")
                                .string("engine", "DATABASE: POSTGRESQL, MYSQL or REDIS")
                                .string("database", "DATABASE: the database name (Redis: its number)")
                                .string("username", "DATABASE: the user")
                                .string("query", "DATABASE: one read-only statement or command").build(),
                        (caller, args) -> checks.run(caller, args.as(CheckRunRequest.class))));
    }
}
