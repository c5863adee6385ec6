package dev.vigil.probe.check.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.check.WebSocketCheck;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.net.GuardedHttpClient;
import dev.vigil.common.net.TargetGuard;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.net.TlsTrust;
import dev.vigil.probe.support.TestJobs;
import dev.vigil.probe.support.TestSecrets;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** WebSocket checks against a real WebSocket server on loopback (MockWebServer's upgrade). */
class WebSocketCheckExecutorTests {

    private final TestSecrets secrets = new TestSecrets();
    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private WebSocketCheckExecutor executor(TargetGuard guard) {
        return new WebSocketCheckExecutor(new GuardedHttpClient(guard), TlsTrust.withExtraCertificates(null),
                secrets.variables());
    }

    private String url() {
        return "ws://127.0.0.1:" + server.getPort() + "/live";
    }

    /** A server that greets on open and answers each message with "echo: " and the message. */
    private void echoServer() {
        server.enqueue(new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket socket, Response response) {
                socket.send("{\"hello\":true}");
            }

            @Override
            public void onMessage(WebSocket socket, String text) {
                socket.send("echo: " + text);
            }
        }));
    }

    @Test
    void isUpOnceOpenWhenNothingIsExpected() {
        echoServer();

        CheckOutcome outcome = executor(TestJobs.localGuard()).execute(TestJobs.job(
                new WebSocketCheck(url(), Map.of(), null, null), 3000));

        assertThat(outcome.ok()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).startsWith("WebSocket open after");
    }

    @Test
    void sendsTheMessageAndIsUpWhenTheAnswerMatches() throws InterruptedException {
        echoServer();

        CheckOutcome outcome = executor(TestJobs.localGuard()).execute(secrets.with(TestJobs.job(
                new WebSocketCheck(url(), Map.of("Authorization", "Bearer {{vars.TOKEN}}"), "subscribe:prices",
                        "^echo: subscribe:\\w+$"), 3000), "TOKEN", "s3cret-token"));

        assertThat(outcome.ok()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).contains("message 2 matched").contains("echo: subscribe:prices");
        RecordedRequest handshake = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(handshake.getHeader("Authorization")).isEqualTo("Bearer s3cret-token");
        assertThat(handshake.getHeader("Upgrade")).isEqualTo("websocket");
    }

    @Test
    void isDownWhenNoMessageMatchesInTime() {
        echoServer();

        CheckOutcome outcome = executor(TestJobs.localGuard()).execute(TestJobs.job(
                new WebSocketCheck(url(), Map.of(), "hi", "\"status\":\"ok\""), 800));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(outcome.message()).contains("no message matching").contains("2 received")
                .contains("echo: hi");
        assertThat(outcome.latencyMs()).isBetween(700L, 2500L);
    }

    @Test
    void aBacktrackingPatternIsStoppedByItsTimeBudget() {
        server.enqueue(new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket socket, Response response) {
                socket.send("a".repeat(5000) + "!");
            }
        }));

        long start = System.nanoTime();
        CheckOutcome outcome = executor(TestJobs.localGuard()).execute(TestJobs.job(
                new WebSocketCheck(url(), Map.of(), null, "^(a+)+$"), 5000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).contains("time budget");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000);
    }

    @Test
    void aRefusedUpgradeReportsTheHttpStatus() {
        server.enqueue(new MockResponse().setResponseCode(404).setBody("no socket here"));

        CheckOutcome outcome = executor(TestJobs.localGuard()).execute(TestJobs.job(
                new WebSocketCheck(url(), Map.of(), null, null), 3000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.HTTP_STATUS);
        assertThat(outcome.statusCode()).isEqualTo(404);
        assertThat(outcome.message()).contains("upgrade refused: HTTP 404");
    }

    @Test
    void aServerClosingBeforeAMatchIsDown() {
        server.enqueue(new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket socket, Response response) {
                socket.close(1011, "overloaded");
            }
        }));

        CheckOutcome outcome = executor(TestJobs.localGuard()).execute(TestJobs.job(
                new WebSocketCheck(url(), Map.of(), null, "ready"), 3000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).contains("closed the WebSocket (1011 \"overloaded\")");
    }

    @Test
    void aMissingWorkspaceVariableFailsWithoutConnecting() {
        CheckOutcome outcome = executor(TestJobs.localGuard()).execute(TestJobs.job(
                new WebSocketCheck(url(), Map.of("Authorization", "{{vars.NOPE}}"), null, null), 3000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).isEqualTo("the workspace variable NOPE is not set");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aLoopbackTargetIsRefusedByTheSaasPolicy() {
        echoServer();

        CheckJob job = TestJobs.job(new WebSocketCheck("ws://localhost:" + server.getPort() + "/live", Map.of(),
                null, null), 3000);
        CheckOutcome outcome = executor(TestJobs.saasGuard()).execute(job);

        assertThat(outcome.error()).isEqualTo(ErrorKind.BLOCKED);
        assertThat(server.getRequestCount()).isZero();
    }
}
