package dev.vigil.local;

import java.util.List;

/**
 * In one JVM every service sees the union of all modules' classpaths, so each context excludes the auto-configurations
 * that belong to other services: only the api-service has security and JPA; probes have no database at all (their
 * application class already excludes it).
 */
final class ServiceProfiles {

    private static final List<String> SECURITY = List.of(
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration");

    private static final List<String> JPA = List.of(
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration");

    /** The api-service's OpenAPI document (springdoc); the other services have no public API to describe. */
    static final String API_DOCS = "springdoc.api-docs.enabled";

    private ServiceProfiles() {
    }

    /** For the scheduler and alerting services: their own database access, no security, no JPA. */
    static String backendExclusions() {
        return String.join(",", concat(SECURITY, JPA));
    }

    /** For probes: no security (the database is excluded by the probe application itself). */
    static String probeExclusions() {
        return String.join(",", SECURITY);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
