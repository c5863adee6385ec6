package dev.vigil.alerting.storage;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Creates the coming week's daily partitions of {@code check_results} every hour, so results land in their own day's
 * partition rather than the default one. Safe with several instances: creating a partition another instance just
 * created fails harmlessly and the next run sees it.
 */
@Component
class PartitionMaintainer {

    private static final Logger log = LoggerFactory.getLogger(PartitionMaintainer.class);
    private static final int DAYS_AHEAD = 7;

    private final JdbcClient jdbc;
    private final Clock clock;

    PartitionMaintainer(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${vigil.storage.maintenance-interval:PT1H}")
    void ensurePartitions() {
        if (usesTimescale()) {
            return;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        try {
            Integer created = jdbc.sql("SELECT vigil_ensure_daily_partitions('check_results', :from, :to)")
                    .param("from", today.minusDays(1)).param("to", today.plusDays(DAYS_AHEAD))
                    .query(Integer.class).single();
            if (created != null && created > 0) {
                log.info("created {} check_results partition(s)", created);
            }
        } catch (RuntimeException e) {
            log.warn("partition maintenance failed; will retry: {}", e.toString());
        }
    }

    private boolean usesTimescale() {
        return jdbc.sql("SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'").query(Integer.class)
                .single() > 0;
    }
}
