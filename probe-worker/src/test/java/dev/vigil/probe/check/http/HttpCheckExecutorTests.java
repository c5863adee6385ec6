package dev.vigil.probe.check.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.common.check.Assertion;
import dev.vigil.common.check.AssertionSource;
import dev.vigil.common.check.Comparison;
import dev.vigil.common.check.HttpCheck;
import dev.vigil.common.message.AssertionOutcome;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.net.TlsTrust;
import dev.vigil.probe.support.TestJobs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP checks against a real HTTP server on loopback (local mode: loopback targets allowed). */
class HttpCheckExecutorTests {

    private HttpServer server;
    private String base;
    private final AtomicReference<String> lastRequest = new AtomicReference<>();
    private final HttpCheckExecutor executor = new HttpCheckExecutor(TestJobs.localGuard(),
            TlsTrust.withExtraCertificates(null), 4096, Clock.systemUTC());

    @BeforeEach
    void startTarget() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        respond("/ok", 200, "text/plain", "all good");
        respond("/json", 200, "application/json", "{\"status\":\"up\",\"checks\":[{\"db\":12},{\"db\":30}],"
                + "\"version\":1.50}");
        respond("/big", 200, "text/plain", "x".repeat(10_000) + "needle");
        server.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.createContext("/echo", exchange -> {
            lastRequest.set(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("X-Token") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/ok");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            sleep(1500);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/sluggish", exchange -> {
            sleep(300);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void respond(String path, int status, String type, String body) {
        server.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    @AfterEach
    void stopTarget() {
        server.stop(0);
    }

    private CheckOutcome check(HttpCheck check) {
        return executor.execute(TestJobs.job(check, 2000));
    }

    private static HttpCheck get(String url, Assertion... assertions) {
        return new HttpCheck(url, "GET", Map.of(), null, true, List.of(assertions));
    }

    @Test
    void aTwoHundredIsUpWithItsStatusSizeAndPhaseTimings() {
        CheckOutcome outcome = check(HttpCheck.get(base + "/ok"));

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.statusCode()).isEqualTo(200);
        assertThat(outcome.responseBytes()).isEqualTo(8);
        assertThat(outcome.timings().connectMs()).isNotNull();
        assertThat(outcome.timings().firstByteMs()).isNotNull();
        assertThat(outcome.timings().tlsMs()).isNull();
        // An IP literal is not looked up.
        assertThat(outcome.timings().dnsMs()).isNull();
        assertThat(outcome.tlsDaysLeft()).isNull();
    }

    @Test
    void aHostNameIsResolvedAndTimed() {
        CheckOutcome outcome = check(HttpCheck.get(base.replace("127.0.0.1", "localhost") + "/ok"));

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.timings().dnsMs()).isNotNull();
    }

    @Test
    void aServerErrorIsDownWithTheStatusAsCause() {
        CheckOutcome outcome = check(HttpCheck.get(base + "/broken"));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.HTTP_STATUS);
        assertThat(outcome.message()).contains("503");
    }

    @Test
    void aStatusAssertionReplacesTheTwoHundredRule() {
        CheckOutcome outcome = check(get(base + "/broken",
                Assertion.of(AssertionSource.STATUS_CODE, Comparison.EQUALS, "503")));

        assertThat(outcome.ok()).isTrue();
    }

    @Test
    void aSlowResponseTimesOut() {
        CheckOutcome outcome = executor.execute(TestJobs.job(HttpCheck.get(base + "/slow"), 300));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(outcome.message()).contains("300 ms");
    }

    @Test
    void aResponseSlowerThanTheThresholdIsDegraded() {
        CheckOutcome outcome = executor.execute(TestJobs.job(HttpCheck.get(base + "/sluggish"), 5000, 100));

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.degraded()).isTrue();
        assertThat(outcome.message()).contains("slower than 100 ms");
    }

    @Test
    void aClosedPortIsAConnectionFailure() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        CheckOutcome outcome = check(HttpCheck.get("http://127.0.0.1:" + closed + "/"));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.CONNECTION);
        assertThat(outcome.message()).contains("refused");
    }

    @Test
    void everyAssertionSourceIsJudgedWithAReadableMessage() {
        CheckOutcome outcome = check(get(base + "/json",
                Assertion.of(AssertionSource.STATUS_CODE, Comparison.EQUALS, "200"),
                Assertion.of(AssertionSource.BODY, Comparison.CONTAINS, "\"up\""),
                new Assertion(AssertionSource.JSON_PATH, "$.status", Comparison.EQUALS, "up"),
                new Assertion(AssertionSource.JSON_PATH, "$.checks[*].db", Comparison.GREATER_THAN, "20"),
                new Assertion(AssertionSource.JSON_PATH, "$.version", Comparison.EQUALS, "1.5"),
                new Assertion(AssertionSource.HEADER, "content-type", Comparison.CONTAINS, "json"),
                Assertion.of(AssertionSource.RESPONSE_TIME_MS, Comparison.LESS_THAN, "5000"),
                new Assertion(AssertionSource.JSON_PATH, "$.status", Comparison.EQUALS, "down")));

        assertThat(outcome.assertions()).extracting(AssertionOutcome::passed)
                .containsExactly(true, true, true, true, true, true, true, false);
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.ASSERTION);
        assertThat(outcome.message()).isEqualTo("expected JSON $.status to equal \"down\" but was \"up\"");
    }

    @Test
    void aBodyIsReadOnlyUpToTheLimit() {
        CheckOutcome outcome = check(get(base + "/big", Assertion.of(AssertionSource.BODY, Comparison.CONTAINS,
                "needle")));

        assertThat(outcome.responseBytes()).isEqualTo(4096);
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).contains("only the first part of the body was read");
    }

    @Test
    void methodHeadersAndBodyAreSent() {
        CheckOutcome outcome = check(new HttpCheck(base + "/echo", "POST", Map.of("X-Token", "t0k3n",
                "Content-Type", "application/json"), "{\"ping\":1}", true, List.of()));

        assertThat(outcome.ok()).isTrue();
        assertThat(lastRequest.get()).isEqualTo("POST t0k3n {\"ping\":1}");
    }

    @Test
    void redirectsAreFollowedOnlyWhenAsked() {
        CheckOutcome followed = check(get(base + "/moved", Assertion.of(AssertionSource.BODY, Comparison.EQUALS,
                "all good")));
        CheckOutcome notFollowed = check(new HttpCheck(base + "/moved", "GET", Map.of(), null, false,
                List.of(Assertion.of(AssertionSource.STATUS_CODE, Comparison.EQUALS, "302"))));

        assertThat(followed.ok()).isTrue();
        assertThat(followed.statusCode()).isEqualTo(200);
        assertThat(notFollowed.ok()).isTrue();
        assertThat(notFollowed.statusCode()).isEqualTo(302);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
