package dev.vigil.api.monitor;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on monitors ({@code vigil.monitors.*}).
 *
 * @param minIntervalSeconds shortest interval a monitor may have (docs/api.md: 30 by default, 5 in local mode);
 *                           also the shortest heartbeat period
 * @param maxIntervalSeconds longest interval of a probed monitor
 * @param maxTimeoutMs       longest check timeout
 * @param maxPeriodSeconds   longest heartbeat period (a monthly job's heartbeat needs 31 days)
 * @param maxPerWorkspace    monitors a workspace may have
 * @param browserMinIntervalSeconds shortest interval of a BROWSER monitor: each run costs a probe a browser for
 *                           seconds (bench/README.md); 300 in SaaS mode, lower for self-hosters
 */
@ConfigurationProperties("vigil.monitors")
record MonitorProperties(@DefaultValue("30") int minIntervalSeconds,
                                @DefaultValue("86400") int maxIntervalSeconds,
                                @DefaultValue("60000") int maxTimeoutMs,
                                @DefaultValue("2678400") int maxPeriodSeconds,
                                @DefaultValue("1000") int maxPerWorkspace,
                                @DefaultValue("300") int browserMinIntervalSeconds) {

    public MonitorProperties {
        if (minIntervalSeconds < 1 || minIntervalSeconds > maxIntervalSeconds) {
            throw new IllegalArgumentException("vigil.monitors.min-interval-seconds must be between 1 and "
                    + "vigil.monitors.max-interval-seconds, was " + minIntervalSeconds);
        }
        if (maxTimeoutMs < 1000) {
            throw new IllegalArgumentException("vigil.monitors.max-timeout-ms must be at least 1000, was "
                    + maxTimeoutMs);
        }
        if (maxPeriodSeconds < minIntervalSeconds) {
            throw new IllegalArgumentException("vigil.monitors.max-period-seconds must be at least "
                    + "vigil.monitors.min-interval-seconds, was " + maxPeriodSeconds);
        }
        if (browserMinIntervalSeconds < minIntervalSeconds) {
            throw new IllegalArgumentException("vigil.monitors.browser-min-interval-seconds must be at least "
                    + "vigil.monitors.min-interval-seconds, was " + browserMinIntervalSeconds);
        }
        if (maxPerWorkspace < 1) {
            throw new IllegalArgumentException("vigil.monitors.max-per-workspace must be at least 1, was "
                    + maxPerWorkspace);
        }
    }
}
