package dev.vigil.api.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiEndpoints;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Recurring maintenance windows through the API, on the real database: validation, storage, occurrences, pages. */
@ApiServiceTest
class RecurringMaintenanceApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private static String monitor(ApiClient api, String name) {
        return api.post("/api/v1/monitors", ApiEndpoints.httpMonitor(name)).json().get("id").asString();
    }

    private static Map<String, Object> weekly(String monitor, Map<String, Object> extra) {
        Map<String, Object> request = new HashMap<>(Map.of("title", "Weekly patching", "monitorIds",
                List.of(monitor), "startsAt", "2026-03-03T02:00:00+01:00", "endsAt", "2026-03-03T04:00:00+01:00",
                "recurrence", "FREQ=WEEKLY;BYDAY=TU", "timeZone", "Europe/Berlin"));
        request.putAll(extra);
        return request;
    }

    @Test
    void aWeeklyWindowIsStoredWithItsZoneAndAnswersItsNextOccurrences() {
        ApiClient api = new ApiClient(port).signUp();
        String monitor = monitor(api, "Shop");

        ApiClient.Response created = api.post("/api/v1/maintenances", weekly(monitor, Map.of()));

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        JsonNode window = created.json();
        assertThat(window.get("recurrence").asString()).isEqualTo("FREQ=WEEKLY;BYDAY=TU");
        assertThat(window.get("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(window.get("checks").asString()).isEqualTo("RUN");
        assertThat(window.get("status").asString()).isIn("scheduled", "in_progress");
        JsonNode next = window.get("nextOccurrences");
        assertThat(next.size()).isEqualTo(5);
        for (JsonNode occurrence : next) {
            Instant start = Instant.parse(occurrence.get("startsAt").asString());
            assertThat(start.atZone(java.time.ZoneId.of("Europe/Berlin")).getDayOfWeek())
                    .isEqualTo(java.time.DayOfWeek.TUESDAY);
            assertThat(start.atZone(java.time.ZoneId.of("Europe/Berlin")).getHour()).isEqualTo(2);
            assertThat(Duration.between(start, Instant.parse(occurrence.get("endsAt").asString())))
                    .isEqualTo(Duration.ofHours(2));
        }
        // A series without an end is never "completed": it is listed although its first occurrence is long past.
        assertThat(api.get("/api/v1/maintenances").json().get("items").size()).isEqualTo(1);
        String id = window.get("id").asString();
        ApiClient.Response paused = api.send("PATCH", "/api/v1/maintenances/" + id, "application/json",
                ApiClient.json(Map.of("checks", "PAUSE")));
        assertThat(paused.json().get("checks").asString()).isEqualTo("PAUSE");
        assertThat(paused.json().get("recurrence").asString()).isEqualTo("FREQ=WEEKLY;BYDAY=TU");
        assertThat(jdbc.sql("SELECT series_ends_at IS NULL FROM maintenance_windows WHERE id = ?::uuid").param(id)
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void aCountedSeriesEndsAndIsThenCompleted() {
        ApiClient api = new ApiClient(port).signUp();
        ApiClient.Response created = api.post("/api/v1/maintenances", weekly(monitor(api, "Shop"),
                Map.of("recurrence", "FREQ=DAILY;COUNT=3")));

        assertThat(created.json().get("status").asString()).isEqualTo("completed");
        assertThat(created.json().get("nextOccurrences").size()).isZero();
        assertThat(jdbc.sql("SELECT series_ends_at FROM maintenance_windows WHERE id = ?::uuid")
                .param(created.json().get("id").asString()).query(java.sql.Timestamp.class).single().toInstant())
                .isEqualTo(Instant.parse("2026-03-05T03:00:00Z"));
    }

    @Test
    void badRulesZonesAndChecksAreNamedAndNothingIsStored() {
        Tenant tenant = Tenant.create(port);
        String monitor = monitor(tenant.owner(), "Shop");

        ApiClient.Response hourly = tenant.owner().post("/api/v1/maintenances",
                weekly(monitor, Map.of("recurrence", "FREQ=HOURLY")));
        ApiClient.Response garbage = tenant.owner().post("/api/v1/maintenances",
                weekly(monitor, Map.of("recurrence", "FREQ=WEEKLY;BYDAY=XX", "timeZone", "Mars/Olympus",
                        "checks", "SOMETIMES")));
        Map<String, Object> zoneOnly = weekly(monitor, Map.of());
        zoneOnly.remove("recurrence");
        ApiClient.Response zoneWithoutRule = tenant.owner().post("/api/v1/maintenances", zoneOnly);
        ApiClient.Response byViewer = tenant.viewer().post("/api/v1/maintenances", weekly(monitor, Map.of()));

        assertThat(hourly.status()).isEqualTo(400);
        assertThat(hourly.errorFor("recurrence")).contains("DAILY, WEEKLY or MONTHLY");
        assertThat(garbage.errorFields()).contains("timeZone", "checks");
        assertThat(zoneWithoutRule.errorFields()).containsExactly("timeZone");
        assertThat(byViewer.status()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM maintenance_windows WHERE workspace_id = ?")
                .param(tenant.workspaceId()).query(Long.class).single()).isZero();

        ApiClient.Response badRule = tenant.owner().post("/api/v1/maintenances",
                weekly(monitor, Map.of("recurrence", "FREQ=WEEKLY;BYDAY=XX")));
        assertThat(badRule.errorFields()).containsExactly("recurrence");
    }

    @Test
    void aStatusPageAnnouncesTheUpcomingOccurrences() {
        ApiClient api = new ApiClient(port).signUp();
        String monitor = monitor(api, "Shop");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // Daily from tomorrow, one hour: the page lists the next five occurrences, not sixty.
        assertThat(api.post("/api/v1/maintenances", Map.of("title", "Nightly vacuum", "monitorIds", List.of(monitor),
                "startsAt", now.plus(Duration.ofDays(1)).toString(),
                "endsAt", now.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)).toString(),
                "recurrence", "FREQ=DAILY", "timeZone", "UTC")).status()).isEqualTo(201);
        String slug = "rec-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/v1/status-pages", Map.of("slug", slug, "title", "Shop", "components",
                List.of(Map.of("name", "Shop", "monitorId", monitor)))).status()).isEqualTo(201);

        JsonNode summary = new ApiClient(port).get("/status/" + slug + "/summary.json").json();

        List<JsonNode> maintenances = summary.get("scheduledMaintenances").valueStream().toList();
        assertThat(maintenances).hasSize(5).allSatisfy(m -> {
            assertThat(m.get("name").asString()).isEqualTo("Nightly vacuum");
            assertThat(m.get("status").asString()).isEqualTo("scheduled");
        });
        assertThat(Instant.parse(maintenances.get(1).get("scheduledFor").asString()))
                .isEqualTo(now.plus(Duration.ofDays(2)));
        // The page people read lists the same five.
        String page = new ApiClient(port).get("/status/" + slug).body();
        assertThat(page).contains("id=\"maintenance\"");
        assertThat(page.split("<strong>Nightly vacuum</strong>", -1)).hasSize(6);
    }
}
