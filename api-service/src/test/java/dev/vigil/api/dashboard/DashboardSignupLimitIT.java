package dev.vigil.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.ApiApplication;
import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.DashboardSession;
import dev.vigil.common.testing.SharedInfrastructure;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * Signing up in the dashboard counts against the same per-address limit as the API's sign-up; signing in has its own
 * per-address limit against password guessing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + ApiApplication.CONFIG_NAMES,
        "vigil.rate-limits.signup.capacity=2", "vigil.rate-limits.signup.refill-every=1h",
        "vigil.rate-limits.sign-in.capacity=3", "vigil.rate-limits.sign-in.refill-every=1h"})
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

    @Test
    void passwordGuessingIsCutOffPerAddress() {
        DashboardSession guesser = new DashboardSession(port);
        assertThat(guesser.get("/login").status()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            DashboardSession.Page wrong = guesser.post("/login", Map.of("username", "victim@example.com",
                    "password", "guess number " + i));
            assertThat(wrong.status()).as("guess %d is answered as a failed sign-in", i).isEqualTo(302);
            assertThat(wrong.location()).contains("/login?error");
        }
        DashboardSession.Page refused = guesser.post("/login", Map.of("username", "victim@example.com",
                "password", "guess number 4"));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).contains("Rate limit reached for your address");
        assertThat(new DashboardSession(port).get("/login").status()).as("the form itself stays free").isEqualTo(200);
    }
}
