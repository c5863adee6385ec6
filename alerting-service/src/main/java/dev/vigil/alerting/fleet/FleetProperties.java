package dev.vigil.alerting.fleet;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vigil.fleet.*}.
 *
 * @param missedHeartbeats how many heartbeat intervals an instance may stay silent before it counts as gone
 * @param forgetAfter      how long a gone instance is kept before its row is deleted
 */
@ConfigurationProperties("vigil.fleet")
record FleetProperties(@DefaultValue("3") int missedHeartbeats, @DefaultValue("1d") Duration forgetAfter) {

    public FleetProperties {
        if (missedHeartbeats < 1) {
            throw new IllegalArgumentException("vigil.fleet.missed-heartbeats must be at least 1");
        }
        if (forgetAfter.isNegative()) {
            throw new IllegalArgumentException("vigil.fleet.forget-after must not be negative");
        }
    }
}
