package dev.vigil.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.ApiApplication;
import dev.vigil.api.support.ApiClient;
import dev.vigil.common.testing.SharedInfrastructure;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * Rate limits and quotas, in a context of their own with tight settings. Each test poses as its own client address
 * through X-Forwarded-For, which the api-service trusts from a proxy on loopback or a private network (as behind a
 * load balancer); tests thereby also show a client cannot share another's bucket.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + ApiApplication.CONFIG_NAMES,
        "vigil.rate-limits.signup.capacity=3", "vigil.rate-limits.signup.refill-every=1h",
        "vigil.rate-limits.api-key.capacity=15", "vigil.rate-limits.api-key.refill-every=1h",
        "vigil.monitors.max-per-workspace=2", "vigil.api-keys.max-per-workspace=3",
        "vigil.members.max-per-workspace=3",
        "vigil.rate-limits.slack-actions.capacity=3", "vigil.rate-limits.slack-actions.refill-every=1h"})
@ContextConfiguration(initializers = SharedInfrastructure.class)
class LimitsIT {

    @LocalServerPort
    int port;

    @Test
    void signUpsAreLimitedPerClientAddressWithRetryAfter() {
        String client = "203.0.113.10";
        for (int i = 0; i < 3; i++) {
            assertThat(signUp(client).status()).isEqualTo(201);
        }

        ApiClient.Response limited = signUp(client);
        ApiClient.Response acceptFromThere = send(client, "/api/v1/invitations/accept",
                Map.of("token", "vgi_" + "a".repeat(32), "password", "a long enough password"));
        ApiClient.Response otherClient = signUp("203.0.113.11");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.isProblem()).isTrue();
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 3600L);
        assertThat(limited.json().get("detail").asString()).contains("retry in");
        assertThat(acceptFromThere.status()).isEqualTo(429);
        assertThat(otherClient.status()).isEqualTo(201);
    }

    @Test
    void eachApiKeyHasItsOwnBucket() {
        ApiClient first = new ApiClient(port).withKey(signUp("203.0.113.20").json().get("apiKey").asString());
        ApiClient second = first.withKey(first.post("/api/v1/api-keys", Map.of("name", "second")).json()
                .get("key").asString());
        for (int i = 1; i < 15; i++) {
            assertThat(first.get("/api/v1/regions").status()).isEqualTo(200);
        }

        ApiClient.Response limited = first.get("/api/v1/regions");
        ApiClient.Response limitedWrite = first.post("/api/v1/monitors", Map.of());

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.isProblem()).isTrue();
        assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
        assertThat(limitedWrite.status()).isEqualTo(429);
        assertThat(second.get("/api/v1/regions").status()).isEqualTo(200);
    }

    /**
     * A create checks the quota last (inserts first, then the workspace lock and the count): parallel creates at the
     * boundary still leave exactly the quota, the rest refused, none failing otherwise (no deadlock, no 500).
     */
    @Test
    void parallelCreatesNeverPassTheMonitorQuota() throws Exception {
        ApiClient owner = new ApiClient(port).withKey(signUp("203.0.113.31").json().get("apiKey").asString());
        Map<String, Object> monitor = Map.of("name", "m", "type", "TCP", "host", "example.com", "port", 22);

        List<Integer> statuses;
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> owner.post("/api/v1/monitors", monitor).status()));
            }
            statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
        }

        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(2);
        assertThat(owner.get("/api/v1/monitors").json().get("total").asInt()).isEqualTo(2);
    }

    @Test
    void aWorkspaceCannotGrowPastItsQuotas() {
        ApiClient owner = new ApiClient(port).withKey(signUp("203.0.113.30").json().get("apiKey").asString());
        Map<String, Object> monitor = Map.of("name", "m", "type", "TCP", "host", "example.com", "port", 22);

        assertThat(owner.post("/api/v1/monitors", monitor).status()).isEqualTo(201);
        assertThat(owner.post("/api/v1/monitors", monitor).status()).isEqualTo(201);
        ApiClient.Response thirdMonitor = owner.post("/api/v1/monitors", monitor);
        assertThat(owner.post("/api/v1/api-keys", Map.of("name", "k1")).status()).isEqualTo(201);
        assertThat(owner.post("/api/v1/api-keys", Map.of("name", "k2")).status()).isEqualTo(201);
        ApiClient.Response fourthKey = owner.post("/api/v1/api-keys", Map.of("name", "k3"));
        for (int i = 0; i < 2; i++) {
            assertThat(owner.post("/api/v1/members", Map.of("email", "m" + i + "-" + UUID.randomUUID()
                    + "@example.com", "role", "VIEWER")).status()).isEqualTo(201);
        }
        ApiClient.Response fourthMember = owner.post("/api/v1/members", Map.of("email", "x-" + UUID.randomUUID()
                + "@example.com", "role", "VIEWER"));

        assertThat(thirdMonitor.status()).isEqualTo(409);
        assertThat(thirdMonitor.json().get("detail").asString()).contains("2 monitors");
        assertThat(fourthKey.status()).isEqualTo(409);
        assertThat(fourthMember.status()).isEqualTo(409);
    }

    /**
     * Slack's interaction URL needs no key: a flood of forged presses from one address is cut off at the door (429
     * before any channel is read), while another address still reaches the signature check (401).
     */
    @Test
    void forgedSlackPressesAreLimitedPerClientAddress() {
        String client = "203.0.113.40";
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(slackPress(client).status());
        }
        ApiClient.Response limited = slackPress(client);
        ApiClient.Response otherClient = slackPress("203.0.113.41");

        assertThat(statuses.subList(0, 3)).containsOnly(401);
        assertThat(statuses.get(3)).isEqualTo(429);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.isProblem()).isTrue();
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 3600L);
        assertThat(otherClient.status()).isEqualTo(401);
    }

    private ApiClient.Response slackPress(String client) {
        ApiClient api = new ApiClient(port);
        String payload = java.net.URLEncoder.encode("{\"actions\":[{\"action_id\":\"vigil_ack\",\"value\":\"x\"}]}",
                java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest.Builder request = api.request("/integrations/slack/actions")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", Long.toString(java.time.Instant.now().getEpochSecond()))
                .header("X-Slack-Signature", "v0=" + "0".repeat(64)).header("X-Forwarded-For", client)
                .POST(HttpRequest.BodyPublishers.ofString("payload=" + payload));
        return api.send(request);
    }

    private ApiClient.Response signUp(String client) {
        return send(client, "/api/v1/signup", Map.of("email", "u-" + UUID.randomUUID() + "@example.com",
                "password", "a long enough password", "workspace", "W"));
    }

    private ApiClient.Response send(String client, String path, Object body) {
        ApiClient api = new ApiClient(port);
        HttpRequest.Builder request = api.request(path).header("Content-Type", "application/json")
                .header("X-Forwarded-For", client).POST(HttpRequest.BodyPublishers.ofString(ApiClient.json(body)));
        return api.send(request);
    }
}
