package dev.vigil.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code vigil check <target>}: a one-shot check from every region ({@code POST /api/v1/checks/run}), no monitor
 * created; a table of each region's status, phases and error, or the API's answer with {@code --output json}.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Run a check now from every region and print what each saw; no monitor is created.",
                "Exits 0 when every region saw the target up (or degraded), 9 when any saw it down or did not "
                        + "answer."},
        footer = {"", "Examples:", "  vigil check https://example.com/health",
                "  vigil check --type TCP db.example.com:5432 --region eu-west-1",
                "  vigil check --type DNS example.com --output json",
                "  vigil check --type PING 192.0.2.10",
                "  vigil check --type SMTP mail.example.com:587 --tls-mode STARTTLS",
                "  vigil check --type WEBSOCKET wss://ws.example.com/feed --send ping --expect pong",
                "  vigil check --type GRPC grpc.example.com:443 --tls --service payments.v1.Payments",
                "  vigil check --type DATABASE --engine REDIS cache.example.com:6379"})
final class CheckCommand implements Callable<Integer> {

    enum Type { HTTP, TCP, DNS, TLS, PING, UDP, DOMAIN, SMTP, IMAP, POP3, WEBSOCKET, GRPC, DATABASE }

    private final CliEnvironment environment;

    @Mixin
    GlobalOptions global;

    @Parameters(paramLabel = "TARGET", description = {"HTTP, WEBSOCKET: a URL; TCP, UDP, GRPC: host:port; DNS: a "
            + "name; DOMAIN: a registered domain; PING: a host; TLS, SMTP, IMAP, POP3, DATABASE: host[:port]"})
    String target;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "HTTP",
            description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    Type type;

    @Mixin
    CheckFlags flags;

    @Option(names = "--region", paramLabel = "REGION", description = "Run from this region only (repeatable; "
            + "default: every region)")
    List<String> regions;

    @Option(names = "--timeout", paramLabel = "MS", description = "The check's timeout in ms (default 10000); the "
            + "answer comes within it plus 5 s")
    Integer timeoutMs;

    @Option(names = "--method", paramLabel = "METHOD", description = "HTTP: the request method (default GET)")
    String method;

    @Option(names = "--expect-status", paramLabel = "CODE", description = "HTTP: the status code expected "
            + "(default: any 2xx or 3xx)")
    Integer expectStatus;

    CheckCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        String body = VigilApi.JSON.writeValueAsString(request());
        JsonNode report;
        // The API answers once every region did (or the wait ran out): up to the timeout plus 5 s.
        try (Progress progress = Progress.spinner(environment, global, "Checking " + target + " from "
                + (regions == null || regions.isEmpty() ? "every region" : String.join(", ", regions)))) {
            report = global.api(environment).post("/api/v1/checks/run", body);
        }
        return print(environment, global, report);
    }

    /**
     * Prints a check report (of {@code checks/run} or a monitor's {@code trigger}) as a table or JSON; answers the
     * exit code: 0 when every region saw the target up or degraded, {@link ExitCodes#CHECK_FAILED} otherwise.
     */
    static int print(CliEnvironment environment, GlobalOptions global, JsonNode report) {
        if (global.json()) {
            Output.json(environment.out(), report);
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode region : report.path("regions")) {
                rows.add(List.of(Output.text(region, "region"), Output.text(region, "status"),
                        region.path("latencyMs").isNumber() ? region.path("latencyMs").asLong() + " ms" : "-",
                        Output.text(region, "statusCode"), phases(region.path("timings")),
                        error(region)));
            }
            Output.table(environment.out(), List.of("REGION", "STATUS", "TIME", "CODE", "PHASES", "ERROR"), rows);
        }
        boolean allUp = !report.path("regions").isEmpty();
        for (JsonNode region : report.path("regions")) {
            String status = region.path("status").asString("");
            allUp &= status.equals("UP") || status.equals("DEGRADED");
        }
        return allUp ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private Map<String, Object> request() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.name());
        switch (type) {
            case HTTP, WEBSOCKET -> body.put("url", target);
            case DNS, PING, DOMAIN -> body.put("host", target);
            case TCP, UDP, GRPC -> hostAndPort(body, true);
            default -> hostAndPort(body, false);
        }
        flags.addTo(body);
        if (method != null) {
            body.put("method", method.toUpperCase(Locale.ROOT));
        }
        if (expectStatus != null) {
            body.put("assertions", List.of(Map.of("source", "STATUS_CODE", "comparison", "EQUALS",
                    "target", expectStatus.toString())));
        }
        if (timeoutMs != null) {
            body.put("timeoutMs", timeoutMs);
        }
        if (regions != null && !regions.isEmpty()) {
            body.put("regions", regions);
        }
        return body;
    }

    /** host:port (an IPv6 address in brackets) into {@code host} and {@code port}; the port optional or not. */
    private void hostAndPort(Map<String, Object> body, boolean portRequired) {
        int colon = target.lastIndexOf(':');
        boolean hasPort = colon > 0 && !target.endsWith("]") && (target.indexOf(':') == colon
                || target.startsWith("["));
        if (hasPort) {
            String host = target.substring(0, colon);
            body.put("host", host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1)
                    : host);
            try {
                body.put("port", Integer.parseInt(target.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new CliException(ExitCodes.USAGE, "not a port: " + target.substring(colon + 1));
            }
        } else if (portRequired) {
            throw new CliException(ExitCodes.USAGE, "a " + type + " check needs host:port, e.g. "
                    + (type == Type.UDP ? "ntp.example.com:123" : type == Type.GRPC ? "grpc.example.com:443"
                    : "db.example.com:5432"));
        } else {
            body.put("host", target.startsWith("[") && target.endsWith("]")
                    ? target.substring(1, target.length() - 1) : target);
        }
    }

    /** dns 3 · connect 5 · tls 20 · first byte 41 (ms); the phases the check had. */
    private static String phases(JsonNode timings) {
        List<String> parts = new ArrayList<>();
        for (String[] phase : new String[][] {{"dnsMs", "dns"}, {"connectMs", "connect"}, {"tlsMs", "tls"},
                {"firstByteMs", "first byte"}}) {
            if (timings.path(phase[0]).isNumber()) {
                parts.add(phase[1] + " " + timings.path(phase[0]).asLong());
            }
        }
        return parts.isEmpty() ? "-" : String.join(" · ", parts);
    }

    private static String error(JsonNode region) {
        if (region.path("status").asString("").equals("NO_ANSWER")) {
            return "no answer in time";
        }
        String kind = region.path("errorKind").asString("");
        String text = region.path("error").asString("");
        return kind.isEmpty() && text.isEmpty() ? "-" : kind.isEmpty() ? text : kind + ": " + text;
    }
}
