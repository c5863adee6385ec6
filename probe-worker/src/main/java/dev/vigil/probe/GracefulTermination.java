package dev.vigil.probe;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;

/**
 * SIGTERM ends a worker cleanly with exit status 0. The JVM's own handling of SIGTERM runs the shutdown hooks (so
 * Spring would still drain) but then exits with 143, which orchestrators and process supervisors report as a
 * failure. Here SIGTERM closes the context instead (the queue consumer stops receiving, finishes in-flight checks
 * within the grace and gives back what it could not finish), then exits with 0. Only the standalone worker installs
 * this; in the local stack the launcher owns the signals.
 */
final class GracefulTermination {

    private static final Logger log = LoggerFactory.getLogger(GracefulTermination.class);

    private GracefulTermination() {
    }

    static void install(ConfigurableApplicationContext context) {
        AtomicBoolean terminating = new AtomicBoolean();
        Signal.handle(new Signal("TERM"), signal -> {
            if (!terminating.compareAndSet(false, true)) {
                return;
            }
            Thread.ofPlatform().name("sigterm-drain").start(() -> {
                log.info("SIGTERM received: draining and stopping");
                int status = SpringApplication.exit(context);
                System.exit(status);
            });
        });
    }
}
