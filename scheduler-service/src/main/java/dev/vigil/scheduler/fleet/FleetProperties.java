package dev.vigil.scheduler.fleet;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vigil.fleet.*}.
 *
 * @param pollInterval how often queue depths and the probe fleet are read (each read is one SQS call per queue and
 *                     two small queries)
 */
@ConfigurationProperties("vigil.fleet")
public record FleetProperties(@DefaultValue("30s") Duration pollInterval) {
}
