package dev.vigil.probe.check.tls;

import dev.vigil.common.check.MonitorType;
import dev.vigil.common.check.TlsCheck;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.PhaseTimings;
import dev.vigil.probe.check.Certificates;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.check.Failures;
import dev.vigil.probe.check.Stopwatch;
import dev.vigil.probe.check.TypedCheckExecutor;
import dev.vigil.probe.net.Connector;
import dev.vigil.probe.net.TlsTrust;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.springframework.stereotype.Component;

/**
 * A TLS handshake with host:port over a vetted connection: down when the chain is not trusted, the certificate does
 * not name the host, or it expires in fewer than {@code minDaysValid} days. The days left are reported either way,
 * even when verification failed (the chain is recorded before it is judged).
 */
@Component
class TlsCheckExecutor extends TypedCheckExecutor<TlsCheck> {

    private final Connector connector;
    private final TlsTrust trust;
    private final Clock clock;

    TlsCheckExecutor(Connector connector, TlsTrust trust, Clock clock) {
        super(MonitorType.TLS, TlsCheck.class);
        this.connector = connector;
        this.trust = trust;
        this.clock = clock;
    }

    @Override
    protected CheckOutcome run(CheckJob job, TlsCheck check, Stopwatch stopwatch) {
        TlsTrust.Session session = trust.newSession();
        Long dnsMs = null;
        Long connectMs = null;
        try (Connector.Connection connection = connector.connect(check.host(), check.port(),
                Duration.ofMillis(job.timeoutMs()))) {
            dnsMs = connection.dnsMs();
            connectMs = connection.connectMs();
            Stopwatch handshake = Stopwatch.start();
            connection.socket().setSoTimeout(stopwatch.remainingMs(Duration.ofMillis(job.timeoutMs())));
            try (SSLSocket socket = (SSLSocket) session.context().getSocketFactory()
                    .createSocket(connection.socket(), check.host(), check.port(), true)) {
                SSLParameters parameters = socket.getSSLParameters();
                // The JDK then checks that the certificate names the host (DNS or IP subject alternative name).
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                long tlsMs = handshake.elapsedMs();
                return verified(job, check, session.leaf(), socket.getSession().getProtocol(),
                        new PhaseTimings(dnsMs, connectMs, tlsMs, null), stopwatch.elapsedMs());
            }
        } catch (SSLException e) {
            return CheckOutcome.failed(ErrorKind.TLS, Failures.tlsMessage(e), stopwatch.elapsedMs(),
                    new PhaseTimings(dnsMs, connectMs, null, null)).withTlsDaysLeft(daysLeft(session.leaf()));
        } catch (IOException e) {
            Failures.Failure failure = Failures.classify(e, check.target(), job.timeoutMs());
            return CheckOutcome.failed(failure.kind(), failure.message(), stopwatch.elapsedMs(),
                    new PhaseTimings(dnsMs, connectMs, null, null)).withTlsDaysLeft(daysLeft(session.leaf()));
        }
    }

    private CheckOutcome verified(CheckJob job, TlsCheck check, X509Certificate leaf, String protocol,
                                  PhaseTimings timings, long latency) {
        int days = daysLeft(leaf);
        String invalid = Certificates.validityProblem(leaf, clock.instant());
        if (invalid != null) {
            return CheckOutcome.failed(ErrorKind.TLS, invalid, latency, timings).withTlsDaysLeft(days);
        }
        String expiry = DateTimeFormatter.ISO_LOCAL_DATE.format(leaf.getNotAfter().toInstant()
                .atZone(ZoneOffset.UTC));
        if (days < check.minDaysValid()) {
            String tooSoon = "TLS certificate expires in " + days + " days (" + expiry + "), fewer than the "
                    + check.minDaysValid() + " required";
            return CheckOutcome.failed(ErrorKind.TLS, tooSoon, latency, timings).withTlsDaysLeft(days);
        }
        return CheckOutcome.up(job, latency, timings,
                protocol + ", certificate valid until " + expiry + " (" + days + " days)").withTlsDaysLeft(days);
    }

    private Integer daysLeft(X509Certificate leaf) {
        return leaf == null ? null : Certificates.daysLeft(leaf, clock.instant());
    }
}
