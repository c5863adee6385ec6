package dev.vigil.alerting.incident;

import java.util.UUID;

/** The monitor an incident or notification is about, as notifications show it. */
public record MonitorRef(UUID id, UUID workspaceId, String name, String type, String target) {
}
