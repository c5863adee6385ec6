package dev.vigil.api.mcp;

import dev.vigil.api.monitor.Monitor;
import dev.vigil.api.monitor.MonitorEditor;
import dev.vigil.api.monitor.MonitorFilter;
import dev.vigil.api.monitor.MonitorRepository;
import dev.vigil.api.monitor.MonitorRequest;
import dev.vigil.api.monitor.MonitorResponse;
import dev.vigil.api.monitor.MonitorSearch;
import dev.vigil.api.monitor.MonitorViews;
import dev.vigil.api.result.ResultQueries;
import dev.vigil.api.uptime.UptimeCalculator;
import dev.vigil.api.uptime.UptimeWindow;
import dev.vigil.api.web.NotFoundException;
import dev.vigil.api.identity.ApiPrincipal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Monitors: list and search with status, recent results, uptime, create, update, pause, resume. */
@Component
class MonitorTools implements ToolSet {

    private static final int MAX_LIST = 100;
    static final String TYPES = "HTTP, TCP, DNS, TLS, HEARTBEAT, PLUGIN, PING, UDP, DOMAIN, SMTP, IMAP, POP3, "
            + "WEBSOCKET, GRPC or DATABASE";

    private final MonitorSearch search;
    private final MonitorRepository monitors;
    private final MonitorViews views;
    private final MonitorEditor editor;
    private final ResultQueries results;
    private final UptimeCalculator uptime;
    private final TransactionTemplate reads;
    private final Clock clock;

    MonitorTools(MonitorSearch search, MonitorRepository monitors, MonitorViews views, MonitorEditor editor,
                 ResultQueries results, UptimeCalculator uptime, PlatformTransactionManager transactions,
                 Clock clock) {
        this.search = search;
        this.monitors = monitors;
        this.views = views;
        this.editor = editor;
        this.results = results;
        this.uptime = uptime;
        this.reads = new TransactionTemplate(transactions);
        this.reads.setReadOnly(true);
        this.clock = clock;
    }

    @Override
    public List<VigilTool> tools() {
        return List.of(
                VigilTool.reading("list_monitors", """
                        Lists the workspace's monitors with their current status (UP, DOWN, DEGRADED, PAUSED, \
                        PENDING), oldest first. Optional filters combine: query (text in the name or target), \
                        status, type (e.g. HTTP, TCP, PING, DATABASE; see create_monitor), tag (name or id), \
                        limit (1-100, \
                        default 50). Returns {total, items:[monitor]}, each monitor with id, name, type, target \
                        fields, regions, intervalSeconds and status. Use the ids with the other monitor tools.""",
                        Schemas.object()
                                .string("query", "Text the monitor's name or target (URL, host) contains")
                                .strings("status", "Statuses to include: UP, DOWN, DEGRADED, PAUSED, PENDING")
                                .strings("type", "Types to include: " + TYPES)
                                .strings("tag", "Tags (name or id) the monitor must all have")
                                .integer("limit", "At most this many monitors, 1 to 100 (default 50)").build(),
                        this::list),
                VigilTool.reading("get_monitor_results", """
                        Reads a monitor's most recent check results. Arguments: monitorId (required), limit \
                        (1-100, default 20), hours (how far back, 1-168, default 24). Returns {items:[result]}, \
                        newest first: per result the region, time, ok, degraded, latencyMs, statusCode, error and \
                        phase timings, and for failures whether other regions confirmed them (roundStatus).""",
                        Schemas.object().requiredString("monitorId", "The monitor's id, from list_monitors")
                                .integer("limit", "At most this many results, 1 to 100 (default 20)")
                                .integer("hours", "How many hours back to look, 1 to 168 (default 24)").build(),
                        this::results),
                VigilTool.reading("get_monitor_uptime", """
                        Reads a monitor's uptime over a window. Arguments: monitorId (required), window (24h, 7d, \
                        30d or 90d; default 24h). Returns uptimePercent (maintenance excluded; null when nothing \
                        was monitored yet), downtimeSeconds, the number of incidents and latency percentiles \
                        (p50Ms, p95Ms, p99Ms).""",
                        Schemas.object().requiredString("monitorId", "The monitor's id, from list_monitors")
                                .string("window", "24h, 7d, 30d or 90d (default 24h)").build(),
                        this::uptime),
                VigilTool.changing("create_monitor", """
                        Creates a monitor, validated like the REST API (every invalid field is named in the \
                        error). Required: name, type. HTTP: url (plus optional method, headers, body, \
                        followRedirects, assertions). TCP: host, port. DNS: host, recordType, resolver. TLS: host, \
                        port, minDaysValid. HEARTBEAT: periodSeconds, graceSeconds (answers a pingUrl for the job \
                        to call). PING: host, packetCount, maxPacketLossPercent. UDP: host, port, payload, \
                        payloadEncoding, assertions. DOMAIN: host (the registered domain), minDaysValid. SMTP, \
                        IMAP, POP3: host, port, tlsMode, minDaysValid. WEBSOCKET: url (ws:// or wss://), headers, \
                        send, expect. GRPC: host, port, service, tls. DATABASE: engine (POSTGRESQL, MYSQL, REDIS), \
                        host, port, database, username, password (only a workspace variable reference such as \
                        {{vars.DB_PASSWORD}}, never the password), query, expect. Common: intervalSeconds \
                        (default 60), timeoutMs, regions (default all), confirmations, paused, and noise (alert \
                        noise settings of a probed monitor: failuresInRow, recoveryRounds, flapDetection, \
                        flapTransitions, flapWindowRounds; a field left out is the deployment's default). Returns \
                        the created monitor with its id and status.""",
                        monitorFields(Schemas.object().requiredString("name", "1 to 200 characters")
                                .requiredString("type", TYPES)).build(),
                        (caller, args) -> editor.create(caller, args.as(MonitorRequest.class))),
                VigilTool.changing("update_monitor", """
                        Changes some fields of a monitor and keeps the rest (give only what changes, e.g. \
                        {"monitorId": "...", "intervalSeconds": 300}). Validated like creation. Arguments: \
                        monitorId (required) and any field create_monitor takes, for every type it lists. To \
                        quiet a noisy monitor give noise, e.g. {"monitorId": "...", "noise": {"failuresInRow": 3, \
                        "recoveryRounds": 2}}: the noise object given replaces the monitor's whole noise settings \
                        (send {} for the deployment's defaults). Returns the monitor as it is now.""",
                        monitorFields(Schemas.object().requiredString("monitorId", "The monitor's id")
                                .string("name", "1 to 200 characters")
                                .string("type", TYPES)).build(),
                        this::update),
                VigilTool.changing("pause_monitor", """
                        Pauses a monitor: no checks and no alerts until resumed; its status becomes PAUSED. \
                        Argument: monitorId. Returns the monitor.""",
                        Schemas.object().requiredString("monitorId", "The monitor's id").build(),
                        (caller, args) -> editor.setPaused(caller, args.requiredId("monitorId"), true)),
                VigilTool.changing("resume_monitor", """
                        Resumes a paused monitor: checks start again. Argument: monitorId. Returns the monitor.""",
                        Schemas.object().requiredString("monitorId", "The monitor's id").build(),
                        (caller, args) -> editor.setPaused(caller, args.requiredId("monitorId"), false)));
    }

    private static Schemas monitorFields(Schemas schema) {
        return schema
                .string("url", "HTTP: absolute http(s) URL")
                .string("method", "HTTP: GET (default), HEAD, POST, PUT, PATCH, DELETE or OPTIONS")
                .stringMap("headers", "HTTP: request headers")
                .string("body", "HTTP: request body")
                .bool("followRedirects", "HTTP: follow redirects (default true)")
                .objects("assertions", "HTTP and DNS: conditions on the response, e.g. {source: STATUS_CODE, "
                        + "comparison: EQUALS, target: \"200\"}", Map.of(
                        "source", Map.of("type", "string", "description", "STATUS_CODE, RESPONSE_TIME, HEADER, "
                                + "BODY, JSON_PATH, ..."),
                        "path", Map.of("type", "string", "description", "header name or JSON path, where needed"),
                        "comparison", Map.of("type", "string", "description", "EQUALS, NOT_EQUALS, CONTAINS, "
                                + "LESS_THAN, GREATER_THAN, MATCHES, ..."),
                        "target", Map.of("type", "string", "description", "the expected value, as text")))
                .integer("degradedAboveMs", "UP but slower than this is DEGRADED")
                .string("host", "TCP, TLS, PING, UDP, SMTP, IMAP, POP3, GRPC, DATABASE: host name or IP; DNS: the "
                        + "name to query; DOMAIN: the registered domain")
                .integer("port", "TCP, UDP, GRPC: required; TLS: default 443; SMTP 25, IMAP 143, POP3 110 (465, 993, "
                        + "995 with IMPLICIT); DATABASE: the engine's")
                .string("recordType", "DNS: A (default), AAAA, CNAME, MX, TXT or NS")
                .string("resolver", "DNS: resolver IP, optionally with port")
                .integer("minDaysValid", "TLS, SMTP/IMAP/POP3 with TLS: fail when the certificate expires in fewer "
                        + "days (default 14); DOMAIN: when the registration does (default 30)")
                .integer("periodSeconds", "HEARTBEAT: expected seconds between pings")
                .integer("graceSeconds", "HEARTBEAT: extra seconds before a late ping counts as missed")
                .string("plugin", "PLUGIN: a plugin name")
                .strings("args", "PLUGIN: arguments")
                .integer("intervalSeconds", "Seconds between checks (default 60)")
                .integer("timeoutMs", "Check timeout in ms (default 10000)")
                .strings("regions", "Probe regions (default: all)")
                .integer("confirmations", "Other regions that must confirm a failure before alerting")
                .bool("paused", "Create paused")
                .integer("packetCount", "PING: echo requests sent (1 to 10, default 3)")
                .integer("maxPacketLossPercent", "PING: packet loss in percent still counted as up (default 50)")
                .string("payload", "UDP: what is sent, text or hex digits")
                .string("payloadEncoding", "UDP: TEXT (default) or HEX")
                .string("tlsMode", "SMTP, IMAP, POP3: NONE, STARTTLS (default) or IMPLICIT")
                .string("send", "WEBSOCKET: a text message to send once connected")
                .string("expect", "WEBSOCKET: a regular expression a received message must match; DATABASE: one "
                        + "the first value of the answer must match")
                .string("service", "GRPC: the service to ask grpc.health.v1.Health about (default: the server)")
                .bool("tls", "GRPC: speak TLS (default false)")
                .string("engine", "DATABASE: POSTGRESQL, MYSQL or REDIS")
                .string("database", "DATABASE: the database name (Redis: its number)")
                .string("username", "DATABASE: the user; required for SQL engines")
                .string("password", "DATABASE: a workspace variable reference such as {{vars.DB_PASSWORD}}, never "
                        + "the password itself")
                .string("query", "DATABASE: one read-only statement (SQL) or command (Redis)")
                .object("noise", "Probed types: alert noise settings; a field left out is the deployment's default",
                        NOISE);
    }

    /** The fields of {@code noise} (docs/api.md, Noise settings). */
    private static final Map<String, Object> NOISE = Map.of(
            "failuresInRow", Map.of("type", "integer", "description", "Failed checks in a row in a region before "
                    + "it counts as failing, 1 to 10 (default 1: at once)"),
            "recoveryRounds", Map.of("type", "integer", "description", "Passing rounds in a row before a DOWN "
                    + "monitor is UP again, 1 to 10 (default 1)"),
            "flapDetection", Map.of("type", "boolean", "description", "Detect flapping (default true)"),
            "flapTransitions", Map.of("type", "integer", "description", "Up/down changes within flapWindowRounds "
                    + "that make it FLAPPING, 2 to 50 (default 4)"),
            "flapWindowRounds", Map.of("type", "integer", "description", "The latest rounds the changes are "
                    + "counted in, 2 to 200"));

    private Object list(ApiPrincipal caller, ToolArguments args) {
        int limit = args.optionalInt("limit", 50, 1, MAX_LIST);
        ListArguments filter = args.as(ListArguments.class, "limit");
        return reads.execute(status -> {
            MonitorSearch.Found found = search.page(caller.workspaceId(), new MonitorFilter(filter.status(),
                    filter.tag(), null, filter.type(), null, filter.query()), "", MonitorSearch.Order.CREATED, 0,
                    limit);
            Map<UUID, Monitor> byId = new HashMap<>();
            monitors.findListed(found.ids()).forEach(m -> byId.put(m.getId(), m));
            List<MonitorResponse> items = views.of(found.ids().stream().map(byId::get).filter(Objects::nonNull)
                    .toList(), caller);
            return Map.of("total", found.total(), "items", items);
        });
    }

    private Object results(ApiPrincipal caller, ToolArguments args) {
        UUID id = args.requiredId("monitorId");
        int limit = args.optionalInt("limit", 20, 1, 100);
        int hours = args.optionalInt("hours", 24, 1, 168);
        monitor(caller, id);
        Instant end = clock.instant().plusSeconds(1);
        return Map.of("items", results.recent(id, end.minus(Duration.ofHours(hours)), end, limit));
    }

    private Object uptime(ApiPrincipal caller, ToolArguments args) {
        UUID id = args.requiredId("monitorId");
        String window = args.optionalText("window");
        UptimeWindow chosen = UptimeWindow.of(window == null ? "24h" : window);
        Monitor monitor = monitor(caller, id);
        return uptime.uptime(id, monitor.getCreatedAt(), chosen, clock.instant());
    }

    /** The monitor as it is, the given fields over it, written as a full replacement. */
    private Object update(ApiPrincipal caller, ToolArguments args) {
        UUID id = args.requiredId("monitorId");
        MonitorResponse current = reads.execute(status -> views.of(monitor(caller, id), caller));
        Map<String, Object> merged = new LinkedHashMap<>(args.json().convertValue(current, MAP));
        merged.putAll(args.asMap());
        merged.remove("monitorId");
        merged.values().removeIf(Objects::isNull);
        return editor.replace(caller, id, new ToolArguments(merged, args.json()).as(MonitorRequest.class));
    }

    private Monitor monitor(ApiPrincipal caller, UUID id) {
        return monitors.findByIdAndWorkspaceId(id, caller.workspaceId())
                .orElseThrow(() -> new NotFoundException("monitor"));
    }

    private static final tools.jackson.core.type.TypeReference<Map<String, Object>> MAP =
            new tools.jackson.core.type.TypeReference<>() {
            };

    /** list_monitors' filters. */
    record ListArguments(String query, List<String> status, List<String> type, List<String> tag) {
    }
}
