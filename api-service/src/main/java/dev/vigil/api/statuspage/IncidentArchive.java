package dev.vigil.api.statuspage;

import dev.vigil.api.markdown.SafeMarkdown;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A page's incidents of any month, and one incident with its whole timeline and published postmortem: what the
 * snapshot's 90 days do not reach. Read per request (visitors choose the month, so it is not kept in memory), always
 * limited to the incidents the page shows: declared ones affecting its components, and its monitors' incidents not
 * told as part of a declared one.
 */
@Component
class IncidentArchive {

    private static final int LIMIT = 500;

    private final JdbcClient jdbc;
    private final DeclaredIncidentLoader declaredIncidents;

    IncidentArchive(JdbcClient jdbc, DeclaredIncidentLoader declaredIncidents) {
        this.jdbc = jdbc;
        this.declaredIncidents = declaredIncidents;
    }

    /** One incident on this page, with its published postmortem's HTML (sanitised) if any. */
    record Story(StatusSnapshot.Incident incident, String postmortemHtml, Instant postmortemPublishedAt) {
    }

    /**
     * @param component only incidents affecting this component of the page, or null
     * @param impact    only incidents of this impact (minor, major, critical), or null
     */
    List<StatusSnapshot.Incident> month(StatusSnapshot s, YearMonth month, UUID component, String impact) {
        Instant from = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant until = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return load(s, from, until).stream()
                .filter(i -> component == null || i.affected().stream()
                        .anyMatch(a -> component.equals(a.componentId())))
                .filter(i -> impact == null || impact.equals(i.impact()))
                .toList();
    }

    Optional<Story> incident(StatusSnapshot s, UUID id) {
        Optional<Instant> started = jdbc.sql("SELECT started_at FROM incidents WHERE id = ? AND workspace_id = ?")
                .params(id, s.page().workspaceId()).query(Timestamp.class).optional().map(Timestamp::toInstant);
        if (started.isEmpty()) {
            return Optional.empty();
        }
        Optional<StatusSnapshot.Incident> found = load(s, started.get(), started.get().plusMillis(1)).stream()
                .filter(i -> i.id().equals(id)).findFirst();
        return found.map(incident -> {
            List<Map<String, Object>> postmortem = jdbc.sql("""
                            SELECT body, published_at FROM incident_postmortems
                            WHERE incident_id = ? AND workspace_id = ? AND published_at IS NOT NULL""")
                    .params(id, s.page().workspaceId()).query().listOfRows();
            if (postmortem.isEmpty()) {
                return new Story(incident, null, null);
            }
            return new Story(incident, SafeMarkdown.toHtml((String) postmortem.getFirst().get("body")),
                    ((Timestamp) postmortem.getFirst().get("published_at")).toInstant());
        });
    }

    private List<StatusSnapshot.Incident> load(StatusSnapshot s, Instant from, Instant until) {
        Map<UUID, StatusSnapshot.Component> byMonitor = new HashMap<>();
        s.components().forEach(c -> byMonitor.putIfAbsent(c.monitorId(), c));
        List<StatusSnapshot.Incident> out = new ArrayList<>();
        Set<UUID> declaredIds = new HashSet<>();
        List<DeclaredIncidentLoader.Declared> declared = declaredIncidents.load(s.page().id(),
                s.page().workspaceId(), from, until);
        List<UUID> ids = new ArrayList<>();
        declared.forEach(d -> ids.add(d.id()));
        List<Map<String, Object>> monitorIncidents = byMonitor.isEmpty() ? List.of() : jdbc.sql("""
                        SELECT id, monitor_id, kind, started_at, resolved_at, title, declared_incident_id
                        FROM incidents WHERE workspace_id = :workspace AND monitor_id IN (:monitors)
                          AND started_at >= :from AND started_at < :until
                        ORDER BY started_at DESC, id LIMIT :limit""")
                .param("workspace", s.page().workspaceId()).param("monitors", List.copyOf(byMonitor.keySet()))
                .param("from", Timestamp.from(from)).param("until", Timestamp.from(until)).param("limit", LIMIT)
                .query().listOfRows();
        monitorIncidents.forEach(row -> ids.add((UUID) row.get("id")));
        Map<UUID, List<StatusSnapshot.Update>> updates = updates(ids);
        for (DeclaredIncidentLoader.Declared d : declared) {
            declaredIds.add(d.id());
            List<StatusSnapshot.Update> story = updates.getOrDefault(d.id(), List.of());
            String status = d.resolvedAt() != null ? "resolved"
                    : story.isEmpty() ? "investigating" : story.getLast().status();
            out.add(new StatusSnapshot.Incident(d.id(), d.title(), status, d.severity(), d.startedAt(),
                    d.resolvedAt(), d.affected().stream().map(StatusSnapshot.Affected::name).toList(),
                    story.reversed(), List.copyOf(d.affected()), true));
        }
        for (Map<String, Object> row : monitorIncidents) {
            UUID link = (UUID) row.get("declared_incident_id");
            if (link != null && (declaredIds.contains(link) || isShownDeclared(s, link))) {
                continue;
            }
            UUID id = (UUID) row.get("id");
            StatusSnapshot.Component component = byMonitor.get((UUID) row.get("monitor_id"));
            Instant resolved = row.get("resolved_at") == null ? null : ((Timestamp) row.get("resolved_at"))
                    .toInstant();
            List<StatusSnapshot.Update> story = updates.getOrDefault(id, List.of());
            String status = !story.isEmpty() ? story.getLast().status() : resolved == null ? "investigating"
                    : "resolved";
            String kind = switch ((String) row.get("kind")) {
                case "HEARTBEAT_MISSED" -> "missed heartbeat";
                case "HEARTBEAT_FAILED" -> "failing job";
                default -> "outage";
            };
            String title = (String) row.get("title");
            out.add(new StatusSnapshot.Incident(id, title != null ? title : component.name() + " " + kind, status,
                    "major", ((Timestamp) row.get("started_at")).toInstant(), resolved, List.of(component.name()),
                    story.reversed(), List.of(new StatusSnapshot.Affected(component.id(), component.name(),
                    resolved == null ? "major_outage" : "operational")), false));
        }
        out.sort(Comparator.comparing(StatusSnapshot.Incident::startedAt).reversed());
        return out;
    }

    /** Whether a declared incident affects one of this page's components (its linked incidents then hide). */
    private boolean isShownDeclared(StatusSnapshot s, UUID declaredId) {
        return jdbc.sql("""
                        SELECT 1 FROM incident_components ic JOIN status_page_components c ON c.id = ic.component_id
                        WHERE ic.incident_id = ? AND c.page_id = ? LIMIT 1""")
                .params(declaredId, s.page().id()).query(Integer.class).optional().isPresent();
    }

    private Map<UUID, List<StatusSnapshot.Update>> updates(List<UUID> incidentIds) {
        Map<UUID, List<StatusSnapshot.Update>> updates = new HashMap<>();
        if (incidentIds.isEmpty()) {
            return updates;
        }
        jdbc.sql("""
                        SELECT id, incident_id, status, message, created_at FROM incident_updates
                        WHERE incident_id IN (:ids) ORDER BY created_at, id""")
                .param("ids", incidentIds)
                .query(rs -> {
                    updates.computeIfAbsent(rs.getObject("incident_id", UUID.class), k -> new ArrayList<>())
                            .add(new StatusSnapshot.Update(rs.getString("status"), rs.getString("message"),
                                    rs.getTimestamp("created_at").toInstant(), rs.getObject("id", UUID.class)));
                });
        return updates;
    }
}
