package dev.vigil.api.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiEndpoints;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Statuspage-compatible documents ({@code /status/{slug}/api/v2/...}) against a fixture written from Atlassian
 * Statuspage's documented example response: every documented field is present with the documented JSON type, and the
 * status words are Statuspage's.
 */
@ApiServiceTest
class StatuspageCompatibleIT {

    private static final Set<String> INDICATORS = Set.of("none", "minor", "major", "critical");
    private static final Set<String> COMPONENT_STATUSES = Set.of("operational", "degraded_performance",
            "partial_outage", "major_outage", "under_maintenance");

    @LocalServerPort
    int port;

    @Test
    void summaryHasEveryDocumentedFieldWithItsType() throws IOException {
        ApiClient owner = Tenant.create(port).owner();
        ApiClient anonymous = new ApiClient(port);
        String monitor = owner.post("/api/v1/monitors", ApiEndpoints.httpMonitor("API")).json().get("id")
                .asString();
        String slug = "sp-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode page = Tenant.require(owner.post("/api/v1/status-pages", Map.of("slug", slug, "title", "Acme",
                "components", List.of(Map.of("name", "API", "monitorId", monitor, "group", "Core")))), 201).json();
        String component = page.get("components").get(0).get("id").asString();
        String incident = Tenant.require(owner.post("/api/v1/incidents", Map.of("title", "Errors", "severity",
                "major", "message", "Looking.", "components", List.of(Map.of("componentId", component,
                        "impact", "partial_outage")))), 201).json().get("id").asString();
        Tenant.require(owner.post("/api/v1/incidents/" + incident + "/updates", Map.of("status", "monitoring",
                "message", "Fix deployed.")), 201);
        Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Tenant.require(owner.post("/api/v1/maintenances", Map.of("title", "Upgrade", "description", "Database",
                "monitorIds", List.of(monitor), "startsAt", start.toString(),
                "endsAt", start.plus(1, ChronoUnit.HOURS).toString())), 201);

        JsonNode ours = anonymous.get("/status/" + slug + "/api/v2/summary.json").json();
        JsonNode documented;
        try (InputStream in = getClass().getResourceAsStream("/statuspage/summary-v2-documented.json")) {
            documented = JsonMapper.builder().build().readTree(in);
        }
        List<String> mismatches = new ArrayList<>();
        compare(documented, ours, "", mismatches);
        assertThat(mismatches).isEmpty();

        assertThat(INDICATORS).contains(ours.get("status").get("indicator").asString());
        assertThat(ours.get("status").get("indicator").asString()).isEqualTo("major");
        ours.get("components").valueStream()
                .forEach(c -> assertThat(COMPONENT_STATUSES).contains(c.get("status").asString()));
        JsonNode group = ours.get("components").get(0);
        assertThat(group.get("group").asBoolean()).isTrue();
        assertThat(group.get("components").get(0).asString()).isEqualTo(component);
        assertThat(ours.get("components").get(1).get("group_id").asString()).isEqualTo(group.get("id").asString());
        assertThat(ours.get("components").get(1).get("status").asString()).isEqualTo("partial_outage");
        assertThat(ours.get("incidents").get(0).get("impact").asString()).isEqualTo("major");
        assertThat(ours.get("incidents").get(0).get("status").asString()).isEqualTo("monitoring");
        assertThat(ours.get("scheduled_maintenances").get(0).get("impact").asString()).isEqualTo("maintenance");

        // The smaller documents carry the page and their part, in the same shapes.
        for (String[] doc : List.of(new String[] {"status.json", "status"},
                new String[] {"components.json", "components"}, new String[] {"incidents.json", "incidents"},
                new String[] {"incidents/unresolved.json", "incidents"},
                new String[] {"scheduled-maintenances.json", "scheduled_maintenances"},
                new String[] {"scheduled-maintenances/upcoming.json", "scheduled_maintenances"},
                new String[] {"scheduled-maintenances/active.json", "scheduled_maintenances"})) {
            ApiClient.Response response = anonymous.get("/status/" + slug + "/api/v2/" + doc[0]);
            assertThat(response.status()).as(doc[0]).isEqualTo(200);
            JsonNode json = response.json();
            assertThat(json.propertyNames()).as(doc[0]).containsExactlyInAnyOrder("page", doc[1]);
            List<String> problems = new ArrayList<>();
            compare(documented.get("page"), json.get("page"), doc[0] + ".page", problems);
            if (!json.get(doc[1]).isArray() || !json.get(doc[1]).isEmpty()) {
                compare(documented.get(doc[1]), json.get(doc[1]), doc[0] + "." + doc[1], problems);
            }
            assertThat(problems).isEmpty();
        }
        assertThat(anonymous.get("/status/" + slug + "/api/v2/scheduled-maintenances/active.json").json()
                .get("scheduled_maintenances").size()).isZero();
        assertThat(anonymous.get("/status/" + slug + "/api/v2/scheduled-maintenances/upcoming.json").json()
                .get("scheduled_maintenances").size()).isEqualTo(1);
        // Vigil's own summary.json keeps its camelCase shape.
        JsonNode vigil = anonymous.get("/status/" + slug + "/summary.json").json();
        assertThat(vigil.has("scheduledMaintenances")).isTrue();
        assertThat(vigil.get("page").has("slug")).isTrue();
    }

    /** Every field of {@code documented} in {@code ours}, of the same JSON type (null: string or null). */
    private static void compare(JsonNode documented, JsonNode ours, String path, List<String> mismatches) {
        if (ours == null) {
            mismatches.add(path + " missing");
            return;
        }
        if (documented.isNull()) {
            if (!ours.isNull() && !ours.isString()) {
                mismatches.add(path + " should be a string or null, is " + ours.getNodeType());
            }
            return;
        }
        if (documented.getNodeType() != ours.getNodeType()) {
            mismatches.add(path + " should be " + documented.getNodeType() + ", is " + ours.getNodeType());
            return;
        }
        if (documented.isObject()) {
            for (String field : documented.propertyNames()) {
                if (!field.startsWith("_")) {
                    compare(documented.get(field), ours.get(field), path + "." + field, mismatches);
                }
            }
        } else if (documented.isArray() && !documented.isEmpty()) {
            if (ours.isEmpty()) {
                mismatches.add(path + " is empty; the test needs an element to compare");
            }
            for (int i = 0; i < ours.size(); i++) {
                compare(documented.get(0), ours.get(i), path + "[" + i + "]", mismatches);
            }
        }
    }
}
