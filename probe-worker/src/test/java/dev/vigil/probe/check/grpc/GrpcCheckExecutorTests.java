package dev.vigil.probe.check.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.check.GrpcCheck;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.net.TlsTrust;
import dev.vigil.probe.support.TestCertificates;
import dev.vigil.probe.support.TestJobs;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** gRPC health checks against a real grpc-java server with a HealthStatusManager on loopback. */
class GrpcCheckExecutorTests {

    private final HealthStatusManager health = new HealthStatusManager();
    private Server server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.shutdownNow();
        }
    }

    private int start(ServerCredentials credentials) throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                credentials).addService(health.getHealthService()).build().start();
        health.setStatus("", ServingStatus.SERVING);
        health.setStatus("payments.v1.Payments", ServingStatus.SERVING);
        health.setStatus("search.v1.Search", ServingStatus.NOT_SERVING);
        return server.getPort();
    }

    private static GrpcCheckExecutor plaintext() {
        return new GrpcCheckExecutor(TestJobs.localGuard(), TlsTrust.withExtraCertificates(null));
    }

    @Test
    void aServingServerIsUp() throws IOException {
        int port = start(InsecureServerCredentials.create());

        CheckOutcome outcome = plaintext().execute(TestJobs.job(new GrpcCheck("localhost", port, "", false), 10_000));

        assertThat(outcome.ok()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).startsWith("the server is SERVING");
    }

    @Test
    void aServingServiceIsUp() throws IOException {
        int port = start(InsecureServerCredentials.create());

        CheckOutcome outcome = plaintext().execute(TestJobs.job(
                new GrpcCheck("127.0.0.1", port, "payments.v1.Payments", false), 10_000));

        assertThat(outcome.ok()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).startsWith("service payments.v1.Payments is SERVING");
    }

    @Test
    void aNotServingServiceIsDown() throws IOException {
        int port = start(InsecureServerCredentials.create());

        CheckOutcome outcome = plaintext().execute(TestJobs.job(
                new GrpcCheck("127.0.0.1", port, "search.v1.Search", false), 10_000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.ASSERTION);
        assertThat(outcome.message()).isEqualTo("service search.v1.Search is NOT_SERVING, not SERVING");
    }

    @Test
    void anUnknownServiceIsDown() throws IOException {
        int port = start(InsecureServerCredentials.create());

        CheckOutcome outcome = plaintext().execute(TestJobs.job(
                new GrpcCheck("127.0.0.1", port, "nope.v1.Nope", false), 10_000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).contains("does not know the service 'nope.v1.Nope'");
    }

    @Test
    void nothingListeningIsAConnectionFailure() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        CheckOutcome outcome = plaintext().execute(TestJobs.job(new GrpcCheck("127.0.0.1", port, "", false), 10_000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.CONNECTION);
        assertThat(outcome.message()).contains("refused");
    }

    @Test
    void tlsWithATrustedCertificateIsUp() throws IOException {
        HeldCertificate certificate = TestCertificates.selfSigned(Duration.ofDays(30));
        int port = start(tls(certificate));
        GrpcCheckExecutor trusting = new GrpcCheckExecutor(TestJobs.localGuard(),
                TlsTrust.withExtraCertificates(TestCertificates.pem(certificate)));

        CheckOutcome outcome = trusting.execute(TestJobs.job(new GrpcCheck("localhost", port, "", true), 10_000));

        assertThat(outcome.ok()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).contains("TLS");
    }

    @Test
    void tlsWithAnUntrustedCertificateIsATlsFailure() throws IOException {
        int port = start(tls(TestCertificates.selfSigned(Duration.ofDays(30))));

        CheckOutcome outcome = plaintext().execute(TestJobs.job(new GrpcCheck("localhost", port, "", true), 10_000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).as(outcome.message()).isEqualTo(ErrorKind.TLS);
    }

    @Test
    void aLoopbackTargetIsRefusedByTheSaasPolicy() throws IOException {
        int port = start(InsecureServerCredentials.create());

        CheckOutcome outcome = new GrpcCheckExecutor(TestJobs.saasGuard(), TlsTrust.withExtraCertificates(null))
                .execute(TestJobs.job(new GrpcCheck("localhost", port, "", false), 10_000));

        assertThat(outcome.error()).isEqualTo(ErrorKind.BLOCKED);
    }

    private static ServerCredentials tls(HeldCertificate certificate) throws IOException {
        return TlsServerCredentials.create(
                new ByteArrayInputStream(certificate.certificatePem().getBytes(StandardCharsets.UTF_8)),
                new ByteArrayInputStream(certificate.privateKeyPkcs8Pem().getBytes(StandardCharsets.UTF_8)));
    }
}
