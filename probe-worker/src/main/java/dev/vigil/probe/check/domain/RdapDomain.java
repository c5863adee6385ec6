package dev.vigil.probe.check.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What DOMAIN checks read from an RDAP domain object (RFC 9083): its {@code expiration} event and its statuses.
 *
 * @param expiration when the registration expires, or null when the registry publishes no date
 * @param statuses   the domain's RDAP statuses, e.g. {@code active}, {@code pending delete}
 */
record RdapDomain(Instant expiration, List<String> statuses) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Parses a domain object.
     *
     * @throws IllegalArgumentException when it is not one
     */
    static RdapDomain parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the registry's answer is not JSON");
        }
        if (!root.isObject() || !"domain".equals(root.path("objectClassName").asString(""))) {
            throw new IllegalArgumentException("the registry's answer is not an RDAP domain object");
        }
        Instant expiration = null;
        for (JsonNode event : root.path("events")) {
            if ("expiration".equalsIgnoreCase(event.path("eventAction").asString(""))) {
                Instant at = instant(event.path("eventDate").asString(""));
                // Some registries list the event more than once (registry and registrar); the earliest is binding.
                if (at != null && (expiration == null || at.isBefore(expiration))) {
                    expiration = at;
                }
            }
        }
        List<String> statuses = new ArrayList<>();
        for (JsonNode status : root.path("status")) {
            if (status.isString()) {
                statuses.add(status.asString().toLowerCase(Locale.ROOT));
            }
        }
        return new RdapDomain(expiration, statuses);
    }

    /** RFC 3339 with an offset, as RFC 9083 requires; also a date-time without one, read as UTC. */
    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
