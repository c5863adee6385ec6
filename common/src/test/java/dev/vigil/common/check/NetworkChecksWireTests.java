package dev.vigil.common.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.json.WireJson;
import dev.vigil.common.message.CheckJob;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 17's network check records travel in jobs (and are stored) as JSON named by their type. */
class NetworkChecksWireTests {

    static Stream<CheckSpec> networkChecks() {
        return Stream.of(
                new PingCheck("192.0.2.1", 5, 20),
                new UdpCheck("game.example.com", 27015, "c0ffee", UdpCheck.HEX,
                        List.of(Assertion.of(AssertionSource.BODY, Comparison.MATCHES, "^ff"))),
                new DomainCheck("example.com", 30),
                new SmtpCheck("mx.example.com", 587, MailTls.STARTTLS, 14),
                new ImapCheck("imap.example.com", 993, MailTls.IMPLICIT, 21),
                new Pop3Check("pop.example.com", 110, MailTls.NONE, 14));
    }

    @ParameterizedTest
    @MethodSource("networkChecks")
    void roundTripsInACheckJob(CheckSpec spec) {
        CheckJob job = CheckJob.scheduled(UUID.randomUUID(), UUID.randomUUID(), Instant.parse("2026-01-01T00:00:30Z"),
                "local-a", spec, 5000, null, 60, List.of("local-a"), 0, Instant.now());

        String json = WireJson.write(job);

        assertThat(json).contains("\"type\":\"" + spec.type() + "\"");
        assertThat(WireJson.read(json, CheckJob.class)).isEqualTo(job);
        assertThat(WireJson.read(json, CheckJob.class).check().target()).isEqualTo(spec.target());
    }
}
