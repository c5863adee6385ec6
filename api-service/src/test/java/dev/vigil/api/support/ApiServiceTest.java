package dev.vigil.api.support;

import dev.vigil.api.ApiApplication;
import dev.vigil.common.testing.SharedInfrastructure;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** The api-service on a random port, against the shared test database and SQS server. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + ApiApplication.CONFIG_NAMES)
@ContextConfiguration(initializers = SharedInfrastructure.class)
public @interface ApiServiceTest {
}
