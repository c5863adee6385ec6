package dev.vigil.probe.check.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.check.HttpCheck;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.net.TlsTrust;
import dev.vigil.probe.support.TestCertificates;
import dev.vigil.probe.support.TestJobs;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.tls.HeldCertificate;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HTTPS checks against Jetty on loopback speaking HTTP/2 and HTTP/1.1 (ALPN) with self-signed certificates. */
class HttpsCheckTests {

    private Server server;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    private String start(HeldCertificate certificate) throws Exception {
        server = new Server();
        HttpConfiguration config = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        config.addCustomizer(secure);
        HttpConnectionFactory http11 = new HttpConnectionFactory(config);
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(config);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(http11.getProtocol());
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(TestCertificates.server(certificate).sslContext());
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, alpn.getProtocol()),
                alpn, h2, http11);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                InetSocketAddress remote = (InetSocketAddress) request.getConnectionMetaData().getRemoteSocketAddress();
                seen.add(request.getConnectionMetaData().getProtocol() + " from port " + remote.getPort());
                response.setStatus(200);
                Content.Sink.write(response, true, "secure hello", callback);
                return true;
            }
        });
        server.start();
        return "https://127.0.0.1:" + connector.getLocalPort() + "/";
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private static HttpCheckExecutor trusting(HeldCertificate certificate) throws Exception {
        return new HttpCheckExecutor(TestJobs.localGuard(),
                TlsTrust.withExtraCertificates(TestCertificates.pem(certificate)), 1 << 20, Clock.systemUTC());
    }

    @Test
    void aTrustedCertificateGivesAnHttp2CheckWithTlsTimingsAndDaysLeft() throws Exception {
        HeldCertificate certificate = TestCertificates.selfSigned(Duration.ofDays(30));
        String url = start(certificate);

        CheckOutcome outcome = trusting(certificate).execute(TestJobs.job(HttpCheck.get(url), 5000));

        assertThat(outcome.ok()).as(outcome.message()).isTrue();
        assertThat(outcome.responseBytes()).isEqualTo(12);
        assertThat(outcome.timings().connectMs()).isNotNull();
        assertThat(outcome.timings().tlsMs()).isNotNull();
        assertThat(outcome.tlsDaysLeft()).isBetween(29, 30);
        assertThat(seen).hasSize(1);
        assertThat(seen.getFirst()).startsWith("HTTP/2.0");
    }

    @Test
    void everyCheckOpensItsOwnConnection() throws Exception {
        HeldCertificate certificate = TestCertificates.selfSigned(Duration.ofDays(30));
        String url = start(certificate);
        HttpCheckExecutor executor = trusting(certificate);

        executor.execute(TestJobs.job(HttpCheck.get(url), 5000));
        executor.execute(TestJobs.job(HttpCheck.get(url), 5000));

        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).isNotEqualTo(seen.get(1));
    }

    @Test
    void anUntrustedCertificateIsATlsFailureThatStillReportsItsExpiry() throws Exception {
        String url = start(TestCertificates.selfSigned(Duration.ofDays(10)));
        HttpCheckExecutor jdkTrustOnly = new HttpCheckExecutor(TestJobs.localGuard(),
                TlsTrust.withExtraCertificates(null), 1 << 20, Clock.systemUTC());

        CheckOutcome outcome = jdkTrustOnly.execute(TestJobs.job(HttpCheck.get(url), 5000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.TLS);
        assertThat(outcome.message()).contains("not trusted");
        assertThat(outcome.tlsDaysLeft()).isBetween(9, 10);
    }

    @Test
    void aCertificateForAnotherHostIsATlsFailure() throws Exception {
        HeldCertificate elsewhere = TestCertificates.selfSigned(Duration.ofDays(30), "other.example");
        String url = start(elsewhere);

        CheckOutcome outcome = trusting(elsewhere).execute(TestJobs.job(HttpCheck.get(url), 5000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.TLS);
        assertThat(outcome.message()).contains("does not match the host name");
    }

    @Test
    void anExpiredCertificateIsATlsFailureWithNegativeDaysLeft() throws Exception {
        Instant now = Instant.now();
        HeldCertificate expired = new HeldCertificate.Builder().commonName("expired")
                .addSubjectAlternativeName("127.0.0.1")
                .validityInterval(now.minus(Duration.ofDays(40)).toEpochMilli(),
                        now.minus(Duration.ofDays(3)).toEpochMilli())
                .build();
        String url = start(expired);

        CheckOutcome outcome = trusting(expired).execute(TestJobs.job(HttpCheck.get(url), 5000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.TLS);
        assertThat(outcome.message()).contains("expired");
        assertThat(outcome.tlsDaysLeft()).isLessThan(0);
    }
}
