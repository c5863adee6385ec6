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
 * Words a subscriber message in the page's language ({@link SubscriberWords}): the page's names for the components
 * concerned (monitors have internal names, a page names its components for the public), what happened and when. Nothing internal leaves: no monitor target, no
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
        SubscriberWords words = SubscriberWords.of(delivery.language());
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
                yield message("subscription.confirm", body, words.format("confirm.subject", delivery.pageTitle()),
                        words.format("confirm.text", delivery.pageTitle(), link), null);
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
                String label = words.status(status);
                yield message("incident.updated", body, words.format("update.subject", label, components),
                        words.format("update.text", label, components, message,
                                time(words, payload.path("incident").path("startedAt"))), unsubscribe);
            }
            case "incident.opened", "incident.reopened" -> {
                String components = components(delivery, body, List.of(monitorOf(delivery, payload)));
                incident(body, payload);
                yield message(delivery.event(), body, words.format("opened.subject", components),
                        words.format("opened.text", components,
                                time(words, payload.path("incident").path("startedAt"))), unsubscribe);
            }
            case SubscriberFanout.RESOLVED -> {
                String components = components(delivery, body, List.of(monitorOf(delivery, payload)));
                incident(body, payload);
                yield message("incident.resolved", body, words.format("resolved.subject", components),
                        words.format("resolved.text", components,
                                time(words, payload.path("incident").path("resolvedAt")),
                                time(words, payload.path("incident").path("startedAt"))), unsubscribe);
            }
            default -> maintenance(delivery, words, payload, body, unsubscribe);
        };
    }

    private SubscriberMessage maintenance(SubscriberDelivery delivery, SubscriberWords words, JsonNode payload,
                                          ObjectNode body, String unsubscribe) {
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
        String description = window.path("description").asString("");
        String when = words.format("maintenance.when", time(words, window.path("startsAt")),
                time(words, window.path("endsAt")));
        return switch (delivery.event()) {
            case "status.maintenance-started" -> message("maintenance.started", body,
                    words.format("maintenance.started.subject", title),
                    words.format("maintenance.started.text", title, components, when, description), unsubscribe);
            case "status.maintenance-ended" -> message("maintenance.completed", body,
                    words.format("maintenance.completed.subject", title),
                    words.format("maintenance.completed.text", title, components), unsubscribe);
            default -> message("maintenance.scheduled", body, words.format("maintenance.scheduled.subject", title),
                    words.format("maintenance.scheduled.text", title, when, components, description), unsubscribe);
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

    private static String time(SubscriberWords words, JsonNode at) {
        String text = at.asString("");
        return text.isEmpty() ? words.format("time.unknown") : TIME.format(Instant.parse(text));
    }
}
