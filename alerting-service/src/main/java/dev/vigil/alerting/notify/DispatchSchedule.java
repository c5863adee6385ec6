package dev.vigil.alerting.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the {@link Dispatcher} every {@code vigil.notify.poll-interval} on every instance (claims never overlap). */
@Component
@ConditionalOnProperty(name = "vigil.notify.enabled", havingValue = "true", matchIfMissing = true)
class DispatchSchedule {

    private static final Logger log = LoggerFactory.getLogger(DispatchSchedule.class);
    private static final int MAX_PASSES = 20;

    private final Dispatcher dispatcher;
    private int consecutiveFailures;

    DispatchSchedule(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Scheduled(fixedDelayString = "${vigil.notify.poll-interval:1s}")
    void run() {
        try {
            // Drain while there is work, a bounded number of passes so the scheduler thread is never monopolised. Work
            // is fan-out as well as sends: in a mass outage most events fan out to deliveries held back (rate limit,
            // maintenance) and nothing is sent, and stopping there fanned out one batch a second (10,000 events took
            // 50 s, their recoveries as long again after the outage).
            for (int pass = 0; pass < MAX_PASSES && dispatcher.pass().didWork(); pass++) {
                consecutiveFailures = 0;
            }
            consecutiveFailures = 0;
        } catch (RuntimeException e) {
            consecutiveFailures++;
            if (consecutiveFailures <= 3) {
                log.warn("notification dispatch failed (will retry) failures={} error={}", consecutiveFailures,
                        e.toString());
            } else {
                log.debug("notification dispatch failed (will retry) failures={} error={}", consecutiveFailures,
                        e.toString());
            }
        }
    }
}
