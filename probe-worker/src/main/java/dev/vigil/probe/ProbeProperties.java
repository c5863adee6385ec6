package dev.vigil.probe;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vigil.probe.*}.
 *
 * @param region        the region this worker serves
 * @param maxInFlight   checks running at once
 * @param shutdownGrace how long running checks may finish after SIGTERM (keep below the ECS stop timeout)
 */
@ConfigurationProperties("vigil.probe")
public record ProbeProperties(String region, @DefaultValue("64") int maxInFlight,
                              @DefaultValue("25s") Duration shutdownGrace) {

    public ProbeProperties {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("vigil.probe.region (VIGIL_PROBE_REGION) must name this worker's region");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("vigil.probe.max-in-flight must be at least 1");
        }
    }
}
