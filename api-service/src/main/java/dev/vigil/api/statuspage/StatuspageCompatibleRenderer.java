package dev.vigil.api.statuspage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A snapshot in Atlassian Statuspage's public API v2 shape ({@code /api/v2/summary.json} and friends), so clients and
 * widgets written for Statuspage read a Vigil page: snake_case fields, its status and impact words, groups as
 * components with {@code group: true}. Vigil keeps no creation times of components, so theirs are the page's last
 * change; a maintenance window was "created" when it was announced, which Vigil does not record either, so its start
 * stands in.
 */
@Component
class StatuspageCompatibleRenderer {

    private static final List<String> INDICATORS = List.of("none", "minor", "major", "critical");

    private final JsonMapper json;

    StatuspageCompatibleRenderer(JsonMapper json) {
        this.json = json;
    }

    enum Document { SUMMARY, STATUS, COMPONENTS, INCIDENTS, UNRESOLVED, MAINTENANCES, UPCOMING, ACTIVE }

    /** @param pageUrl the page's public address, for {@code url} and incident shortlinks */
    Rendered render(StatusSnapshot s, String pageUrl, Document which) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("page", page(s, pageUrl));
        switch (which) {
            case SUMMARY -> {
                doc.put("status", status(s));
                doc.put("components", components(s));
                doc.put("incidents", incidents(s, s.activeIncidents(), pageUrl));
                doc.put("scheduled_maintenances", maintenances(s, pageUrl, null));
            }
            case STATUS -> doc.put("status", status(s));
            case COMPONENTS -> doc.put("components", components(s));
            case INCIDENTS -> {
                List<StatusSnapshot.Incident> all = new ArrayList<>(s.activeIncidents());
                all.addAll(s.pastIncidents());
                doc.put("incidents", incidents(s, all.subList(0, Math.min(50, all.size())), pageUrl));
            }
            case UNRESOLVED -> doc.put("incidents", incidents(s, s.activeIncidents(), pageUrl));
            case MAINTENANCES -> doc.put("scheduled_maintenances", maintenances(s, pageUrl, null));
            case UPCOMING -> doc.put("scheduled_maintenances", maintenances(s, pageUrl, "scheduled"));
            case ACTIVE -> doc.put("scheduled_maintenances", maintenances(s, pageUrl, "in_progress"));
        }
        return Rendered.of(json.writeValueAsString(doc), StatusPageRenderer.JSON);
    }

    private static Map<String, Object> page(StatusSnapshot s, String pageUrl) {
        return ordered("id", s.page().id().toString(), "name", s.page().title(), "url", pageUrl,
                "time_zone", "Etc/UTC", "updated_at", s.updatedAt().toString());
    }

    /** Vigil's indicator, raised by the impact of any unresolved incident (Statuspage's rule). */
    static Map<String, Object> status(StatusSnapshot s) {
        int level = INDICATORS.indexOf(s.indicator());
        for (StatusSnapshot.Incident i : s.activeIncidents()) {
            level = Math.max(level, INDICATORS.indexOf(i.impact()));
        }
        String indicator = INDICATORS.get(Math.max(0, level));
        String description = indicator.equals("critical") ? "Major System Outage" : s.description();
        return ordered("indicator", indicator, "description", description);
    }

    private static List<Map<String, Object>> components(StatusSnapshot s) {
        String pageId = s.page().id().toString();
        String time = s.updatedAt().toString();
        List<Map<String, Object>> out = new ArrayList<>();
        int position = 1;
        for (StatusSnapshot.Group g : s.groups()) {
            String groupId = null;
            if (!g.name().isEmpty()) {
                groupId = groupId(s.page().id(), g.name()).toString();
                Map<String, Object> group = component(groupId, g.name(), worst(g.components()), time, position++,
                        null, pageId, true);
                group.put("components", g.components().stream().map(c -> c.id().toString()).toList());
                out.add(group);
            }
            for (StatusSnapshot.Component c : g.components()) {
                out.add(component(c.id().toString(), c.name(), c.status(), time, position++, groupId, pageId,
                        false));
            }
        }
        return out;
    }

    private static Map<String, Object> component(String id, String name, String status, String time, int position,
                                                 String groupId, String pageId, boolean group) {
        Map<String, Object> c = ordered("id", id, "name", name, "status", status, "created_at", time,
                "updated_at", time, "position", position, "description", null, "showcase", !group,
                "start_date", null, "group_id", groupId, "page_id", pageId, "group", group,
                "only_show_if_degraded", false);
        return c;
    }

    private static String worst(List<StatusSnapshot.Component> components) {
        String worst = "operational";
        for (StatusSnapshot.Component c : components) {
            worst = c.status().equals("under_maintenance") && worst.equals("operational") ? c.status()
                    : StatusSnapshotLoader.worse(worst, c.status());
        }
        return worst;
    }

    /** The stable id of a group, which Vigil stores only as a name on its components. */
    static UUID groupId(UUID pageId, String group) {
        return UUID.nameUUIDFromBytes((pageId + "/group/" + group).getBytes(StandardCharsets.UTF_8));
    }

    private static List<Map<String, Object>> incidents(StatusSnapshot s, List<StatusSnapshot.Incident> incidents,
                                                       String pageUrl) {
        String pageId = s.page().id().toString();
        String time = s.updatedAt().toString();
        List<Map<String, Object>> out = new ArrayList<>();
        for (StatusSnapshot.Incident i : incidents) {
            String id = i.id().toString();
            Instant updated = i.resolvedAt() != null ? i.resolvedAt() : i.startedAt();
            Instant monitoring = null;
            List<Map<String, Object>> updates = new ArrayList<>();
            for (StatusSnapshot.Update u : i.updates()) {
                updated = u.createdAt().isAfter(updated) ? u.createdAt() : updated;
                if (u.status().equals("monitoring") && (monitoring == null || u.createdAt().isBefore(monitoring))) {
                    monitoring = u.createdAt();
                }
                String at = u.createdAt().toString();
                updates.add(ordered("id", u.id().toString(), "status", u.status(), "body", u.message(),
                        "incident_id", id, "created_at", at, "updated_at", at, "display_at", at));
            }
            List<Map<String, Object>> components = new ArrayList<>();
            int position = 1;
            for (StatusSnapshot.Affected a : i.affected()) {
                if (a.componentId() != null) {
                    components.add(component(a.componentId().toString(), a.name(), a.status(), time, position++,
                            null, pageId, false));
                }
            }
            out.add(ordered("id", id, "name", i.name(), "status", i.status(),
                    "created_at", i.startedAt().toString(), "updated_at", updated.toString(),
                    "monitoring_at", monitoring == null ? null : monitoring.toString(),
                    "resolved_at", i.resolvedAt() == null ? null : i.resolvedAt().toString(),
                    "impact", i.impact(), "shortlink", pageUrl + "/incidents/" + id,
                    "started_at", i.startedAt().toString(), "page_id", pageId,
                    "incident_updates", updates, "components", components));
        }
        return out;
    }

    private static List<Map<String, Object>> maintenances(StatusSnapshot s, String pageUrl, String only) {
        String pageId = s.page().id().toString();
        String time = s.updatedAt().toString();
        List<Map<String, Object>> out = new ArrayList<>();
        for (StatusSnapshot.Maintenance m : s.maintenances()) {
            if (only != null && !only.equals(m.status())) {
                continue;
            }
            String id = m.id().toString();
            String start = m.startsAt().toString();
            List<Map<String, Object>> components = new ArrayList<>();
            int position = 1;
            for (StatusSnapshot.Component c : s.components()) {
                if (m.components().contains(c.name())) {
                    components.add(component(c.id().toString(), c.name(), c.status(), time, position++, null,
                            pageId, false));
                }
            }
            List<Map<String, Object>> updates = List.of(ordered("id", id, "status", m.status(),
                    "body", m.description().isEmpty() ? m.title() : m.description(), "incident_id", id,
                    "created_at", start, "updated_at", start, "display_at", start));
            out.add(ordered("id", id, "name", m.title(), "status", m.status(), "created_at", start,
                    "updated_at", start, "monitoring_at", null, "resolved_at", null, "impact", "maintenance",
                    "shortlink", pageUrl, "started_at", start, "page_id", pageId, "incident_updates", updates,
                    "components", components, "scheduled_for", start, "scheduled_until", m.endsAt().toString()));
        }
        return out;
    }

    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
