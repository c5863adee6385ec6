package dev.vigil.api.monitor;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on monitors ({@code vigil.monitors.*}).
 *
 * @param minIntervalSeconds shortest interval a monitor may have (API.md: 30 by default, 5 in local mode)
 * @param maxIntervalSeconds longest interval
 * @param maxTimeoutMs       longest check timeout
 */
@ConfigurationProperties("vigil.monitors")
public record MonitorProperties(@DefaultValue("30") int minIntervalSeconds,
                                @DefaultValue("86400") int maxIntervalSeconds,
                                @DefaultValue("60000") int maxTimeoutMs) {

    public MonitorProperties {
        if (minIntervalSeconds < 1 || minIntervalSeconds > maxIntervalSeconds) {
            throw new IllegalArgumentException("vigil.monitors.min-interval-seconds must be between 1 and "
                    + "vigil.monitors.max-interval-seconds, was " + minIntervalSeconds);
        }
    }
}
