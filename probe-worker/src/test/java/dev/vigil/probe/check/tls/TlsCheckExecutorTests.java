package dev.vigil.probe.check.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.check.TlsCheck;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.net.Connector;
import dev.vigil.probe.net.TlsTrust;
import dev.vigil.probe.support.TestCertificates;
import dev.vigil.probe.support.TestJobs;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TLS checks against a JDK TLS server on loopback with certificates made in the test. */
class TlsCheckExecutorTests {

    private SSLServerSocket server;
    private Thread acceptor;

    private int serve(HeldCertificate certificate) throws IOException {
        server = (SSLServerSocket) TestCertificates.server(certificate).sslContext().getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.startHandshake();
                } catch (IOException e) {
                    // a client that refused the certificate, or the server closing
                }
            }
        });
        return server.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        acceptor.join(Duration.ofSeconds(2));
    }

    private static TlsCheckExecutor trusting(HeldCertificate certificate) throws IOException {
        return new TlsCheckExecutor(new Connector(TestJobs.localGuard()),
                TlsTrust.withExtraCertificates(TestCertificates.pem(certificate)), Clock.systemUTC());
    }

    @Test
    void aValidCertificateIsUpWithItsDaysLeftAndTimings() throws IOException {
        HeldCertificate certificate = TestCertificates.selfSigned(Duration.ofDays(90));
        int port = serve(certificate);

        CheckOutcome outcome = trusting(certificate).execute(TestJobs.job(new TlsCheck("localhost", port, 14), 5000));

        assertThat(outcome.ok()).as(outcome.message()).isTrue();
        assertThat(outcome.tlsDaysLeft()).isBetween(89, 90);
        assertThat(outcome.timings().dnsMs()).isNotNull();
        assertThat(outcome.timings().connectMs()).isNotNull();
        assertThat(outcome.timings().tlsMs()).isNotNull();
        assertThat(outcome.message()).contains("valid until");
    }

    @Test
    void aCertificateExpiringSoonerThanRequiredIsDown() throws IOException {
        HeldCertificate certificate = TestCertificates.selfSigned(Duration.ofDays(5).plusHours(1));
        int port = serve(certificate);

        CheckOutcome outcome = trusting(certificate).execute(TestJobs.job(new TlsCheck("127.0.0.1", port, 14), 5000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.TLS);
        assertThat(outcome.tlsDaysLeft()).isEqualTo(5);
        assertThat(outcome.message()).contains("expires in 5 days").contains("fewer than the 14 required");
    }

    @Test
    void aCertificateNotNamingTheHostIsDown() throws IOException {
        HeldCertificate certificate = TestCertificates.selfSigned(Duration.ofDays(90), "service.example");
        int port = serve(certificate);

        CheckOutcome outcome = trusting(certificate).execute(TestJobs.job(new TlsCheck("127.0.0.1", port, 1), 5000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.TLS);
        assertThat(outcome.message()).contains("does not match the host name");
        assertThat(outcome.tlsDaysLeft()).isBetween(89, 90);
    }

    @Test
    void anUntrustedCertificateIsDown() throws IOException {
        int port = serve(TestCertificates.selfSigned(Duration.ofDays(90)));
        TlsCheckExecutor jdkTrustOnly = new TlsCheckExecutor(new Connector(TestJobs.localGuard()),
                TlsTrust.withExtraCertificates(null), Clock.systemUTC());

        CheckOutcome outcome = jdkTrustOnly.execute(TestJobs.job(new TlsCheck("127.0.0.1", port, 1), 5000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.TLS);
        assertThat(outcome.message()).contains("not trusted");
    }

    @Test
    void anInternalAddressIsRefusedInSaasMode() throws IOException {
        HeldCertificate certificate = TestCertificates.selfSigned(Duration.ofDays(90));
        int port = serve(certificate);
        TlsCheckExecutor saas = new TlsCheckExecutor(new Connector(TestJobs.saasGuard()),
                TlsTrust.withExtraCertificates(TestCertificates.pem(certificate)), Clock.systemUTC());

        CheckOutcome outcome = saas.execute(TestJobs.job(new TlsCheck("127.0.0.1", port, 1), 5000));

        assertThat(outcome.error()).isEqualTo(ErrorKind.BLOCKED);
        assertThat(outcome.tlsDaysLeft()).isNull();
    }
}
