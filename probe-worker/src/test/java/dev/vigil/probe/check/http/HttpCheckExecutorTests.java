package dev.vigil.probe.check.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.common.check.HttpCheck;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.probe.check.CheckOutcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpCheckExecutorTests {

    private HttpServer server;
    private String base;

    @BeforeEach
    void startTarget() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", exchange -> {
            byte[] body = "all good".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopTarget() {
        server.stop(0);
    }

    private static CheckJob job(String url, int timeoutMs) {
        return CheckJob.scheduled(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), "local-a", HttpCheck.get(url),
                timeoutMs, null, 60, List.of("local-a"), 0, Instant.now());
    }

    @Test
    void aTwoHundredIsUpWithItsStatusAndSize() {
        CheckOutcome outcome = new HttpCheckExecutor().execute(job(base + "/ok", 2000));

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.statusCode()).isEqualTo(200);
        assertThat(outcome.responseBytes()).isEqualTo(8);
    }

    @Test
    void aServerErrorIsDownWithTheStatusAsCause() {
        CheckOutcome outcome = new HttpCheckExecutor().execute(job(base + "/broken", 2000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.HTTP_STATUS);
        assertThat(outcome.message()).contains("503");
    }

    @Test
    void aSlowResponseTimesOut() {
        CheckOutcome outcome = new HttpCheckExecutor().execute(job(base + "/slow", 300));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.TIMEOUT);
    }

    @Test
    void aClosedPortIsAConnectionFailure() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        CheckOutcome outcome = new HttpCheckExecutor().execute(job("http://127.0.0.1:" + closed + "/", 2000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.CONNECTION);
    }
}
