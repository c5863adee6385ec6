package dev.vigil.common.lifecycle;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;

/**
 * SIGTERM ends a service cleanly with exit status 0, in three steps:
 *
 * <ol>
 *   <li>readiness goes DOWN at once ({@code /actuator/health/readiness} answers 503), so load balancers and
 *       orchestrators stop sending new work while the service still accepts it;</li>
 *   <li>after {@code vigil.shutdown.drain-delay} (long enough for a health check or two to see it; 0 for services
 *       nobody routes requests to) the context closes: the web server stops accepting connections and finishes
 *       in-flight requests (graceful shutdown), queue consumers drain;</li>
 *   <li>the JVM exits with 0. The JVM's own handling of SIGTERM would also run the shutdown hooks, but exit with 143,
 *       which orchestrators and process supervisors report as a failure.</li>
 * </ol>
 *
 * Only a service's own {@code main} installs this; in the local stack the launcher owns the signals.
 */
public final class GracefulTermination {

    public static final String DRAIN_DELAY_PROPERTY = "vigil.shutdown.drain-delay";

    private static final Logger log = LoggerFactory.getLogger(GracefulTermination.class);

    private GracefulTermination() {
    }

    public static void install(ConfigurableApplicationContext context) {
        Duration drainDelay = context.getEnvironment().getProperty(DRAIN_DELAY_PROPERTY, Duration.class,
                Duration.ZERO);
        AtomicBoolean terminating = new AtomicBoolean();
        Signal.handle(new Signal("TERM"), signal -> {
            if (!terminating.compareAndSet(false, true)) {
                return;
            }
            Thread.ofPlatform().name("sigterm-drain").start(() -> {
                log.info("SIGTERM received: readiness down, draining for {} then stopping", drainDelay);
                AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
                sleep(drainDelay);
                int status = SpringApplication.exit(context);
                log.info("stopped, exiting with status {}", status);
                System.exit(status);
            });
        });
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
