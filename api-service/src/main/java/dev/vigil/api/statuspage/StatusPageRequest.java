package dev.vigil.api.statuspage;

import java.util.List;
import java.util.UUID;

/**
 * A status page as clients send it (POST and PUT). {@code password} is write-only: on PUT, absent (null) keeps the
 * current one and an empty string removes it. A page is private when it has a password or allowed IPs.
 */
public record StatusPageRequest(String slug, String title, String description, String logoUrl, String customDomain,
                         String password, List<String> allowedIps, List<ComponentRequest> components,
                         String language) {

    /**
     * One component: a name the public sees for one of the workspace's monitors, optionally in a group; or a monitor
     * group ({@code monitorGroupId} alone, {@code group} optional), whose monitors become components when the page is
     * saved ({@link MonitorGroupComponents}).
     */
    public record ComponentRequest(String name, UUID monitorId, String group, UUID monitorGroupId) {
    }
}
