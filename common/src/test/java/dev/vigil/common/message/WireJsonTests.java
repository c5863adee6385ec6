package dev.vigil.common.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.check.Assertion;
import dev.vigil.common.check.AssertionSource;
import dev.vigil.common.check.CheckSpec;
import dev.vigil.common.check.Comparison;
import dev.vigil.common.check.DnsCheck;
import dev.vigil.common.check.HeartbeatCheck;
import dev.vigil.common.check.HttpCheck;
import dev.vigil.common.check.PluginCheck;
import dev.vigil.common.check.TcpCheck;
import dev.vigil.common.check.TlsCheck;
import dev.vigil.common.json.WireJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WireJsonTests {

    static Stream<CheckSpec> everyCheckType() {
        return Stream.of(
                new HttpCheck("https://example.com/health", "POST", Map.of("Accept", "application/json"), "{}", false,
                        List.of(new Assertion(AssertionSource.JSON_PATH, "$.status", Comparison.EQUALS, "up"))),
                new TcpCheck("db.example.com", 5432),
                new DnsCheck("example.com", "MX", "1.1.1.1",
                        List.of(Assertion.of(AssertionSource.DNS_ANSWER, Comparison.CONTAINS, "mx1"))),
                new TlsCheck("example.com", 443, 14),
                new HeartbeatCheck(300, 60),
                new PluginCheck("check_dummy", List.of("0", "all good")));
    }

    @ParameterizedTest
    @MethodSource("everyCheckType")
    void checkJobRoundTripsWithEveryCheckType(CheckSpec spec) {
        CheckJob job = CheckJob.scheduled(UUID.randomUUID(), UUID.randomUUID(), Instant.parse("2026-01-01T00:00:30Z"),
                "local-a", spec, 5000, 1500, 60, List.of("local-a", "local-b"), 1, Instant.now());

        String json = WireJson.write(job);

        assertThat(json).contains("\"type\":\"" + spec.type() + "\"");
        assertThat(WireJson.read(json, CheckJob.class)).isEqualTo(job);
    }

    @Test
    void checkResultRoundTrips() {
        Assertion assertion = Assertion.of(AssertionSource.STATUS_CODE, Comparison.EQUALS, "200");
        CheckResult result = new CheckResult(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), "local-b", JobKind.CONFIRM, Instant.parse("2026-01-01T00:00:30Z"),
                Instant.parse("2026-01-01T00:00:30.120Z"), false, false, 812, new PhaseTimings(3L, 10L, 40L, 700L),
                503, ErrorKind.ASSERTION, "expected status 200 but was 503",
                List.of(AssertionOutcome.failed(assertion, "503", "expected status 200 but was 503")),
                List.of(new PerfDatum("time", 0.8, "s", "1", "2", 0.0, null)), 30, 1024L, 2);

        assertThat(WireJson.read(WireJson.write(result), CheckResult.class)).isEqualTo(result);
        assertThat(result.cause()).isEqualTo("expected status 200 but was 503");
    }

    @Test
    void readersTolerateFieldsAndErrorKindsTheyDoNotKnow() {
        String fromNewerProbe = """
                {"jobId":"%s","roundId":"%s","monitorId":"%s","workspaceId":"%s","region":"local-a",
                 "kind":"SCHEDULED","scheduledAt":"2026-01-01T00:00:00Z","startedAt":"2026-01-01T00:00:00Z",
                 "ok":false,"latencyMs":5,"error":"QUANTUM_DECOHERENCE","newField":{"x":1}}
                """.formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

        CheckResult result = WireJson.read(fromNewerProbe, CheckResult.class);

        assertThat(result.error()).isEqualTo(ErrorKind.INTERNAL);
        assertThat(result.timings()).isEqualTo(PhaseTimings.NONE);
        assertThat(result.assertions()).isEmpty();
    }

    @Test
    void jobIdsAreDeterministicPerRoundRegionAndKind() {
        UUID monitor = UUID.randomUUID();
        Instant at = Instant.parse("2026-01-01T00:01:00Z");
        UUID round = JobIds.round(monitor, at);

        assertThat(JobIds.round(monitor, at)).isEqualTo(round);
        assertThat(JobIds.round(monitor, at.plusSeconds(60))).isNotEqualTo(round);
        assertThat(JobIds.job(round, "local-a", JobKind.SCHEDULED))
                .isEqualTo(JobIds.job(round, "local-a", JobKind.SCHEDULED))
                .isNotEqualTo(JobIds.job(round, "local-b", JobKind.SCHEDULED))
                .isNotEqualTo(JobIds.job(round, "local-a", JobKind.CONFIRM));
    }

    @Test
    void confirmationKeepsTheRoundAndNamesTheFailedRegion() {
        CheckJob job = CheckJob.scheduled(UUID.randomUUID(), UUID.randomUUID(), Instant.parse("2026-01-01T00:00:00Z"),
                "local-a", HttpCheck.get("http://x"), 1000, null, 30, List.of("local-a", "local-b", "local-c"), 1,
                Instant.now());

        CheckJob confirm = job.confirmationIn("local-c", Instant.now());

        assertThat(job.otherRegions()).containsExactly("local-b", "local-c");
        assertThat(confirm.roundId()).isEqualTo(job.roundId());
        assertThat(confirm.kind()).isEqualTo(JobKind.CONFIRM);
        assertThat(confirm.region()).isEqualTo("local-c");
        assertThat(confirm.failedRegion()).isEqualTo("local-a");
        assertThat(confirm.jobId()).isNotEqualTo(job.jobId());
    }

    @Test
    void aJobIsStaleOnceItsIntervalHasPassed() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        CheckJob job = CheckJob.scheduled(UUID.randomUUID(), UUID.randomUUID(), at, "local-a",
                HttpCheck.get("http://x"), 1000, null, 60, List.of("local-a"), 0, at);

        assertThat(job.isStaleAt(at.plusSeconds(59))).isFalse();
        assertThat(job.isStaleAt(at.plusSeconds(61))).isTrue();
    }

    @Test
    void aMessageBodyIsReadAsOneItemOrAsAPackOfThem() {
        CheckJob first = CheckJob.scheduled(UUID.randomUUID(), UUID.randomUUID(), Instant.parse("2026-03-01T10:00:00Z"),
                "local-a", new TcpCheck("db.example.com", 5432), 5000, null, 60, List.of("local-a", "local-b"), 1,
                Instant.parse("2026-03-01T10:00:00.050Z"));
        CheckJob second = first.confirmationIn("local-b", Instant.parse("2026-03-01T10:00:02Z"));

        assertThat(WireJson.readList(WireJson.write(first), CheckJob.class)).containsExactly(first);
        assertThat(WireJson.readList(" [" + WireJson.write(first) + "," + WireJson.write(second) + "]", CheckJob.class))
                .containsExactly(first, second);
    }
}
