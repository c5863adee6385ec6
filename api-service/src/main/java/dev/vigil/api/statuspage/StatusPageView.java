package dev.vigil.api.statuspage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A status page as the API answers it; the password never leaves, only whether there is one. */
public record StatusPageView(UUID id, String slug, String title, String description, String logoUrl, String customDomain,
                      boolean passwordProtected, List<String> allowedIps, List<ComponentView> components, String url,
                      Instant createdAt, Instant updatedAt) {

    public record ComponentView(UUID id, String name, UUID monitorId, String group, int position) {
    }
}
