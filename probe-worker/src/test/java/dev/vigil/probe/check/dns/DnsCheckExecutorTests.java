package dev.vigil.probe.check.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.check.Assertion;
import dev.vigil.common.check.AssertionSource;
import dev.vigil.common.check.Comparison;
import dev.vigil.common.check.DnsCheck;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.net.DnsCheckResolvers;
import dev.vigil.common.testing.TestDnsServer;
import dev.vigil.probe.support.TestJobs;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** DNS checks against a DNS server started by the test on loopback. */
class DnsCheckExecutorTests {

    private static TestDnsServer dns;
    private final DnsCheckExecutor executor = new DnsCheckExecutor(TestJobs.localGuard());

    @BeforeAll
    static void startServer() throws Exception {
        dns = TestDnsServer.start()
                .add("www.vigil.test.", Type.A, "192.0.2.10")
                .add("www.vigil.test.", Type.A, "192.0.2.11")
                .add("www.vigil.test.", Type.AAAA, "2001:db8::10")
                .add("alias.vigil.test.", Type.CNAME, "www.vigil.test.")
                .add("vigil.test.", Type.MX, "10 mail.vigil.test.")
                .add("vigil.test.", Type.MX, "20 backup.vigil.test.")
                .add("vigil.test.", Type.TXT, "\"v=spf1 -all\"")
                .add("vigil.test.", Type.NS, "ns1.vigil.test.");
    }

    @AfterAll
    static void stopServer() throws Exception {
        dns.close();
    }

    private CheckOutcome query(String host, String type, Assertion... assertions) {
        return executor.execute(TestJobs.job(new DnsCheck(host, type, dns.address(), List.of(assertions)), 2000));
    }

    @Test
    void anAnswerIsUpAndListsTheRecords() {
        CheckOutcome outcome = query("www.vigil.test", "A");

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.message()).isEqualTo("A www.vigil.test: 192.0.2.10, 192.0.2.11");
        assertThat(outcome.timings().dnsMs()).isNotNull();
    }

    @Test
    void everyRecordTypeIsAnsweredAndAsserted() {
        assertThat(query("www.vigil.test", "AAAA",
                Assertion.of(AssertionSource.DNS_ANSWER, Comparison.EQUALS, "2001:db8::10")).ok()).isTrue();
        assertThat(query("alias.vigil.test", "CNAME",
                Assertion.of(AssertionSource.DNS_ANSWER, Comparison.EQUALS, "www.vigil.test.")).ok()).isTrue();
        assertThat(query("vigil.test", "MX",
                Assertion.of(AssertionSource.DNS_ANSWER, Comparison.CONTAINS, "backup.vigil.test"),
                Assertion.of(AssertionSource.DNS_ANSWER, Comparison.GREATER_THAN, "1")).ok()).isTrue();
        assertThat(query("vigil.test", "TXT",
                Assertion.of(AssertionSource.DNS_ANSWER, Comparison.MATCHES, "^v=spf1 ")).ok()).isTrue();
        assertThat(query("vigil.test", "NS",
                Assertion.of(AssertionSource.DNS_ANSWER, Comparison.EQUALS, "NS1.vigil.test")).ok()).isTrue();
    }

    @Test
    void aFailedAnswerAssertionSaysWhatWasSeen() {
        CheckOutcome outcome = query("www.vigil.test", "A",
                Assertion.of(AssertionSource.DNS_ANSWER, Comparison.EQUALS, "192.0.2.99"));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.ASSERTION);
        assertThat(outcome.message()).isEqualTo(
                "expected a DNS answer to equal \"192.0.2.99\" but the values were [192.0.2.10, 192.0.2.11]");
    }

    @Test
    void anUnknownNameIsNxdomain() {
        CheckOutcome outcome = query("nothing.vigil.test", "A");

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.DNS);
        assertThat(outcome.message()).startsWith("NXDOMAIN");
    }

    @Test
    void aNameWithoutRecordsOfTheTypeIsDown() {
        CheckOutcome outcome = query("alias.vigil.test", "A");

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).isEqualTo("no A records for alias.vigil.test");
    }

    @Test
    void aSilentResolverTimesOut() {
        dns.silent(true);
        try {
            CheckOutcome outcome = executor.execute(TestJobs.job(new DnsCheck("www.vigil.test", "A", dns.address(),
                    List.of()), 500));

            assertThat(outcome.ok()).isFalse();
            assertThat(outcome.error()).isEqualTo(ErrorKind.TIMEOUT);
        } finally {
            dns.silent(false);
        }
    }

    @Test
    void anUnsupportedRecordTypeIsRefusedClearly() {
        CheckOutcome outcome = query("vigil.test", "SRV");

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).contains("not supported");
    }

    @Test
    void aCheckNamingNoResolverAsksTheConfiguredOnesNotTheMachines() {
        DnsCheckExecutor saas = new DnsCheckExecutor(TestJobs.saasGuard(),
                DnsCheckResolvers.of(List.of(dns.socketAddress())));
        int before = dns.queries("www.vigil.test");

        CheckOutcome outcome = saas.execute(TestJobs.job(new DnsCheck("www.vigil.test", "A", null, List.of()), 2000));

        assertThat(outcome.ok()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).isEqualTo("A www.vigil.test: 192.0.2.10, 192.0.2.11");
        assertThat(dns.queries("www.vigil.test")).isEqualTo(before + 1);
    }

    @Test
    void anInternalResolverIsRefusedInSaasMode() {
        DnsCheckExecutor saas = new DnsCheckExecutor(TestJobs.saasGuard());

        CheckOutcome outcome = saas.execute(TestJobs.job(new DnsCheck("www.vigil.test", "A", dns.address(),
                List.of()), 2000));

        assertThat(outcome.error()).isEqualTo(ErrorKind.BLOCKED);
        assertThat(outcome.message()).contains("resolver refused");
    }
}
