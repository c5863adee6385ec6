package dev.vigil.api.statuspage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A status page as the API answers it; the password never leaves, only whether there is one.
 *
 * @param domainVerification the DNS record that proves the custom domain, and whether it was found; null without a
 *                           custom domain
 */
public record StatusPageView(UUID id, String slug, String title, String description, String logoUrl, String customDomain,
                      boolean passwordProtected, List<String> allowedIps, List<ComponentView> components, String url,
                      Instant createdAt, Instant updatedAt, DomainVerification domainVerification, String language) {

    /**
     * The TXT record to publish so the page is served at its custom domain.
     *
     * @param name       the record's name, {@code _vigil-challenge.<domain>}
     * @param type       always {@code TXT}
     * @param value      the page's token, the record's text
     * @param verified   whether the record was found (the page is served at the domain only then)
     * @param verifiedAt when it was found; null until then
     */
    public record DomainVerification(String name, String type, String value, boolean verified, Instant verifiedAt) {
    }

    public record ComponentView(UUID id, String name, UUID monitorId, String group, int position) {
    }
}
