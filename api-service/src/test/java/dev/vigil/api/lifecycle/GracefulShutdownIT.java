package dev.vigil.api.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.api.ApiApplication;
import dev.vigil.common.testing.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

/**
 * SIGTERM under load, with a real process: the api-service runs as a child JVM; clients send authenticated requests
 * on keep-alive connections from several threads while a load-balancer stand-in polls readiness. On SIGTERM the
 * service turns readiness DOWN and keeps serving through its drain delay; the stand-in sees DOWN and stops sending
 * (as an ALB deregisters the target); then the server stops, finishing what is in flight. No request may fail, the
 * process must exit 0, and only then are new connections refused.
 */
class GracefulShutdownIT {

    private static final int CLIENTS = 8;
    private static final Path LOG = Path.of("target", "graceful-shutdown", "api-service.log");

    private Process api;

    @AfterEach
    void kill() {
        if (api != null) {
            api.destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void sigtermUnderLoadFailsNoRequestAndExitsZero() throws Exception {
        int port = freePort();
        api = launch(port);
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        awaitReady(http, base, Duration.ofSeconds(120));
        String key = signup(http, base);

        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicBoolean terminated = new AtomicBoolean();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger okAfterSigterm = new AtomicInteger();
        Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(Thread.ofVirtual().start(() -> {
                while (sending.get()) {
                    String outcome = monitors(http, base, key);
                    if (outcome.equals("200")) {
                        ok.incrementAndGet();
                        if (terminated.get()) {
                            okAfterSigterm.incrementAndGet();
                        }
                    } else {
                        failures.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                    }
                }
            }));
        }
        // Load flows before SIGTERM (a busy machine may take a while to warm the child JVM up).
        await().atMost(Duration.ofSeconds(60)).until(() -> ok.get() >= 20 || !failures.isEmpty());
        Thread.sleep(500);

        long sigtermAt = System.nanoTime();
        api.destroy();  // SIGTERM
        terminated.set(true);
        // The load balancer stand-in: stop routing once readiness says DOWN.
        AtomicLong readinessDownAfterMillis = new AtomicLong(-1);
        while (readinessDownAfterMillis.get() < 0 && System.nanoTime() - sigtermAt < Duration.ofSeconds(10).toNanos()) {
            if (readiness(http, base) == 503) {
                readinessDownAfterMillis.set((System.nanoTime() - sigtermAt) / 1_000_000);
            } else {
                Thread.sleep(100);
            }
        }
        sending.set(false);
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(30));
        }

        assertThat(readinessDownAfterMillis.get()).as("readiness went DOWN after SIGTERM").isNotNegative();
        assertThat(failures).as("failed requests").isEmpty();
        assertThat(okAfterSigterm.get()).as("requests served after SIGTERM, while draining").isPositive();
        assertThat(api.waitFor(60, TimeUnit.SECONDS)).as("the process exited").isTrue();
        assertThat(api.exitValue()).as("exit status after SIGTERM").isZero();
        assertThat(monitors(http, base, key)).as("new connections are refused once stopped")
                .isEqualTo(ConnectException.class.getSimpleName());
        List<String> lines = Files.readAllLines(LOG).stream().filter(line -> line.contains("SIGTERM received")
                || line.contains("Graceful shutdown complete")).toList();
        // Graceful shutdown is logged once per web server: the public one and the management one.
        assertThat(lines).as("the drain is logged, as JSON (json-logs profile)").hasSize(3).allSatisfy(line ->
                assertThat(JsonMapper.builder().build().readTree(line).get("service").get("name").asString())
                        .isEqualTo("api-service"));
        System.out.printf("graceful shutdown: %d requests ok (%d after SIGTERM), readiness DOWN after %d ms, "
                + "exit in %d ms%n", ok.get(), okAfterSigterm.get(), readinessDownAfterMillis.get(),
                (System.nanoTime() - sigtermAt) / 1_000_000);
    }

    private Process launch(int port) throws IOException {
        Files.createDirectories(LOG.getParent());
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), ApiApplication.class.getName(),
                "--server.port=" + port,
                "--management.server.port=0",
                "--spring.datasource.url=" + TestDatabase.shared().jdbcUrl(),
                "--spring.datasource.username=",
                "--spring.datasource.password=",
                "--vigil.sqs.endpoint=http://127.0.0.1:1",
                "--vigil.rate-limits.signup.capacity=1000",
                "--vigil.rate-limits.api-key.capacity=1000000",
                "--vigil.shutdown.drain-delay=3s",
                // As on ECS: JSON log lines.
                "--spring.profiles.active=json-logs");
        File log = LOG.toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    private void awaitReady(HttpClient http, String base, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(api.isAlive()).as("the api-service died while starting; see " + LOG).isTrue();
            if (readiness(http, base) == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the api-service did not become ready; see " + LOG);
    }

    private static int readiness(HttpClient http, String base) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + "/readyz"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String signup(HttpClient http, String base) throws Exception {
        String body = "{\"email\":\"drain-" + System.nanoTime() + "@example.com\",\"password\":\"drain password 1\","
                + "\"workspace\":\"Drain\"}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/signup"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JsonMapper.builder().build().readTree(response.body()).get("apiKey").asString();
    }

    /** The status of one authenticated request, or the exception's class name when there was no answer. */
    private static String monitors(HttpClient http, String base, String key) {
        try {
            return Integer.toString(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/monitors"))
                    .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
