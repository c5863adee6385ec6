package dev.vigil.alerting.fleet;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets probe instances gone for longer than {@code vigil.fleet.forget-after}: every deploy replaces instances,
 * and their rows would otherwise pile up. Idempotent, so running it on every alerting instance at once is harmless.
 */
@Component
class FleetPruner {

    private static final Logger log = LoggerFactory.getLogger(FleetPruner.class);

    private final FleetRegistry registry;
    private final FleetProperties properties;
    private final Clock clock;

    FleetPruner(FleetRegistry registry, FleetProperties properties, Clock clock) {
        this.registry = registry;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT10M")
    void prune() {
        int forgotten = registry.forgetGoneBefore(clock.instant().minus(properties.forgetAfter()));
        if (forgotten > 0) {
            log.info("forgot gone probe instances count={}", forgotten);
        }
    }
}
