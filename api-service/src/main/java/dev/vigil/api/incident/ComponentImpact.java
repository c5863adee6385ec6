package dev.vigil.api.incident;

import java.util.UUID;

/**
 * A status-page component and how badly a declared incident affects it: {@code degraded_performance},
 * {@code partial_outage}, {@code major_outage}, or (in an update) {@code operational} again.
 */
public record ComponentImpact(UUID componentId, String impact) {
}
