package dev.vigil.alerting.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vigil.ingest.*}.
 *
 * @param batchSize   results written per transaction at most
 * @param maxDelay    how long a result may wait for its batch to fill
 * @param maxInFlight messages received and not yet committed, at most (bounds memory while the database is down); a
 *                    message holds one result or a pack of up to {@code vigil.probe.result-pack.size}
 */
@ConfigurationProperties("vigil.ingest")
record IngestProperties(@DefaultValue("500") int batchSize, @DefaultValue("200ms") Duration maxDelay,
                       @DefaultValue("400") int maxInFlight) {
}
