package dev.vigil.probe.check.udp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.check.Assertion;
import dev.vigil.common.check.AssertionSource;
import dev.vigil.common.check.Comparison;
import dev.vigil.common.check.UdpCheck;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.support.TestJobs;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** UDP checks against real datagram servers on loopback. */
class UdpCheckExecutorTests {

    private final UdpCheckExecutor executor = new UdpCheckExecutor(TestJobs.localGuard());
    private DatagramSocket server;
    private Thread answering;

    /** A server answering every datagram with {@code reply} applied to it. */
    private int serve(UnaryOperator<byte[]> reply) throws IOException {
        server = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        answering = Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[2048];
            while (!server.isClosed()) {
                try {
                    DatagramPacket request = new DatagramPacket(buffer, buffer.length);
                    server.receive(request);
                    byte[] answer = reply.apply(Arrays.copyOf(request.getData(), request.getLength()));
                    if (answer != null) {
                        server.send(new DatagramPacket(answer, answer.length, request.getSocketAddress()));
                    }
                } catch (IOException e) {
                    // closed
                }
            }
        });
        return server.getLocalPort();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
            answering.join(2000);
        }
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aReplyMatchingThePatternIsUp() throws IOException {
        int port = serve(request -> text("PONG " + new String(request, StandardCharsets.UTF_8)));
        UdpCheck check = new UdpCheck("127.0.0.1", port, "ping-42", null,
                List.of(Assertion.of(AssertionSource.BODY, Comparison.MATCHES, "^PONG ping-\\d+$")));

        CheckOutcome outcome = executor.execute(TestJobs.job(check, 2000));

        assertThat(outcome.ok()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).isEqualTo("reply of 12 bytes from udp 127.0.0.1:" + port);
        assertThat(outcome.responseBytes()).isEqualTo(12);
        assertThat(outcome.assertions()).singleElement().satisfies(a -> assertThat(a.passed()).isTrue());
    }

    @Test
    void aReplyNotMatchingIsAnAssertionFailureSayingWhatCameBack() throws IOException {
        int port = serve(request -> text("ERR busy"));
        UdpCheck check = new UdpCheck("127.0.0.1", port, "status", "TEXT",
                List.of(Assertion.of(AssertionSource.BODY, Comparison.MATCHES, "^OK")));

        CheckOutcome outcome = executor.execute(TestJobs.job(check, 2000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.ASSERTION);
        assertThat(outcome.message()).contains("ERR busy");
    }

    @Test
    void hexPayloadsAreSentAsBytesAndRepliesShownAsHex() throws IOException {
        int port = serve(request -> {
            byte[] answer = request.clone();
            answer[0] = (byte) 0xff;
            return answer;
        });
        UdpCheck check = new UdpCheck("127.0.0.1", port, "00c0ffee", "HEX",
                List.of(Assertion.of(AssertionSource.BODY, Comparison.EQUALS, "ffc0ffee")));

        CheckOutcome outcome = executor.execute(TestJobs.job(check, 2000));

        assertThat(outcome.ok()).as(outcome.message()).isTrue();
        assertThat(outcome.responseBytes()).isEqualTo(4);
    }

    @Test
    void aBacktrackingPatternCannotHangTheProbe() throws IOException {
        int port = serve(request -> text("a".repeat(5000) + "!"));
        UdpCheck check = new UdpCheck("127.0.0.1", port, "x", null,
                List.of(Assertion.of(AssertionSource.BODY, Comparison.MATCHES, "^(a+)+$")));

        long start = System.nanoTime();
        CheckOutcome outcome = executor.execute(TestJobs.job(check, 5000));

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2000);
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).contains("time budget");
    }

    @Test
    void noReplyIsATimeout() throws IOException {
        int port = serve(request -> null);

        CheckOutcome outcome = executor.execute(TestJobs.job(new UdpCheck("127.0.0.1", port, "hello", null, null),
                300));

        assertThat(outcome.error()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(outcome.message()).contains("no reply from udp 127.0.0.1:" + port + " within 300 ms");
    }

    @Test
    void aClosedPortIsUnreachableAtOnce() throws IOException {
        int port;
        try (DatagramSocket closed = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = closed.getLocalPort();
        }

        CheckOutcome outcome = executor.execute(TestJobs.job(new UdpCheck("127.0.0.1", port, "hello", null, null),
                5000));

        assertThat(outcome.error()).isEqualTo(ErrorKind.CONNECTION);
        assertThat(outcome.message()).contains("port unreachable");
        assertThat(outcome.latencyMs()).isLessThan(4000);
    }

    @Test
    void loopbackIsRefusedInSaasModeAndNothingIsSent() throws IOException {
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        int port = serve(request -> {
            received.add(new String(request, StandardCharsets.UTF_8));
            return request;
        });
        UdpCheckExecutor saas = new UdpCheckExecutor(TestJobs.saasGuard());

        CheckOutcome outcome = saas.execute(TestJobs.job(new UdpCheck("localhost", port, "hello", null, null), 1000));

        assertThat(outcome.error()).isEqualTo(ErrorKind.BLOCKED);
        assertThat(received).isEmpty();
    }
}
