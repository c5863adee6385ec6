package dev.vigil.api.incident;

import dev.vigil.api.web.FieldProblems;
import dev.vigil.common.json.WireJson;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The components a declared incident affects: checks that each named component is on one of the caller's status
 * pages (another workspace's component is as unknown as a missing one), and writes the current impacts.
 */
@Component
class ComponentImpacts {

    static final Set<String> OUTAGE_IMPACTS = Set.of("degraded_performance", "partial_outage", "major_outage");
    static final int MAX_COMPONENTS = 100;

    private final JdbcClient jdbc;

    ComponentImpacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a problem per bad entry ({@code components[i].componentId}, {@code components[i].impact}).
     *
     * @param operationalAllowed whether {@code operational} may be given (in updates, not when declaring)
     */
    void validate(UUID workspaceId, List<ComponentImpact> components, boolean operationalAllowed,
                  FieldProblems problems) {
        if (components.size() > MAX_COMPONENTS) {
            problems.add("components", "at most " + MAX_COMPONENTS + " components");
            return;
        }
        Set<UUID> known = new HashSet<>(jdbc.sql("""
                        SELECT c.id FROM status_page_components c JOIN status_pages p ON p.id = c.page_id
                        WHERE p.workspace_id = ?""")
                .param(workspaceId).query(UUID.class).list());
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < components.size(); i++) {
            ComponentImpact c = components.get(i);
            String at = "components[" + i + "]";
            if (c == null || c.componentId() == null) {
                problems.add(at + ".componentId", "componentId is required");
            } else if (!known.contains(c.componentId())) {
                problems.add(at + ".componentId", "no such status page component in this workspace");
            } else if (!seen.add(c.componentId())) {
                problems.add(at + ".componentId", "this component is listed twice");
            }
            String impact = c == null ? null : c.impact();
            boolean valid = impact != null && (OUTAGE_IMPACTS.contains(impact)
                    || operationalAllowed && impact.equals("operational"));
            if (!valid) {
                problems.add(at + ".impact", "impact must be degraded_performance, partial_outage or major_outage"
                        + (operationalAllowed ? " (or operational)" : ""));
            }
        }
    }

    /** Sets the given components' impacts (adding components not yet affected). */
    void apply(UUID incidentId, List<ComponentImpact> components) {
        for (ComponentImpact c : components) {
            jdbc.sql("""
                            INSERT INTO incident_components (incident_id, component_id, impact) VALUES (?, ?, ?)
                            ON CONFLICT (incident_id, component_id) DO UPDATE SET impact = EXCLUDED.impact""")
                    .params(incidentId, c.componentId(), c.impact()).update();
        }
    }

    /** A resolved incident affects nothing any more. */
    void clear(UUID incidentId) {
        jdbc.sql("UPDATE incident_components SET impact = 'operational' WHERE incident_id = ?").param(incidentId)
                .update();
    }

    /** What an update changed, as stored in {@code incident_updates.component_impacts}. */
    static String json(List<ComponentImpact> components) {
        return WireJson.write(components.stream().map(c -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("componentId", c.componentId().toString());
            entry.put("impact", c.impact());
            return entry;
        }).toList());
    }
}
