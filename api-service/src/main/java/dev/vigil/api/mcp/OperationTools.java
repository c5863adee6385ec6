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
                        PLUGIN) and its fields as for create_monitor (HTTP: url; TCP: host, port; DNS: host; TLS: \
                        host), optional assertions, timeoutMs (default 10000), regions. Returns per region: status \
                        (UP, DEGRADED, DOWN, or NO_ANSWER when the region did not answer in time), latencyMs, \
                        statusCode, phase timings (dnsMs, connectMs, tlsMs, firstByteMs), errorKind and error. \
                        Nothing is stored. Limited per workspace (about ten a minute).""",
                        Schemas.object().requiredString("type", "HTTP, TCP, DNS, TLS or PLUGIN")
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
                                .string("host", "TCP, TLS: host; DNS: the name to query")
                                .integer("port", "TCP: required; TLS: default 443")
                                .string("recordType", "DNS: A (default), AAAA, CNAME, MX, TXT or NS")
                                .string("resolver", "DNS: resolver IP")
                                .integer("minDaysValid", "TLS: minimum days the certificate must stay valid")
                                .string("plugin", "PLUGIN: a plugin name")
                                .strings("args", "PLUGIN: arguments")
                                .integer("timeoutMs", "Check timeout in ms, 100 to 60000 (default 10000)")
                                .strings("regions", "Regions to run from (default: all)").build(),
                        (caller, args) -> checks.run(caller, args.as(CheckRunRequest.class))));
    }
}
