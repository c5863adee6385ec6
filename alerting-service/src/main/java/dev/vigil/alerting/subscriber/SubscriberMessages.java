package dev.vigil.alerting.subscriber;

import dev.vigil.common.json.WireJson;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Words a subscriber message: the page's names for the components concerned (monitors have internal names, a
 * page names its components for the public), what happened and when. Nothing internal leaves: no monitor target, no
 * failure cause, no region.
 */
@Component
class SubscriberMessages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final JdbcClient jdbc;
    private final SubscriberProperties properties;

    SubscriberMessages(JdbcClient jdbc, SubscriberProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    private record ComponentName(UUID id, String name) {
    }

    SubscriberMessage of(SubscriberDelivery delivery) {
        JsonNode payload = WireJson.mapper().readTree(delivery.payload());
        String unsubscribe = properties.link("/status/" + delivery.slug() + "/unsubscribe?token="
                + delivery.unsubscribeToken());
        ObjectNode body = WireJson.mapper().createObjectNode();
        ObjectNode page = body.putObject("page");
        page.put("slug", delivery.slug());
        page.put("title", delivery.pageTitle());
        page.put("url", properties.link("/status/" + delivery.slug()));
        String occurred = payload.path("occurredAt").asString("");
        body.put("occurredAt", occurred.isEmpty() ? null : occurred);
        return switch (delivery.event()) {
            case SubscriberFanout.CONFIRM -> {
                String link = payload.path("confirmUrl").asString();
                body.put("confirmUrl", link);
                yield message("subscription.confirm", body, "Confirm your subscription to " + delivery.pageTitle()
                        + " status", """
                        Someone (hopefully you) asked to receive status updates of %s at this address.

                        Confirm the subscription by opening this link:
                        %s

                        If it was not you, ignore this mail: nothing will be sent without confirmation.
                        """.formatted(delivery.pageTitle(), link), null);
            }
            case SubscriberFanout.UPDATE -> {
                String components = payload.has("componentIds") ? componentsById(delivery, body, payload)
                        : components(delivery, body, List.of(monitorOf(delivery, payload)));
                incident(body, payload);
                String status = payload.path("update").path("status").asString("investigating");
                String message = payload.path("update").path("message").asString("");
                ObjectNode update = body.putObject("update");
                update.put("status", status);
                update.put("message", message);
                String label = Character.toUpperCase(status.charAt(0)) + status.substring(1);
                yield message("incident.updated", body, label + ": " + components, """
                        %s — %s
                        %s

                        Incident started %s.
                        """.formatted(label, components, message, time(payload.path("incident").path("startedAt"))),
                        unsubscribe);
            }
            case "incident.opened", "incident.reopened" -> {
                String components = components(delivery, body, List.of(monitorOf(delivery, payload)));
                incident(body, payload);
                yield message(delivery.event(), body, "Outage: " + components, """
                        %s is not working as it should since %s. We are looking into it.
                        """.formatted(components, time(payload.path("incident").path("startedAt"))), unsubscribe);
            }
            case SubscriberFanout.RESOLVED -> {
                String components = components(delivery, body, List.of(monitorOf(delivery, payload)));
                incident(body, payload);
                yield message("incident.resolved", body, "Resolved: " + components, """
                        %s is working again since %s (the outage began %s).
                        """.formatted(components, time(payload.path("incident").path("resolvedAt")),
                        time(payload.path("incident").path("startedAt"))), unsubscribe);
            }
            default -> maintenance(delivery, payload, body, unsubscribe);
        };
    }

    private SubscriberMessage maintenance(SubscriberDelivery delivery, JsonNode payload, ObjectNode body,
                                          String unsubscribe) {
        JsonNode window = payload.path("maintenance");
        List<UUID> monitors = new ArrayList<>();
        window.path("monitorIds").valueStream().forEach(id -> monitors.add(UUID.fromString(id.asString())));
        String components = components(delivery, body, monitors);
        ObjectNode maintenance = body.putObject("maintenance");
        maintenance.put("id", window.path("id").asString());
        maintenance.put("title", window.path("title").asString());
        maintenance.put("description", window.path("description").asString(""));
        maintenance.put("startsAt", window.path("startsAt").asString());
        maintenance.put("endsAt", window.path("endsAt").asString());
        String title = window.path("title").asString();
        String when = "From " + time(window.path("startsAt")) + " to " + time(window.path("endsAt")) + ".";
        return switch (delivery.event()) {
            case "status.maintenance-started" -> message("maintenance.started", body, "Maintenance started: "
                    + title, "Maintenance has started: %s\nAffects: %s\n%s\n\n%s\n".formatted(title, components,
                    when, window.path("description").asString("")), unsubscribe);
            case "status.maintenance-ended" -> message("maintenance.completed", body, "Maintenance completed: "
                    + title, "Maintenance is over: %s\nAffects: %s\n".formatted(title, components), unsubscribe);
            default -> message("maintenance.scheduled", body, "Scheduled maintenance: " + title,
                    "Scheduled maintenance: %s\n%s\nAffects: %s\n\n%s\n".formatted(title, when, components,
                            window.path("description").asString("")), unsubscribe);
        };
    }

    private static SubscriberMessage message(String event, ObjectNode body, String subject, String text,
                                             String unsubscribe) {
        ObjectNode ordered = WireJson.mapper().createObjectNode();
        ordered.put("event", event);
        ordered.setAll(body);
        if (unsubscribe != null) {
            ordered.put("unsubscribeUrl", unsubscribe);
        }
        return new SubscriberMessage(event, subject, text, ordered, unsubscribe);
    }

    private static UUID monitorOf(SubscriberDelivery delivery, JsonNode payload) {
        return delivery.monitorId() != null ? delivery.monitorId()
                : UUID.fromString(payload.path("monitor").path("id").asString());
    }

    /** Adds the page's components showing the monitors to the body; answers their names, joined. */
    private String components(SubscriberDelivery delivery, ObjectNode body, List<UUID> monitors) {
        List<ComponentName> names = jdbc.sql("""
                        SELECT id, name FROM status_page_components WHERE page_id = ? AND monitor_id = ANY(?)
                        ORDER BY position""")
                .params(delivery.pageId(), monitors.toArray(UUID[]::new))
                .query((rs, n) -> new ComponentName(rs.getObject(1, UUID.class), rs.getString(2))).list();
        ArrayNode array = body.putArray("components");
        names.forEach(c -> array.addObject().put("id", c.id().toString()).put("name", c.name()));
        return names.isEmpty() ? delivery.pageTitle()
                : String.join(", ", names.stream().map(ComponentName::name).distinct().toList());
    }

    /** As {@link #components}, for a declared incident's components named by id (those on this page). */
    private String componentsById(SubscriberDelivery delivery, ObjectNode body, JsonNode payload) {
        List<UUID> ids = new ArrayList<>();
        payload.path("componentIds").valueStream().forEach(id -> ids.add(UUID.fromString(id.asString())));
        List<ComponentName> names = jdbc.sql("""
                        SELECT id, name FROM status_page_components WHERE page_id = ? AND id = ANY(?)
                        ORDER BY position""")
                .params(delivery.pageId(), ids.toArray(UUID[]::new))
                .query((rs, n) -> new ComponentName(rs.getObject(1, UUID.class), rs.getString(2))).list();
        ArrayNode array = body.putArray("components");
        names.forEach(c -> array.addObject().put("id", c.id().toString()).put("name", c.name()));
        return names.isEmpty() ? delivery.pageTitle()
                : String.join(", ", names.stream().map(ComponentName::name).distinct().toList());
    }

    private static void incident(ObjectNode body, JsonNode payload) {
        JsonNode incident = payload.path("incident");
        ObjectNode view = body.putObject("incident");
        view.put("id", incident.path("id").asString());
        view.put("status", incident.path("status").asString("OPEN"));
        view.put("startedAt", incident.path("startedAt").asString(null));
        view.put("resolvedAt", incident.path("resolvedAt").asString(null));
    }

    private static String time(JsonNode at) {
        String text = at.asString("");
        return text.isEmpty() ? "(unknown)" : TIME.format(Instant.parse(text));
    }
}
