package dev.vigil.api.dashboard.incident;

import dev.vigil.api.incident.ComponentImpact;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The impact fields of the incident forms: {@code impact.<componentId>}, blank when not affected (or unchanged). */
final class ImpactFields {

    private ImpactFields() {
    }

    static List<ComponentImpact> read(Map<String, String> form) {
        List<ComponentImpact> impacts = new ArrayList<>();
        form.forEach((name, value) -> {
            if (name.startsWith("impact.") && value != null && !value.isBlank()) {
                try {
                    impacts.add(new ComponentImpact(UUID.fromString(name.substring("impact.".length())), value));
                } catch (IllegalArgumentException e) {
                    // a forged field name: reported by the service as a component that is required
                    impacts.add(new ComponentImpact(null, value));
                }
            }
        });
        return impacts;
    }
}
