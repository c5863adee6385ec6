package dev.vigil.api.audit;

import java.util.List;

/** The resource types audit entries name, sorted: what the API's and the dashboard's filters accept. */
public final class AuditResourceTypes {

    public static final List<String> ALL = List.of("ALERT_CHANNEL", "API_KEY", "INCIDENT", "MAINTENANCE", "MEMBER",
            "MONITOR", "MONITOR_GROUP", "ONCALL_ROTATION", "STATUS_PAGE", "TAG", "WORKSPACE", "WORKSPACE_VARIABLE");

    private AuditResourceTypes() {
    }
}
