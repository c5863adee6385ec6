package dev.vigil.common.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring Boot test's service at the JVM's shared test database (migrated) and embedded SQS server. Each
 * application context gets its own queue prefix, so contexts cached side by side by the test framework never consume
 * each other's messages. Use with {@code @ContextConfiguration(initializers = SharedInfrastructure.class)}.
 */
public class SharedInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> properties = new HashMap<>(TestDatabase.shared().springProperties());
        properties.put("vigil.sqs.endpoint", TestSqs.shared().endpoint().toString());
        properties.put("vigil.sqs.queue-prefix", "t" + UUID.randomUUID().toString().substring(0, 8) + "-");
        properties.put("vigil.sqs.wait-time", "1s");
        // Highest precedence, like the test properties of @SpringBootTest.
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("vigil-test-infrastructure",
                properties));
    }
}
