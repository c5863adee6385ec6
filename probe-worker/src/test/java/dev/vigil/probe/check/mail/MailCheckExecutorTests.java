package dev.vigil.probe.check.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.vigil.common.check.ImapCheck;
import dev.vigil.common.check.MailTls;
import dev.vigil.common.check.Pop3Check;
import dev.vigil.common.check.SmtpCheck;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.net.TargetGuard;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.net.Connector;
import dev.vigil.probe.net.TlsTrust;
import dev.vigil.probe.support.TestCertificates;
import dev.vigil.probe.support.TestJobs;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SMTP, IMAP and POP3 checks against GreenMail on loopback (plain and implicit TLS, with a certificate made here for
 * 127.0.0.1 and localhost), and STARTTLS against {@link StartTlsSmtpServer}.
 */
class MailCheckExecutorTests {

    private static final String PASSWORD = "changeit";
    private static HeldCertificate certificate;
    private static GreenMail greenMail;
    private static TlsTrust trust;

    @BeforeAll
    static void start() throws Exception {
        certificate = TestCertificates.selfSigned(Duration.ofDays(30));
        // GreenMail's TLS servers present the key store named here (read once, when its first TLS server starts).
        Path keyStore = Files.createTempFile("vigil-greenmail", ".p12");
        keyStore.toFile().deleteOnExit();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("greenmail", certificate.keyPair().getPrivate(), PASSWORD.toCharArray(),
                new Certificate[] {certificate.certificate()});
        try (OutputStream out = Files.newOutputStream(keyStore)) {
            store.store(out, PASSWORD.toCharArray());
        }
        System.setProperty("greenmail.tls.keystore.file", keyStore.toString());
        System.setProperty("greenmail.tls.keystore.password", PASSWORD);
        System.setProperty("greenmail.tls.key.password", PASSWORD);
        greenMail = new GreenMail(Arrays.stream(ServerSetupTest.ALL).map(ServerSetup::dynamicPort)
                .toArray(ServerSetup[]::new));
        greenMail.start();
        trust = TlsTrust.withExtraCertificates(TestCertificates.pem(certificate));
    }

    @AfterAll
    static void stop() {
        greenMail.stop();
    }

    private static Connector local() {
        return new Connector(TestJobs.localGuard());
    }

    private static SmtpCheckExecutor smtp(TargetGuard guard) {
        return new SmtpCheckExecutor(new Connector(guard), trust, Clock.systemUTC());
    }

    @Test
    void smtpImapAndPop3GreetingsInPlainText() {
        CheckOutcome smtp = smtp(TestJobs.localGuard()).execute(TestJobs.job(
                new SmtpCheck("127.0.0.1", greenMail.getSmtp().getPort(), MailTls.NONE, 14), 5000));
        CheckOutcome imap = new ImapCheckExecutor(local(), trust, Clock.systemUTC()).execute(TestJobs.job(
                new ImapCheck("localhost", greenMail.getImap().getPort(), MailTls.NONE, 14), 5000));
        CheckOutcome pop3 = new Pop3CheckExecutor(local(), trust, Clock.systemUTC()).execute(TestJobs.job(
                new Pop3Check("127.0.0.1", greenMail.getPop3().getPort(), MailTls.NONE, 14), 5000));

        assertThat(smtp.ok()).as(smtp.message()).isTrue();
        assertThat(smtp.message()).startsWith("SMTP greeting: 220 ");
        assertThat(smtp.timings().firstByteMs()).isNotNull();
        assertThat(smtp.tlsDaysLeft()).isNull();
        assertThat(imap.ok()).as(imap.message()).isTrue();
        assertThat(imap.message()).startsWith("IMAP greeting: * OK");
        assertThat(pop3.ok()).as(pop3.message()).isTrue();
        assertThat(pop3.message()).startsWith("POP3 greeting: +OK");
    }

    @Test
    void implicitTlsVerifiesTheCertificateAndReportsItsDaysLeft() {
        CheckOutcome smtps = smtp(TestJobs.localGuard()).execute(TestJobs.job(
                new SmtpCheck("127.0.0.1", greenMail.getSmtps().getPort(), MailTls.IMPLICIT, 14), 5000));
        CheckOutcome imaps = new ImapCheckExecutor(local(), trust, Clock.systemUTC()).execute(TestJobs.job(
                new ImapCheck("localhost", greenMail.getImaps().getPort(), MailTls.IMPLICIT, 14), 5000));
        CheckOutcome pop3s = new Pop3CheckExecutor(local(), trust, Clock.systemUTC()).execute(TestJobs.job(
                new Pop3Check("127.0.0.1", greenMail.getPop3s().getPort(), MailTls.IMPLICIT, 14), 5000));

        for (CheckOutcome outcome : new CheckOutcome[] {smtps, imaps, pop3s}) {
            assertThat(outcome.ok()).as(outcome.message()).isTrue();
            assertThat(outcome.tlsDaysLeft()).isBetween(29, 30);
            assertThat(outcome.timings().tlsMs()).isNotNull();
            assertThat(outcome.message()).contains("certificate valid until");
        }
    }

    @Test
    void aCertificateExpiringSoonerThanRequiredIsDown() {
        CheckOutcome outcome = new ImapCheckExecutor(local(), trust, Clock.systemUTC()).execute(TestJobs.job(
                new ImapCheck("127.0.0.1", greenMail.getImaps().getPort(), MailTls.IMPLICIT, 60), 5000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.TLS);
        assertThat(outcome.message()).contains("IMAP TLS certificate expires in").contains("fewer than the 60");
        assertThat(outcome.tlsDaysLeft()).isBetween(29, 30);
    }

    @Test
    void anUntrustedCertificateIsDown() {
        Pop3CheckExecutor jdkTrustOnly = new Pop3CheckExecutor(local(), TlsTrust.withExtraCertificates(null),
                Clock.systemUTC());

        CheckOutcome outcome = jdkTrustOnly.execute(TestJobs.job(
                new Pop3Check("127.0.0.1", greenMail.getPop3s().getPort(), MailTls.IMPLICIT, 1), 5000));

        assertThat(outcome.error()).isEqualTo(ErrorKind.TLS);
        assertThat(outcome.message()).contains("not trusted");
        assertThat(outcome.tlsDaysLeft()).isBetween(29, 30);
    }

    @Test
    void startTlsUpgradesTheSessionAndVerifiesTheCertificate() throws Exception {
        try (StartTlsSmtpServer server = new StartTlsSmtpServer(TestCertificates.server(certificate).sslContext())) {
            CheckOutcome outcome = smtp(TestJobs.localGuard()).execute(TestJobs.job(
                    new SmtpCheck("localhost", server.port(), MailTls.STARTTLS, 14), 5000));

            assertThat(outcome.ok()).as(outcome.message()).isTrue();
            assertThat(outcome.message()).startsWith("SMTP greeting: 220 mail.test ESMTP ready; TLSv1.3")
                    .contains("(29 days)");
            assertThat(outcome.tlsDaysLeft()).isBetween(29, 30);
            assertThat(server.commands).hasSize(3);
            assertThat(server.commands.get(0)).matches("EHLO \\[(127\\.0\\.0\\.1|IPv6:.+)]");
            assertThat(server.commands.subList(1, 3)).containsExactly("STARTTLS", "QUIT");
        }
    }

    @Test
    void startTlsThatTheServerDoesNotOfferFailsSayingSo() {
        CheckOutcome smtp = smtp(TestJobs.localGuard()).execute(TestJobs.job(
                new SmtpCheck("127.0.0.1", greenMail.getSmtp().getPort(), MailTls.STARTTLS, 14), 5000));
        CheckOutcome imap = new ImapCheckExecutor(local(), trust, Clock.systemUTC()).execute(TestJobs.job(
                new ImapCheck("127.0.0.1", greenMail.getImap().getPort(), MailTls.STARTTLS, 14), 5000));
        CheckOutcome pop3 = new Pop3CheckExecutor(local(), trust, Clock.systemUTC()).execute(TestJobs.job(
                new Pop3Check("127.0.0.1", greenMail.getPop3().getPort(), MailTls.STARTTLS, 14), 5000));

        assertThat(smtp.error()).isEqualTo(ErrorKind.TLS);
        assertThat(smtp.message()).isEqualTo("SMTP the server does not offer STARTTLS (not in its EHLO reply)");
        assertThat(imap.error()).isEqualTo(ErrorKind.TLS);
        assertThat(imap.message()).startsWith("IMAP the server refused STARTTLS: v1 ");
        assertThat(pop3.error()).isEqualTo(ErrorKind.TLS);
        assertThat(pop3.message()).startsWith("POP3 the server refused STLS (STARTTLS): -ERR");
    }

    @Test
    void implicitTlsAgainstAPlainPortFailsTheHandshake() {
        CheckOutcome outcome = smtp(TestJobs.localGuard()).execute(TestJobs.job(
                new SmtpCheck("127.0.0.1", greenMail.getSmtp().getPort(), MailTls.IMPLICIT, 14), 5000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isIn(ErrorKind.TLS, ErrorKind.TIMEOUT);
    }

    @Test
    void aServerThatNeverGreetsTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CheckOutcome outcome = smtp(TestJobs.localGuard()).execute(TestJobs.job(
                    new SmtpCheck("127.0.0.1", silent.getLocalPort(), MailTls.NONE, 14), 500));

            assertThat(outcome.error()).isEqualTo(ErrorKind.TIMEOUT);
            assertThat(outcome.message()).startsWith("SMTP reading the greeting: no answer from");
        }
    }

    @Test
    void anHttpServerIsNotAMailServer() throws Exception {
        try (ServerSocket http = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread answering = Thread.ofVirtual().start(() -> {
                try (var socket = http.accept()) {
                    socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
                } catch (IOException e) {
                    // closed
                }
            });
            CheckOutcome outcome = smtp(TestJobs.localGuard()).execute(TestJobs.job(
                    new SmtpCheck("127.0.0.1", http.getLocalPort(), MailTls.NONE, 14), 2000));
            answering.join(2000);

            assertThat(outcome.error()).isEqualTo(ErrorKind.CONNECTION);
            assertThat(outcome.message()).isEqualTo("SMTP reading the greeting: the server did not greet with 220: "
                    + "HTTP/1.1 400 Bad Request");
        }
    }

    @Test
    void loopbackIsRefusedInSaasMode() {
        CheckOutcome outcome = smtp(TestJobs.saasGuard()).execute(TestJobs.job(
                new SmtpCheck("localhost", greenMail.getSmtp().getPort(), MailTls.NONE, 14), 5000));

        assertThat(outcome.error()).isEqualTo(ErrorKind.BLOCKED);
    }
}
