package dev.vigil.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.ApiApplication;
import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiEndpoints;
import dev.vigil.api.support.DashboardSession;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.queue.QueueTopology;
import dev.vigil.common.sqs.QueueDirectory;
import dev.vigil.common.testing.TestDatabase;
import dev.vigil.common.testing.TestSqs;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two api-service instances on one database, as behind a load balancer: a client alternating between them gets each
 * limit once, not twice. Every route limited since issue 14 answers 429 with a problem document past its limit:
 * status page subscriptions (per client address and per email address), a private page's password, alert channel
 * test sends, "test now" and every dashboard form.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterRateLimitsIT {

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private int attacks;

    @BeforeAll
    void start() {
        String prefix = "rl" + UUID.randomUUID().toString().substring(0, 6) + "-";
        // "Test now" publishes to the region's check queue, which the scheduler would have created.
        new QueueDirectory(TestSqs.shared().client()).provision(QueueTopology.regionQueues(new QueueNames(prefix),
                "local-a"));
        for (int i = 0; i < 2; i++) {
            Map<String, Object> properties = new HashMap<>(TestDatabase.shared().springProperties());
            properties.put("vigil.sqs.endpoint", TestSqs.shared().endpoint().toString());
            properties.put("vigil.sqs.queue-prefix", prefix);
            properties.put("server.port", 0);
            properties.put("management.server.port", 0);
            properties.put("spring.main.register-shutdown-hook", false);
            properties.put("vigil.rate-limits.signup.capacity", 1000);
            properties.put("vigil.rate-limits.api-key.capacity", 100000);
            properties.put("vigil.rate-limits.subscribe.capacity", 3);
            properties.put("vigil.rate-limits.subscribe.refill-every", "1h");
            properties.put("vigil.rate-limits.subscribe-address.capacity", 2);
            properties.put("vigil.rate-limits.subscribe-address.refill-every", "1h");
            properties.put("vigil.rate-limits.status-password.capacity", 3);
            properties.put("vigil.rate-limits.status-password.refill-every", "1h");
            properties.put("vigil.rate-limits.channel-test.capacity", 2);
            properties.put("vigil.rate-limits.channel-test.refill-every", "1h");
            properties.put("vigil.rate-limits.test-now.capacity", 2);
            properties.put("vigil.rate-limits.test-now.refill-every", "1h");
            properties.put("vigil.rate-limits.dashboard-post.capacity", 6);
            properties.put("vigil.rate-limits.dashboard-post.refill-every", "1h");
            String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new);
            instances.add(ApiApplication.application().run(args));
        }
    }

    @AfterAll
    void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
        System.out.printf("rate limit attacks tried: %d, refused: %d%n", attacks, attacks);
    }

    private int port(int instance) {
        return ((WebServerApplicationContext) instances.get(instance)).getWebServer().getPort();
    }

    private ApiClient client(int instance) {
        return new ApiClient(port(instance));
    }

    /** A form post from {@code address} (X-Forwarded-For, trusted from loopback as from a load balancer). */
    private ApiClient.Response form(int instance, String path, String address, String body) {
        ApiClient api = client(instance);
        return api.send(api.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", address).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private void assertRefused(ApiClient.Response response, String attack) {
        assertThat(response.status()).as(attack + ": " + response).isEqualTo(429);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
        attacks++;
        System.out.printf("attack: %s -> 429, refused (Retry-After %s s)%n", attack, response.header("Retry-After"));
    }

    private String statusPage(ApiClient owner, Map<String, Object> extra) {
        String monitor = owner.post("/api/v1/monitors", ApiEndpoints.httpMonitor("web")).json().get("id").asString();
        String slug = "rl-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> page = new HashMap<>(Map.of("slug", slug, "title", "Limits",
                "components", List.of(Map.of("name", "Website", "monitorId", monitor))));
        page.putAll(extra);
        assertThat(owner.post("/api/v1/status-pages", page).status()).isEqualTo(201);
        return slug;
    }

    @Test
    void aClientAlternatingBetweenInstancesGetsTheLimitOnceAndSubscriptionsAreLimitedPerAddressAndEmail() {
        ApiClient owner = client(0).signUp();
        String slug = statusPage(owner, Map.of());
        String path = "/status/" + slug + "/subscribe";
        String address = "198.51.100." + (10 + (int) (Math.random() * 200));

        for (int i = 0; i < 3; i++) {
            ApiClient.Response accepted = form(i % 2, path, address, "email=reader" + i + "-" + UUID.randomUUID()
                    + "@example.com");
            assertThat(accepted.status()).as("subscription %d on instance %d: %s", i, i % 2, accepted)
                    .isNotEqualTo(429);
        }
        assertRefused(form(1, path, address, "email=reader-x@example.com"),
                "4th subscription from one address, on the other instance (limit 3 across both)");
        assertRefused(form(0, path, address, "email=reader-y@example.com"),
                "5th subscription from one address, on the first instance");

        String victim = "victim-" + UUID.randomUUID() + "@example.com";
        for (int i = 0; i < 2; i++) {
            assertThat(form(i % 2, path, "203.0.113." + (100 + i), "email=" + victim).status()).isNotEqualTo(429);
        }
        assertRefused(form(1, path, "203.0.113.150", "email=" + victim.toUpperCase(java.util.Locale.ROOT)),
                "3rd subscription of one email address from yet another client address (mail flooding)");
    }

    @Test
    void privatePagePasswordTriesAreLimited() {
        ApiClient owner = client(0).signUp();
        String slug = statusPage(owner, Map.of("password", "correct horse battery"));
        String address = "198.51.100.240";
        for (int i = 0; i < 3; i++) {
            assertThat(form(i % 2, "/status/" + slug + "/access", address, "password=guess" + i).status())
                    .isEqualTo(401);
        }
        assertRefused(form(1, "/status/" + slug + "/access", address, "password=correct+horse+battery"),
                "4th password try on a private page (bcrypt per try)");
    }

    @Test
    void alertChannelTestSendsAreLimitedPerWorkspace() {
        ApiClient owner = client(0).signUp();
        String channel = owner.post("/api/v1/alert-channels", Map.of("name", "hook", "type", "WEBHOOK",
                "config", Map.of("url", "https://93.184.215.14/hooks/x", "secret", "a-webhook-secret-0123456789")))
                .json().get("id").asString();
        for (int i = 0; i < 2; i++) {
            assertThat(client(i % 2).withKey(owner.key()).post("/api/v1/alert-channels/" + channel + "/test")
                    .status()).isEqualTo(202);
        }
        assertRefused(client(1).withKey(owner.key()).post("/api/v1/alert-channels/" + channel + "/test"),
                "3rd alert channel test send of a workspace (the receiver is someone else's)");
    }

    @Test
    void testNowAndEveryDashboardFormAreLimitedPerPerson() {
        DashboardSession browser = new DashboardSession(port(0));
        String key = browser.signUp("limits-" + UUID.randomUUID() + "@example.com");
        String monitor = client(0).withKey(key).post("/api/v1/monitors", ApiEndpoints.httpMonitor("web")).json()
                .get("id").asString();
        browser.get("/app/monitors/" + monitor);
        for (int i = 0; i < 2; i++) {
            DashboardSession.Page tested = browser.post("/app/monitors/" + monitor + "/test", Map.of("region", "local-a"));
            assertThat(tested.status()).as("%s", tested).isEqualTo(302);
            browser.get("/app/monitors/" + monitor);
        }
        DashboardSession.Page third = browser.post("/app/monitors/" + monitor + "/test", Map.of("region", "local-a"));
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.body()).contains("\"status\":429");
        attacks++;
        System.out.println("attack: 3rd \"test now\" of a person -> 429, refused");

        // Two posts counted already; four more forms pass, the fifth is refused.
        for (int i = 0; i < 4; i++) {
            browser.get("/app/channels/new");
            DashboardSession.Page posted = browser.post("/app/channels", Map.of("name", "", "type", "EMAIL"));
            assertThat(posted.status()).as("%s", posted).isNotEqualTo(429);
        }
        browser.get("/app/channels/new");
        DashboardSession.Page refused = browser.post("/app/channels", Map.of("name", "", "type", "EMAIL"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).contains("Too many requests");
        attacks++;
        System.out.println("attack: 7th dashboard form post of a person -> 429, refused");
    }
}
