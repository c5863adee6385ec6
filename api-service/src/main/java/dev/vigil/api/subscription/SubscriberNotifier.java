package dev.vigil.api.subscription;

import dev.vigil.api.incident.IncidentUpdatePosted;
import dev.vigil.api.maintenance.MaintenanceChanged;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells subscribers of the pages concerned about incident updates and newly announced maintenance, once the change
 * has committed (a rolled-back update is never mailed).
 */
@Component
class SubscriberNotifier {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final JdbcClient jdbc;
    private final Subscribers subscribers;
    private final SubscriberMailer mailer;

    SubscriberNotifier(JdbcClient jdbc, Subscribers subscribers, SubscriberMailer mailer) {
        this.jdbc = jdbc;
        this.subscribers = subscribers;
        this.mailer = mailer;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(IncidentUpdatePosted posted) {
        Map<String, Object> update = jdbc.sql("""
                        SELECT u.status, u.message, u.created_at, i.monitor_id, i.started_at, m.name
                        FROM incident_updates u JOIN incidents i ON i.id = u.incident_id
                        JOIN monitors m ON m.id = i.monitor_id
                        WHERE u.id = ?""")
                .param(posted.updateId()).query().singleRow();
        UUID monitor = (UUID) update.get("monitor_id");
        String status = (String) update.get("status");
        String label = Character.toUpperCase(status.charAt(0)) + status.substring(1);
        for (Subscribers.Recipient to : subscribers.ofMonitors(List.of(monitor))) {
            String component = componentName(to.slug(), monitor, (String) update.get("name"));
            mailer.sendNews(to, label + ": " + component, """
                    %s — %s
                    %s

                    Incident started %s.
                    """.formatted(label, component, update.get("message"),
                    TIME.format(((java.sql.Timestamp) update.get("started_at")).toInstant())));
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(MaintenanceChanged changed) {
        if (!changed.created()) {
            return;
        }
        List<Map<String, Object>> window = jdbc.sql("""
                        SELECT title, description, starts_at, ends_at FROM maintenance_windows WHERE id = ?""")
                .param(changed.windowId()).query().listOfRows();
        if (window.isEmpty()) {
            return;
        }
        List<UUID> monitors = jdbc.sql("SELECT monitor_id FROM maintenance_window_monitors WHERE window_id = ?")
                .param(changed.windowId()).query(UUID.class).list();
        Map<String, Object> w = window.getFirst();
        for (Subscribers.Recipient to : subscribers.ofMonitors(monitors)) {
            mailer.sendNews(to, "Scheduled maintenance: " + w.get("title"), """
                    Scheduled maintenance: %s
                    From %s to %s.

                    %s
                    """.formatted(w.get("title"), TIME.format(((java.sql.Timestamp) w.get("starts_at")).toInstant()),
                    TIME.format(((java.sql.Timestamp) w.get("ends_at")).toInstant()), w.get("description")));
        }
    }

    /** The name the page gives the monitor (components are named for the public; monitors are internal names). */
    private String componentName(String slug, UUID monitor, String fallback) {
        return jdbc.sql("""
                        SELECT c.name FROM status_page_components c JOIN status_pages p ON p.id = c.page_id
                        WHERE p.slug = ? AND c.monitor_id = ? ORDER BY c.position LIMIT 1""")
                .params(slug, monitor).query(String.class).optional().orElse(fallback);
    }
}
