package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Incident communication from the terminal against a real api-service: a declared incident on two status-page
 * components named by name goes from investigating to resolved with updates that change the public page, gets a
 * postmortem (a script in its Markdown never reaches the page) published only when asked, and a monitor's incident
 * gets a title of its own and is linked to it; bad input, a viewer key and another workspace change nothing.
 */
class IncidentCommandsIT extends CliTestBase {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aDeclaredIncidentGoesFromInvestigatingToResolvedWithAPostmortemFromTheTerminal() throws Exception {
        String key = signUp();
        String slug = "cli-inc-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "cli-other-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(vigil(key, Map.of(), "apply", "-f", file("vigil.yaml", """
                version: 1
                monitors:
                  - {key: api, name: API, type: HTTP, url: "https://example.com/api", paused: true}
                  - {key: db, name: DB, type: TCP, host: db.example.com, port: 5432, paused: true}
                statusPages:
                  - key: public
                    slug: %s
                    title: Shop status
                    components:
                      - {name: Public API, monitor: api}
                      - {name: Data store, monitor: db}
                  - key: partners
                    slug: %s
                    title: Partner status
                    components:
                      - {name: Public API, monitor: api}
                """.formatted(slug, other)).toString()).exit()).isZero();

        // 1. Declared on two components by name; "Public API" is on both pages, so it is named SLUG/NAME.
        Run ambiguous = vigil(key, Map.of(), "incidents", "declare", "-t", "Checkout failures", "--severity", "major",
                "-m", "Customers see errors.", "-c", "Public API=partial_outage");
        Run declared = vigil(key, Map.of(), "incidents", "declare", "-t", "Checkout failures", "--severity", "major",
                "-m", "Customers see errors.", "-c", slug + "/Public API=partial_outage",
                "-c", "Data store=degraded_performance", "--output", "json");
        assertThat(ambiguous.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(ambiguous.err()).contains(slug + "/Public API", other + "/Public API");
        assertThat(declared.exit()).as(declared.err()).isZero();
        JsonNode incident = declared.json();
        String id = incident.get("id").asString();
        assertThat(incident.get("kind").asString()).isEqualTo("DECLARED");
        assertThat(impacts(incident)).isEqualTo(Map.of("Public API", "partial_outage",
                "Data store", "degraded_performance"));
        JsonNode page = statuspage(slug);
        assertThat(page.at("/status/indicator").asString()).isEqualTo("major");
        assertThat(componentStatuses(page)).isEqualTo(Map.of("Public API", "partial_outage",
                "Data store", "degraded_performance"));
        assertThat(page.at("/incidents/0/name").asString()).isEqualTo("Checkout failures");
        assertThat(page.at("/incidents/0/status").asString()).isEqualTo("investigating");

        // 2. Identified: the data store is down now.
        Run identified = vigil(key, Map.of(), "incidents", "update", id, "-s", "identified", "-m",
                "A storage node failed.", "-c", "Data store=major_outage");
        assertThat(identified.exit()).as(identified.err()).isZero();
        assertThat(identified.out()).contains("identified", "A storage node failed.", "major_outage");
        page = statuspage(slug);
        assertThat(componentStatuses(page)).containsEntry("Data store", "major_outage");
        assertThat(page.at("/incidents/0/status").asString()).isEqualTo("identified");

        // 3. Listed as declared, shown with its story, and resolved: the page is operational again.
        Run listed = vigil(key, Map.of(), "incidents", "list", "--kind", "DECLARED");
        assertThat(listed.out().lines().toList().get(1)).contains(id, "(declared)", "Checkout failures", "OPEN");
        Run postmortemTooEarly = vigil(key, Map.of(), "incidents", "postmortem", id, "-f",
                file("early.md", "# Too early").toString());
        assertThat(postmortemTooEarly.exit()).isEqualTo(ExitCodes.CONFLICT);
        Run resolved = vigil(key, Map.of(), "incidents", "resolve", id, "-m", "Fixed and verified.");
        assertThat(resolved.exit()).as(resolved.err()).isZero();
        assertThat(resolved.out()).contains("RESOLVED", "Public API: operational", "Data store: operational");
        page = statuspage(slug);
        assertThat(page.at("/status/indicator").asString()).isEqualTo("none");
        assertThat(page.get("incidents").size()).isZero();
        Run again = vigil(key, Map.of(), "incidents", "update", id, "-s", "monitoring", "-m", "Still fine.");
        assertThat(again.exit()).as("a resolved declared incident takes no more updates").isEqualTo(ExitCodes.CONFLICT);
        Run shown = vigil(key, Map.of(), "incidents", "show", id);
        assertThat(shown.out()).contains("Checkout failures", "major", "RESOLVED", "postmortem", "none",
                "Customers see errors.", "A storage node failed.", "Fixed and verified.");

        // 4. The postmortem: saved as a draft, off the page until published; the script never reaches it.
        String markdown = "# Root cause\n\nA full disk. <script>alert('owned')</script>\n\n"
                + "[details](javascript:alert('owned'))\n";
        Run draft = vigil(key, Map.of(), "incidents", "postmortem", id, "-f", file("postmortem.md", markdown)
                .toString());
        assertThat(draft.exit()).as(draft.err()).isZero();
        assertThat(draft.out()).contains("draft");
        assertThat(publicPage(slug, id)).contains("Fixed and verified.").doesNotContain("Root cause");
        Run published = vigil(key, Map.of(), "incidents", "postmortem", id, "--publish", "--output", "json");
        assertThat(published.exit()).as(published.err()).isZero();
        assertThat(published.json().get("published").asBoolean()).isTrue();
        assertThat(published.json().get("body").asString()).isEqualTo(markdown);
        String withPostmortem = publicPage(slug, id);
        assertThat(withPostmortem).contains("Root cause</h1>").contains("A full disk.")
                .doesNotContain("<script>alert").doesNotContain("javascript:");
        Run saved = vigil(key, Map.of(), "incidents", "postmortem", id);
        assertThat(saved.out()).contains("published", "# Root cause");

        // 5. A monitor's incident: a title of its own, linked to the declared incident, then unlinked.
        UUID monitor = UUID.fromString(vigil(key, Map.of(), "monitors", "list", "--output", "json").json()
                .valueStream().filter(m -> m.get("name").asString().equals("API")).findFirst().orElseThrow()
                .get("id").asString());
        UUID workspace = jdbc.sql("SELECT workspace_id FROM monitors WHERE id = ?").param(monitor).query(UUID.class)
                .single();
        UUID monitorIncident = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO incidents (id, workspace_id, monitor_id, kind, status, started_at, cause, regions)
                        VALUES (?, ?, ?, 'DOWN', 'OPEN', ?, 'HTTP status 503', '{local-a}')""")
                .params(monitorIncident, workspace, monitor, Timestamp.from(Instant.now().minusSeconds(60))).update();
        Run titled = vigil(key, Map.of(), "incidents", "edit", monitorIncident.toString(), "-t", "Payments slow");
        Run badSeverity = vigil(key, Map.of(), "incidents", "edit", monitorIncident.toString(), "--severity",
                "minor");
        Run linked = vigil(key, Map.of(), "incidents", "link", monitorIncident.toString(), "--to", id);
        assertThat(titled.exit()).as(titled.err()).isZero();
        assertThat(titled.out()).contains("Payments slow", "API");
        assertThat(badSeverity.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(badSeverity.err()).contains("severity");
        assertThat(linked.exit()).as(linked.err()).isZero();
        assertThat(linked.out()).contains(monitorIncident.toString(), id);
        assertThat(jdbc.sql("SELECT declared_incident_id FROM incidents WHERE id = ?").param(monitorIncident)
                .query(UUID.class).single()).isEqualTo(UUID.fromString(id));
        Run unlinked = vigil(key, Map.of(), "incidents", "unlink", monitorIncident.toString());
        assertThat(unlinked.exit()).as(unlinked.err()).isZero();
        assertThat(jdbc.sql("SELECT declared_incident_id FROM incidents WHERE id = ?").param(monitorIncident)
                .query(UUID.class).optional()).isEmpty();
    }

    @Test
    void badInputAViewerAndAnotherWorkspaceChangeNothing() throws Exception {
        String key = signUp();
        String slug = "cli-bad-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(vigil(key, Map.of(), "apply", "-f", file("vigil.yaml", """
                version: 1
                monitors:
                  - {key: api, name: API, type: HTTP, url: "https://example.com/api", paused: true}
                statusPages:
                  - key: public
                    slug: %s
                    title: Status
                    components:
                      - {name: Public API, monitor: api}
                """.formatted(slug)).toString()).exit()).isZero();
        String viewer = post("/api/v1/api-keys", key, "{\"name\":\"read only\",\"role\":\"VIEWER\"}").get("key")
                .asString();
        String stranger = signUp();

        Run badImpact = vigil(key, Map.of(), "incidents", "declare", "-t", "x", "--severity", "minor", "-m", "x",
                "-c", "Public API=on_fire");
        Run noImpact = vigil(key, Map.of(), "incidents", "declare", "-t", "x", "--severity", "minor", "-m", "x",
                "-c", "Public API");
        Run unknown = vigil(key, Map.of(), "incidents", "declare", "-t", "x", "--severity", "minor", "-m", "x",
                "-c", "Nothing like it=major_outage");
        Run foreignComponent = vigil(stranger, Map.of(), "incidents", "declare", "-t", "x", "--severity", "minor",
                "-m", "x", "-c", "Public API=major_outage");
        Run viewerDeclares = vigil(viewer, Map.of(), "incidents", "declare", "-t", "x", "--severity", "minor",
                "-m", "x", "-c", "Public API=major_outage");
        Run tooLong = vigil(key, Map.of(), "incidents", "declare", "-t", "x".repeat(201), "--severity", "minor",
                "-m", "x", "-c", "Public API=major_outage");
        assertThat(badImpact.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(noImpact.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.exit()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(foreignComponent.exit()).as("another workspace's component is not found by name")
                .isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(viewerDeclares.exit()).isEqualTo(ExitCodes.FORBIDDEN);
        assertThat(tooLong.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(tooLong.err()).contains("title");
        assertThat(vigil(key, Map.of(), "incidents", "list", "--kind", "DECLARED", "--output", "json").json().size())
                .as("nothing was declared").isZero();

        String id = vigil(key, Map.of(), "incidents", "declare", "-t", "Slow pages", "--severity", "minor", "-m",
                "Looking.", "-c", "Public API=degraded_performance", "--output", "json").json().get("id").asString();
        Run strangerResolves = vigil(stranger, Map.of(), "incidents", "resolve", id, "-m", "Not yours.");
        Run viewerResolves = vigil(viewer, Map.of(), "incidents", "resolve", id, "-m", "Read only.");
        Run noChange = vigil(key, Map.of(), "incidents", "edit", id);
        assertThat(strangerResolves.exit()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(viewerResolves.exit()).isEqualTo(ExitCodes.FORBIDDEN);
        assertThat(noChange.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(vigil(key, Map.of(), "incidents", "show", id, "--output", "json").json().get("status").asString())
                .isEqualTo("OPEN");
        assertThat(statuspage(slug).at("/components/0/status").asString()).isEqualTo("degraded_performance");
    }

    private static Map<String, String> impacts(JsonNode incident) {
        return incident.get("components").valueStream().collect(Collectors.toMap(c -> c.get("name").asString(),
                c -> c.get("impact").asString()));
    }

    private static Map<String, String> componentStatuses(JsonNode summary) {
        return summary.get("components").valueStream().filter(c -> !c.path("group").asBoolean())
                .collect(Collectors.toMap(c -> c.get("name").asString(), c -> c.get("status").asString()));
    }

    /** The public Statuspage-compatible summary, as a Statuspage widget reads it. */
    private JsonNode statuspage(String slug) throws Exception {
        return JSON.readTree(publicGet("/status/" + slug + "/api/v2/summary.json"));
    }

    private String publicPage(String slug, String incident) throws Exception {
        return publicGet("/status/" + slug + "/incidents/" + incident);
    }

    private String publicGet(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }
}
