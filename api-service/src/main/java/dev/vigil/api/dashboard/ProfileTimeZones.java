package dev.vigil.api.dashboard;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The time zone a person chose for the dashboard's times ({@code users.time_zone}): an IANA region zone
 * ({@code Europe/Berlin}) or UTC; none means the browser's own zone. It is the person's, not the workspace's, so it
 * holds in every workspace they switch to.
 */
@Component
class ProfileTimeZones {

    /** The zones offered: the region ones (Area/City) and UTC, sorted; old aliases (EST5EDT, SystemV/...) left out. */
    static final List<String> CHOICES = ZoneId.getAvailableZoneIds().stream()
            .filter(z -> z.equals("UTC") || z.matches("(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe"
                    + "|Indian|Pacific)/[A-Za-z_/-]+"))
            .sorted().toList();

    private final JdbcClient jdbc;

    ProfileTimeZones(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The person's zone, or empty for the browser's. */
    Optional<String> of(UUID userId) {
        return jdbc.sql("SELECT time_zone FROM users WHERE id = ?").param(userId).query(String.class).list().stream()
                .filter(Objects::nonNull).findFirst();
    }

    /**
     * Sets the zone ({@code null} or blank: the browser's again); answers false, changing nothing, for a zone not
     * offered.
     */
    boolean set(UUID userId, String zone) {
        String wanted = zone == null || zone.isBlank() ? null : zone.strip();
        if (wanted != null && !CHOICES.contains(wanted)) {
            return false;
        }
        jdbc.sql("UPDATE users SET time_zone = ? WHERE id = ?").params(wanted, userId).update();
        return true;
    }
}
