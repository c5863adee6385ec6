package dev.vigil.alerting.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vigil.ingest.*}.
 *
 * @param batchSize   results written per transaction at most
 * @param maxDelay    how long a result may wait for its batch to fill
 * @param maxInFlight results received and not yet committed, at most (bounds memory while the database is down)
 */
@ConfigurationProperties("vigil.ingest")
record IngestProperties(@DefaultValue("500") int batchSize, @DefaultValue("200ms") Duration maxDelay,
                               @DefaultValue("2000") int maxInFlight) {
}
