package dev.vigil.alerting.support;

import dev.vigil.alerting.AlertingApplication;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts alerting-service application contexts by hand, for tests that need more than one or their own database. */
public final class AlertingContexts {

    /** Fast evaluation for tests: short settle and sweep, small batches. */
    public static final Map<String, Object> FAST = Map.of(
            "vigil.evaluation.settle", "1s",
            "vigil.evaluation.sweep-interval", "200ms",
            "vigil.ingest.max-delay", "50ms",
            "vigil.sqs.wait-time", "1s");

    private AlertingContexts() {
    }

    public static ConfigurableApplicationContext start(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(FAST);
        all.putAll(properties);
        all.put("server.port", 0);
        all.put("management.server.port", 0);
        all.put("spring.main.register-shutdown-hook", false);
        String[] args = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return AlertingApplication.application().run(args);
    }
}
