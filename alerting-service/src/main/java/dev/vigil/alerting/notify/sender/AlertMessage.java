package dev.vigil.alerting.notify.sender;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An event in words, the same for every channel: a title, a severity, facts (monitor, cause, regions, start, downtime
 * on recovery) and a link to the dashboard.
 */
public record AlertMessage(String title, Severity severity, Map<String, String> facts, String link) {

    /** The fact linking a failed browser check's screenshot (its result page on the dashboard). */
    public static final String SCREENSHOT = "Screenshot";

    public enum Severity {
        CRITICAL, WARNING, INFO, RESOLVED
    }

    public static AlertMessage of(String event, JsonNode payload, URI dashboard) {
        JsonNode monitor = payload.path("monitor");
        JsonNode incident = payload.path("incident");
        String name = monitor.path("name").asString("");
        Map<String, String> facts = new LinkedHashMap<>();
        if (!monitor.isMissingNode()) {
            facts.put("Monitor", name + " (" + monitor.path("type").asString("") + " "
                    + monitor.path("target").asString("") + ")");
        }
        if (!incident.isMissingNode()) {
            facts.put("Cause", incident.path("cause").asString(""));
            String regions = String.join(", ", incident.path("regions").valueStream().map(JsonNode::asString)
                    .toList());
            if (!regions.isEmpty()) {
                facts.put("Regions", regions);
            }
            facts.put("Started", incident.path("startedAt").asString(""));
            if (incident.hasNonNull("resolvedAt")) {
                facts.put("Resolved", incident.get("resolvedAt").asString());
                facts.put("Downtime", downtime(incident.get("startedAt").asString(),
                        incident.get("resolvedAt").asString()));
            }
        }
        if (payload.hasNonNull("message")) {
            facts.put("Details", payload.get("message").asString());
        }
        String base = dashboard.toString().replaceAll("/+$", "");
        if (incident.path("screenshot").hasNonNull("page")) {
            facts.put(SCREENSHOT, base + incident.path("screenshot").get("page").asString());
        }
        String link = !incident.isMissingNode() ? base + "/incidents/" + incident.path("id").asString()
                : !monitor.isMissingNode() ? base + "/monitors/" + monitor.path("id").asString() : base;
        String kind = incident.path("kind").asString("DOWN");
        return switch (event) {
            case "incident.opened" -> new AlertMessage(openedTitle(kind, monitor, incident, name), Severity.CRITICAL,
                    facts, link);
            case "incident.reopened" -> new AlertMessage("DOWN again: " + name, Severity.CRITICAL, facts, link);
            case "incident.acknowledged" -> new AlertMessage("Acknowledged: " + name, Severity.INFO, facts, link);
            case "incident.resolved" -> new AlertMessage("RESOLVED: " + name
                    + (facts.containsKey("Downtime") ? " (down " + facts.get("Downtime") + ")" : ""),
                    Severity.RESOLVED, facts, link);
            case "incident.reminder" -> new AlertMessage("STILL DOWN, not acknowledged: " + name, Severity.CRITICAL,
                    facts, link);
            case "incident.escalated" -> new AlertMessage("ESCALATED, not acknowledged: " + name, Severity.CRITICAL,
                    facts, link);
            case "monitor.degraded" -> new AlertMessage("DEGRADED: " + name, Severity.WARNING, facts, link);
            case "monitor.restored" -> new AlertMessage("Back to normal: " + name, Severity.RESOLVED, facts, link);
            case "monitor.flapping" -> new AlertMessage("FLAPPING: " + name, Severity.WARNING, facts, link);
            case "monitor.settled" -> new AlertMessage("No longer flapping: " + name, Severity.RESOLVED, facts,
                    link);
            case "channel.unhealthy" -> new AlertMessage("Alert channel failing: "
                    + payload.path("channel").path("name").asString(""), Severity.WARNING, facts, base);
            case "summary" -> new AlertMessage(("WEEKLY".equals(payload.path("frequency").asString(""))
                    ? "Weekly" : "Daily") + " summary: " + payload.path("openIncidents").size() + " open incidents",
                    Severity.INFO, facts, base);
            case "digest" -> new AlertMessage(payload.path("held").asInt() + " alerts held back (rate limit)",
                    Severity.WARNING, facts, base);
            case "test" -> new AlertMessage("Test alert from Vigil", Severity.INFO, facts, base);
            default -> new AlertMessage(event + ": " + name, Severity.INFO, facts, link);
        };
    }

    private static String openedTitle(String kind, JsonNode monitor, JsonNode incident, String name) {
        return switch (kind) {
            case "HEARTBEAT_MISSED" -> "Heartbeat missed: " + name;
            case "HEARTBEAT_FAILED" -> "Job reported a failure: " + name;
            default -> !incident.path("cause").asString("").toLowerCase(java.util.Locale.ROOT).contains("expir")
                    ? "DOWN: " + name
                    : switch (monitor.path("type").asString("")) {
                        case "TLS" -> "TLS certificate expiring: " + name;
                        case "DOMAIN" -> "Domain registration expiring: " + name;
                        default -> "DOWN: " + name;
                    };
        };
    }

    /** {@code 1h 2m 3s}, {@code 4m 5s}, {@code 6s}. */
    static String downtime(String from, String to) {
        Duration d = Duration.between(Instant.parse(from), Instant.parse(to));
        long h = d.toHours();
        int m = d.toMinutesPart();
        int s = d.toSecondsPart();
        return h > 0 ? h + "h " + m + "m " + s + "s" : m > 0 ? m + "m " + s + "s" : s + "s";
    }

    /** Title and facts as plain text lines, for chat messages and the text part of emails. */
    public String plainText() {
        StringBuilder text = new StringBuilder(title).append('\n');
        facts.forEach((label, value) -> text.append(label).append(": ").append(value).append('\n'));
        return text.append(link).toString();
    }
}
