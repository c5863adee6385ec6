package dev.vigil.scheduler.fleet;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vigil.fleet.*}.
 *
 * @param pollInterval how often queue depths and the probe fleet are read: one SQS call per queue and DLQ (46 with
 *                     three regions) per scheduler instance, about 4 million requests or $1.20 a month at 60 s
 */
@ConfigurationProperties("vigil.fleet")
record FleetProperties(@DefaultValue("60s") Duration pollInterval) {
}
