package dev.vigil.probe.check.mail;

import dev.vigil.common.check.CheckSpec;
import dev.vigil.common.check.MailServerCheck;
import dev.vigil.common.check.MailTls;
import dev.vigil.common.check.MonitorType;
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
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A mail server check over a vetted connection: (1) connect through the {@link Connector} (the SSRF guard picks and
 * pins the address); (2) with implicit TLS, the handshake; (3) read and check the greeting; (4) with STARTTLS, ask
 * for the upgrade and shake hands; (5) judge the certificate (chain, host name, days left against
 * {@code minDaysValid}); (6) end the session. Every step runs within the job's timeout and says what failed.
 *
 * @param <C> the check record of the protocol
 */
abstract class MailCheckExecutor<C extends CheckSpec & MailServerCheck> extends TypedCheckExecutor<C> {

    private final MailDialect dialect;
    private final Connector connector;
    private final TlsTrust trust;
    private final Clock clock;

    MailCheckExecutor(MonitorType type, Class<C> checks, MailDialect dialect, Connector connector, TlsTrust trust,
                      Clock clock) {
        super(type, checks);
        this.dialect = dialect;
        this.connector = connector;
        this.trust = trust;
        this.clock = clock;
    }

    @Override
    protected CheckOutcome run(CheckJob job, C check, Stopwatch stopwatch) {
        Duration timeout = Duration.ofMillis(job.timeoutMs());
        TlsTrust.Session session = trust.newSession();
        Long dnsMs = null;
        Long connectMs = null;
        Long tlsMs = null;
        Long greetingMs = null;
        String stage = "connecting";
        try (Connector.Connection connection = connector.connect(check.host(), check.port(), timeout)) {
            dnsMs = connection.dnsMs();
            connectMs = connection.connectMs();
            Socket socket = connection.socket();
            socket.setSoTimeout(stopwatch.remainingMs(timeout));
            SSLSocket tls = null;
            if (check.tls() == MailTls.IMPLICIT) {
                stage = "the TLS handshake";
                Stopwatch handshake = Stopwatch.start();
                tls = handshake(session, socket, check);
                tlsMs = handshake.elapsedMs();
                socket = tls;
            }
            stage = "reading the greeting";
            // Every step waits at most what is left of the timeout, so a server that answers each line slowly
            // cannot stretch the check past it.
            socket.setSoTimeout(stopwatch.remainingMs(timeout));
            Stopwatch greetingTime = Stopwatch.start();
            MailConversation conversation = new MailConversation(socket);
            String greeting = dialect.greeting(conversation);
            greetingMs = greetingTime.elapsedMs();
            if (check.tls() == MailTls.STARTTLS) {
                stage = "STARTTLS";
                socket.setSoTimeout(stopwatch.remainingMs(timeout));
                dialect.startTls(conversation, addressLiteral(socket.getLocalAddress()));
                Stopwatch handshake = Stopwatch.start();
                tls = handshake(session, socket, check);
                tlsMs = handshake.elapsedMs();
                socket = tls;
                conversation = new MailConversation(socket);
            }
            stage = "ending the session";
            socket.setSoTimeout(stopwatch.remainingMs(timeout));
            quietly(dialect, conversation);
            PhaseTimings timings = new PhaseTimings(dnsMs, connectMs, tlsMs, greetingMs);
            return tls == null
                    ? CheckOutcome.up(job, stopwatch.elapsedMs(), timings, type() + " greeting: "
                    + MailDialect.clip(greeting))
                    : judgeCertificate(job, check, session.leaf(), tls.getSession().getProtocol(), greeting, timings,
                    stopwatch.elapsedMs());
        } catch (MailDialect.StartTlsRefused e) {
            return CheckOutcome.failed(ErrorKind.TLS, type() + " " + e.getMessage(), stopwatch.elapsedMs(),
                    new PhaseTimings(dnsMs, connectMs, tlsMs, greetingMs));
        } catch (MailConversation.MailProtocolException e) {
            return CheckOutcome.failed(ErrorKind.CONNECTION, type() + " " + stage + ": " + e.getMessage(),
                    stopwatch.elapsedMs(), new PhaseTimings(dnsMs, connectMs, tlsMs, greetingMs));
        } catch (SSLException e) {
            return CheckOutcome.failed(ErrorKind.TLS, Failures.tlsMessage(e), stopwatch.elapsedMs(),
                    new PhaseTimings(dnsMs, connectMs, null, greetingMs)).withTlsDaysLeft(daysLeft(session.leaf()));
        } catch (IOException e) {
            Failures.Failure failure = Failures.classify(e, check.target(), job.timeoutMs());
            String message = failure.kind() == ErrorKind.TIMEOUT || failure.kind() == ErrorKind.CONNECTION
                    ? type() + " " + stage + ": " + failure.message() : failure.message();
            return CheckOutcome.failed(failure.kind(), message, stopwatch.elapsedMs(),
                    new PhaseTimings(dnsMs, connectMs, tlsMs, greetingMs)).withTlsDaysLeft(daysLeft(session.leaf()));
        }
    }

    /** The handshake over the connected socket, verifying the chain and that the certificate names the host. */
    private static SSLSocket handshake(TlsTrust.Session session, Socket socket, MailServerCheck check)
            throws IOException {
        SSLSocket tls = (SSLSocket) session.context().getSocketFactory().createSocket(socket, check.host(),
                check.port(), true);
        SSLParameters parameters = tls.getSSLParameters();
        // Host name verification by RFC 6125 rules, as for HTTPS (mail clients check the same DNS and IP names).
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }

    private CheckOutcome judgeCertificate(CheckJob job, MailServerCheck check, X509Certificate leaf, String protocol,
                                          String greeting, PhaseTimings timings, long latency) {
        int days = daysLeft(leaf);
        String invalid = Certificates.validityProblem(leaf, clock.instant());
        if (invalid != null) {
            return CheckOutcome.failed(ErrorKind.TLS, invalid, latency, timings).withTlsDaysLeft(days);
        }
        String expiry = DateTimeFormatter.ISO_LOCAL_DATE.format(leaf.getNotAfter().toInstant()
                .atZone(ZoneOffset.UTC));
        if (days < check.minDaysValid()) {
            return CheckOutcome.failed(ErrorKind.TLS, type() + " TLS certificate expires in " + days + " days ("
                    + expiry + "), fewer than the " + check.minDaysValid() + " required", latency, timings)
                    .withTlsDaysLeft(days);
        }
        return CheckOutcome.up(job, latency, timings, type() + " greeting: " + MailDialect.clip(greeting) + "; "
                + protocol + ", certificate valid until " + expiry + " (" + days + " days)").withTlsDaysLeft(days);
    }

    private Integer daysLeft(X509Certificate leaf) {
        return leaf == null ? null : Certificates.daysLeft(leaf, clock.instant());
    }

    /** The session is judged already; a server that hangs up instead of saying goodbye changes nothing. */
    private static void quietly(MailDialect dialect, MailConversation conversation) {
        try {
            dialect.quit(conversation);
        } catch (IOException e) {
            // nothing to do: the check's outcome is known
        }
    }

    /** RFC 5321 address literal of the probe's side of the connection, for EHLO. */
    static String addressLiteral(InetAddress local) {
        return local instanceof Inet6Address ? "[IPv6:" + local.getHostAddress().replaceAll("%.*$", "") + "]"
                : "[" + local.getHostAddress() + "]";
    }
}
