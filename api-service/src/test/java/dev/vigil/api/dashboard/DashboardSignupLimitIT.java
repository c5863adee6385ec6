package dev.vigil.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.ApiApplication;
import dev.vigil.api.support.ApiClient;
import dev.vigil.common.testing.SharedInfrastructure;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/** Signing up in the dashboard counts against the same per-address limit as the API's sign-up. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + ApiApplication.CONFIG_NAMES,
        "vigil.rate-limits.signup.capacity=2", "vigil.rate-limits.signup.refill-every=1h"})
@ContextConfiguration(initializers = SharedInfrastructure.class)
class DashboardSignupLimitIT {

    @LocalServerPort
    int port;

    @Test
    void theSignUpFormSharesTheApisPerAddressLimit() {
        new DashboardSession(port).signUp("limit-" + UUID.randomUUID() + "@example.com");
        new DashboardSession(port).signUp("limit-" + UUID.randomUUID() + "@example.com");

        DashboardSession third = new DashboardSession(port);
        assertThat(third.get("/signup").status()).isEqualTo(200);
        DashboardSession.Page refused = third.post("/signup", Map.of("email", "limit-" + UUID.randomUUID()
                + "@example.com", "password", "dashboard password", "workspace", "Too many"));
        ApiClient.Response viaApi = new ApiClient(port).post("/api/v1/signup", Map.of("email", "limit-"
                + UUID.randomUUID() + "@example.com", "password", "dashboard password", "workspace", "Via API"));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(viaApi.status()).isEqualTo(429);
    }
}
