package dev.vigil.api.support;

import dev.vigil.api.ApiApplication;
import dev.vigil.common.testing.SharedInfrastructure;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The api-service on a random port, against the shared test database and SQS server, mailing to the shared GreenMail
 * server ({@link TestMail}). Every test signs up from 127.0.0.1, so the rate limits are lifted here; {@code LimitsIT}
 * and {@code ClusterRateLimitsIT} run their own contexts with tight ones.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + ApiApplication.CONFIG_NAMES,
                "vigil.rate-limits.signup.capacity=1000000", "vigil.rate-limits.api-key.capacity=1000000",
                "vigil.rate-limits.subscribe.capacity=1000000", "vigil.rate-limits.subscribe-address.capacity=1000000",
                "vigil.rate-limits.status-password.capacity=1000000",
                "vigil.rate-limits.channel-test.capacity=1000000", "vigil.rate-limits.test-now.capacity=1000000",
                "vigil.rate-limits.dashboard-post.capacity=1000000",
                "vigil.rate-limits.one-shot-check.capacity=1000000",
                "vigil.rate-limits.sign-in.capacity=1000000", "vigil.rate-limits.slack-actions.capacity=1000000",
                "vigil.api.public-url=" + TestMail.PUBLIC_URL})
@ContextConfiguration(initializers = {SharedInfrastructure.class, TestMail.class})
public @interface ApiServiceTest {
}
