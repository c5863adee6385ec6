package dev.vigil.alerting.storage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vigil.storage.*}. On TimescaleDB, compression, rollups and raw/rollup retention are database policies set by
 * the migrations; these settings drive the plain-PostgreSQL equivalents (and the retention of round verdicts and
 * heartbeat pings on both).
 *
 * @param maintenanceInterval how often partitions are prepared and old data dropped
 * @param rollupInterval      how often the hourly and daily rollups are brought up to date (plain PostgreSQL)
 * @param rawRetention        how long raw check results (and round verdicts, pings) are kept
 * @param rollupRetention     how long hourly and daily rollups are kept
 * @param screenshotDeletionInterval how often the objects of deleted screenshot rows are deleted from the object
 *                                   store ({@code screenshot_deletions}, V56_1)
 */
@ConfigurationProperties("vigil.storage")
record StorageProperties(@DefaultValue("1h") Duration maintenanceInterval,
                                @DefaultValue("5m") Duration rollupInterval,
                                @DefaultValue("30d") Duration rawRetention,
                                @DefaultValue("400d") Duration rollupRetention,
                                @DefaultValue("1m") Duration screenshotDeletionInterval) {

    public StorageProperties {
        if (rawRetention.toDays() < 2 || rollupRetention.compareTo(rawRetention) < 0) {
            throw new IllegalArgumentException("vigil.storage: raw-retention must be at least 2 days and "
                    + "rollup-retention at least as long");
        }
    }
}
