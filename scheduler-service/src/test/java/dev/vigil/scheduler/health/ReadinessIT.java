package dev.vigil.scheduler.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.common.testing.TcpProxy;
import dev.vigil.common.testing.TestDatabase;
import dev.vigil.common.testing.TestSqs;
import dev.vigil.scheduler.SchedulerApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Readiness means something: the scheduler reaches its database through a relay this test can cut, and an SQS
 * server of its own this test stops. Readiness goes DOWN (503) with the dependency and back UP when it returns;
 * liveness stays UP throughout (a restart would not bring the database back).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + SchedulerApplication.CONFIG_NAMES,
        "spring.datasource.hikari.connection-timeout=1000",
        "vigil.sqs.health.cache-for=0s",
        "vigil.sqs.health.timeout=1s",
        "management.endpoint.health.group.readiness.show-components=always"})
class ReadinessIT {

    private static final TestDatabase database = TestDatabase.createMigrated();
    private static final TcpProxy.ProxiedUrl db = TcpProxy.forJdbcUrl(database.jdbcUrl());
    private static final TestSqs sqs = TestSqs.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", () -> "");
        registry.add("spring.datasource.password", () -> "");
        sqs.registerIn(registry, "ready-" + UUID.randomUUID().toString().substring(0, 8) + "-");
    }

    @AfterAll
    static void stop() {
        db.proxy().close();
        sqs.close();
        database.close();
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void readinessFollowsTheDatabaseAndSqsWhileLivenessStaysUp() {
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);

        db.proxy().cut();
        HttpResponse<String> down = awaitStatus("/actuator/health/readiness", 503);
        assertThat(down.body()).contains("\"db\":{\"status\":\"DOWN\"");
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        // The same groups on the public port, for load balancers and container health checks.
        assertThat(get("/readyz").statusCode()).isEqualTo(503);
        assertThat(get("/livez").statusCode()).isEqualTo(200);

        db.proxy().restore();
        awaitStatus("/actuator/health/readiness", 200);

        sqs.close();
        HttpResponse<String> noSqs = awaitStatus("/actuator/health/readiness", 503);
        assertThat(noSqs.body()).contains("\"sqs\":{\"status\":\"DOWN\"").contains("\"db\":{\"status\":\"UP\"");
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> awaitStatus(String path, int status) {
        HttpResponse<String>[] last = new HttpResponse[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            last[0] = get(path);
            return last[0].statusCode() == status;
        });
        return last[0];
    }

    @Test
    void metricsAreServedOnTheManagementPortOnly() {
        assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(200);
        assertThat(send(port, "/actuator/prometheus").statusCode()).isEqualTo(404);
        assertThat(send(port, "/actuator/health").statusCode()).isEqualTo(404);
    }

    /** Actuator routes from the management port, the rest from the public one. */
    private HttpResponse<String> get(String path) {
        return send(path.startsWith("/actuator") ? managementPort : port, path);
    }

    private HttpResponse<String> send(int toPort, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + toPort + path))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
