package dev.vigil.alerting.notify.sender;

import dev.vigil.common.channel.ChannelType;
import dev.vigil.common.json.WireJson;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OPSGENIE Alerts API v2 ({@code Authorization: GenieKey <apiKey>}): an incident's opening creates an alert with the
 * alias {@code vigil-incident-<id>} (Opsgenie deduplicates open alerts by alias, so a retried or repeated create
 * stays one alert), its acknowledgement acknowledges and its resolution closes that alert by alias. Degraded/restored
 * use {@code vigil-degraded-<monitor id>}. The endpoint is the deployment's, US or EU by the channel's {@code region}.
 */
public final class OpsgenieSender implements ChannelSender {

    private final GuardedHttp http;
    private final URI us;
    private final URI eu;

    public OpsgenieSender(GuardedHttp http, URI us, URI eu) {
        this.http = http;
        this.us = us;
        this.eu = eu;
    }

    @Override
    public ChannelType type() {
        return ChannelType.OPSGENIE;
    }

    @Override
    public SendResult send(Notification notification, Map<String, String> config, Duration timeout) {
        String base = ("EU".equals(config.get("region")) ? eu : us).toString().replaceAll("/+$", "") + "/v2/alerts";
        Map<String, String> headers = Map.of("Authorization", "GenieKey " + config.get("apiKey"));
        String alias = alias(notification);
        String note = notification.message().title() + " (Vigil delivery " + notification.deliveryId() + ")";
        return switch (notification.event()) {
            case "incident.acknowledged" -> http.postJson(URI.create(base + "/" + alias
                    + "/acknowledge?identifierType=alias"), WireJson.write(action(note)), headers, timeout);
            case "incident.resolved", "monitor.restored", "monitor.settled" -> http.postJson(URI.create(base + "/" + alias
                    + "/close?identifierType=alias"), WireJson.write(action(note)), headers, timeout);
            default -> http.postJson(URI.create(base), WireJson.write(create(notification, alias,
                    config.get("priority"))), headers, timeout);
        };
    }

    static String alias(Notification notification) {
        String monitorId = notification.payload().path("monitor").path("id").asString("");
        return switch (notification.event()) {
            case "monitor.degraded", "monitor.restored" -> "vigil-degraded-" + monitorId;
            case "monitor.flapping", "monitor.settled" -> "vigil-flapping-" + monitorId;
            default -> notification.incidentId() != null ? "vigil-incident-" + notification.incidentId()
                    : "vigil-" + notification.event() + "-" + notification.deliveryId();
        };
    }

    private static Map<String, Object> action(String note) {
        return Map.of("source", "Vigil", "user", "Vigil", "note", note);
    }

    /** The create body; {@code priority} (P1-P5) applies to critical alerts, others are P3 (warning) or P5. */
    static Map<String, Object> create(Notification notification, String alias, String priority) {
        AlertMessage message = notification.message();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", cut(message.title(), 130));
        body.put("alias", alias);
        body.put("description", cut(message.plainText(), 15000));
        body.put("priority", switch (message.severity()) {
            case CRITICAL -> priority == null ? "P1" : priority;
            case WARNING -> "P3";
            case INFO, RESOLVED -> "P5";
        });
        body.put("source", "Vigil");
        body.put("tags", List.of("vigil", message.severity().name().toLowerCase(Locale.ROOT)));
        body.put("entity", cut(notification.payload().path("monitor").path("name").asString("Vigil"), 512));
        Map<String, String> details = new LinkedHashMap<>(message.facts());
        details.put("link", message.link());
        details.put("deliveryId", notification.deliveryId().toString());
        body.put("details", details);
        return body;
    }

    static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max - 1) + "…" : text;
    }
}
