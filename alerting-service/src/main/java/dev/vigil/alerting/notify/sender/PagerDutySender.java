package dev.vigil.alerting.notify.sender;

import dev.vigil.common.channel.ChannelType;
import dev.vigil.common.json.WireJson;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PAGERDUTY Events API v2: an incident's events map to trigger (opened, reopened, escalated), acknowledge and
 * resolve, all with the dedup key {@code vigil-incident-<id>}, so PagerDuty keeps one alert per Vigil incident.
 * Degraded/restored use {@code vigil-degraded-<monitor id>}; a test triggers an info alert of its own.
 */
public final class PagerDutySender implements ChannelSender {

    private final GuardedHttp http;
    private final URI endpoint;

    public PagerDutySender(GuardedHttp http, URI endpoint) {
        this.http = http;
        this.endpoint = endpoint;
    }

    @Override
    public ChannelType type() {
        return ChannelType.PAGERDUTY;
    }

    @Override
    public SendResult send(Notification notification, Map<String, String> config, Duration timeout) {
        Map<String, Object> body = body(notification, config.get("routingKey"));
        if (body == null) {
            return SendResult.delivered(null); // nothing PagerDuty needs to hear (e.g. a digest)
        }
        return http.postJson(endpoint, WireJson.write(body), Map.of(), timeout);
    }

    /** The Events v2 body, or null when the event means nothing to PagerDuty. */
    static Map<String, Object> body(Notification notification, String routingKey) {
        String event = notification.event();
        String monitorId = notification.payload().path("monitor").path("id").asString("");
        String action;
        String dedupKey;
        switch (event) {
            case "incident.opened", "incident.reopened", "incident.escalated" -> {
                action = "trigger";
                dedupKey = "vigil-incident-" + notification.incidentId();
            }
            case "incident.acknowledged" -> {
                action = "acknowledge";
                dedupKey = "vigil-incident-" + notification.incidentId();
            }
            case "incident.resolved" -> {
                action = "resolve";
                dedupKey = "vigil-incident-" + notification.incidentId();
            }
            case "monitor.degraded" -> {
                action = "trigger";
                dedupKey = "vigil-degraded-" + monitorId;
            }
            case "monitor.restored" -> {
                action = "resolve";
                dedupKey = "vigil-degraded-" + monitorId;
            }
            case "monitor.flapping" -> {
                action = "trigger";
                dedupKey = "vigil-flapping-" + monitorId;
            }
            case "monitor.settled" -> {
                action = "resolve";
                dedupKey = "vigil-flapping-" + monitorId;
            }
            case "test", "channel.unhealthy" -> {
                action = "trigger";
                dedupKey = "vigil-" + event + "-" + notification.deliveryId();
            }
            default -> {
                return null;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routing_key", routingKey);
        body.put("event_action", action);
        body.put("dedup_key", dedupKey);
        if (action.equals("trigger")) {
            AlertMessage message = notification.message();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("summary", message.title().length() > 1024 ? message.title().substring(0, 1024)
                    : message.title());
            payload.put("source", notification.payload().path("monitor").path("target").asString("vigil"));
            payload.put("severity", switch (message.severity()) {
                case CRITICAL -> "critical";
                case WARNING -> "warning";
                case INFO, RESOLVED -> "info";
            });
            payload.put("timestamp", notification.payload().path("occurredAt").asString(""));
            payload.put("component", notification.payload().path("monitor").path("name").asString("Vigil"));
            Map<String, Object> details = new LinkedHashMap<>(message.facts());
            details.put("deliveryId", notification.deliveryId().toString());
            payload.put("custom_details", details);
            body.put("payload", payload);
            body.put("client", "Vigil");
            body.put("client_url", message.link());
            body.put("links", List.of(Map.of("href", message.link(), "text", "Open in Vigil")));
        }
        return body;
    }
}
