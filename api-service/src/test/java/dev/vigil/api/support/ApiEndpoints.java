package dev.vigil.api.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every endpoint of the public API that needs a key, as a table the cross-cutting suites run through: tenant
 * isolation (another workspace's key), viewer keys (403 on writes), no key (401) and hostile input. A feature that
 * adds an endpoint adds a row here, and all of those suites cover it; {@code {monitor}}-style placeholders name the
 * {@link Resources} a row needs.
 */
public final class ApiEndpoints {

    /** A valid monitor definition, as the write endpoints take. */
    public static Map<String, Object> httpMonitor(String name) {
        return Map.of("name", name, "type", "HTTP", "url", "https://example.com/health", "intervalSeconds", 60,
                "regions", List.of("local-a", "local-b"));
    }

    /** A valid WEBHOOK channel (a public IP literal, so no DNS is needed and the SSRF guard passes it). */
    public static Map<String, Object> webhookChannel(String name) {
        return Map.of("name", name, "type", "WEBHOOK", "config", Map.of("url", "https://93.184.215.14/vigil-hook",
                "secret", "a-webhook-secret-0123456789"));
    }

    /** Two levels: the seeded channel, then after 10 minutes the seeded rotation. */
    public static Map<String, Object> escalationPolicy(Resources r) {
        return Map.of("levels", List.of(
                Map.of("channelIds", List.of(r.get("channel").toString()), "afterMinutes", 10),
                Map.of("rotationId", r.get("rotation").toString())));
    }

    /** The month of an uptime report: this one, so the seeded monitor existed in it. */
    private static final String THIS_MONTH = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();

    public static final List<Endpoint> KEYED = List.of(
            Endpoint.read("/api/v1/regions"),
            Endpoint.read("/api/v1/workspace"),
            Endpoint.write("PUT", "/api/v1/workspace", r -> Map.of("name", "Renamed")),
            Endpoint.read("/api/v1/api-keys"),
            Endpoint.write("POST", "/api/v1/api-keys", r -> Map.of("name", "another key")),
            Endpoint.read("/api/v1/api-keys/{key}"),
            Endpoint.write("DELETE", "/api/v1/api-keys/{key}", null),
            Endpoint.write("POST", "/api/v1/account/email-verification", null),
            Endpoint.read("/api/v1/members"),
            Endpoint.write("POST", "/api/v1/members",
                    r -> Map.of("email", "new-" + UUID.randomUUID() + "@example.com", "role", "VIEWER")),
            Endpoint.read("/api/v1/members/{member}"),
            Endpoint.write("PUT", "/api/v1/members/{member}", r -> Map.of("role", "ADMIN")),
            Endpoint.write("DELETE", "/api/v1/members/{member}", null),
            Endpoint.read("/api/v1/monitors"),
            Endpoint.write("POST", "/api/v1/monitors", r -> httpMonitor("Created")),
            Endpoint.read("/api/v1/monitors/{monitor}"),
            Endpoint.write("PUT", "/api/v1/monitors/{monitor}", r -> httpMonitor("Replaced")),
            Endpoint.write("DELETE", "/api/v1/monitors/{monitor}", null),
            Endpoint.write("POST", "/api/v1/monitors/{monitor}/pause", null),
            Endpoint.write("POST", "/api/v1/monitors/{monitor}/resume", null),
            Endpoint.write("POST", "/api/v1/monitors/{heartbeat}/rotate-ping-url", null),
            Endpoint.write("POST", "/api/v1/monitors/{heartbeat}/trigger", null),
            Endpoint.read("/api/v1/monitors/{monitor}/results"),
            Endpoint.read("/api/v1/monitors/{monitor}/uptime?window=24h"),
            Endpoint.read("/api/v1/monitors/{monitor}/export?format=csv"),
            Endpoint.read("/api/v1/monitors/{monitor}/export?format=json"),
            Endpoint.read("/api/v1/incidents"),
            Endpoint.read("/api/v1/incidents/{incident}"),
            Endpoint.write("POST", "/api/v1/incidents/{incident}/acknowledge", null),
            Endpoint.read("/api/v1/incidents/{incident}/deliveries"),
            Endpoint.read("/api/v1/alert-channels"),
            Endpoint.write("POST", "/api/v1/alert-channels", r -> webhookChannel("Created")),
            Endpoint.read("/api/v1/alert-channels/{channel}"),
            Endpoint.write("PUT", "/api/v1/alert-channels/{channel}", r -> Map.of("name", "Replaced",
                    "type", "EMAIL", "config", Map.of("to", "ops@example.com"))),
            Endpoint.write("POST", "/api/v1/alert-channels/{channel}/test", null),
            Endpoint.read("/api/v1/alert-channels/{channel}/deliveries"),
            Endpoint.write("DELETE", "/api/v1/alert-channels/{channel}", null),
            Endpoint.write("PUT", "/api/v1/monitors/{monitor}/escalation-policy", r -> escalationPolicy(r)),
            Endpoint.read("/api/v1/monitors/{monitor}/escalation-policy"),
            Endpoint.write("DELETE", "/api/v1/monitors/{monitor}/escalation-policy", null),
            Endpoint.read("/api/v1/oncall-rotations"),
            Endpoint.write("POST", "/api/v1/oncall-rotations", r -> Map.of("name", "Secondary", "handoff", "WEEKLY",
                    "startsAt", "2026-01-05T09:00:00Z")),
            Endpoint.read("/api/v1/oncall-rotations/{rotation}"),
            Endpoint.write("PUT", "/api/v1/oncall-rotations/{rotation}", r -> Map.of("name", "Primary",
                    "handoff", "WEEKLY", "startsAt", "2026-01-05T09:00:00Z",
                    "memberIds", List.of(r.get("teammate").toString()))),
            Endpoint.read("/api/v1/oncall-rotations/{rotation}/overrides"),
            Endpoint.write("POST", "/api/v1/oncall-rotations/{rotation}/overrides", r -> override(r)),
            Endpoint.write("DELETE", "/api/v1/oncall-rotations/{rotation}/overrides/{override}", null),
            Endpoint.read("/api/v1/oncall-contacts"),
            Endpoint.read("/api/v1/oncall-contacts/{teammate}"),
            Endpoint.write("PUT", "/api/v1/oncall-contacts/{teammate}", r -> Map.of("channelIds",
                    List.of(r.get("channel").toString()), "byEmail", false)),
            Endpoint.write("DELETE", "/api/v1/oncall-rotations/{rotation}", null),
            Endpoint.read("/api/v1/plugins"),
            Endpoint.read("/api/v1/audit-log"),
            Endpoint.read("/api/v1/maintenances"),
            // POST bodies name no monitor, so another workspace's key succeeds on its own workspace; PUT names one.
            Endpoint.write("POST", "/api/v1/maintenances", r -> Map.of("title", "Announcement", "monitorIds",
                    List.of(), "startsAt", "2030-01-01T02:00:00Z", "endsAt", "2030-01-01T03:00:00Z")),
            Endpoint.read("/api/v1/maintenances/{maintenance}"),
            Endpoint.write("PUT", "/api/v1/maintenances/{maintenance}", ApiEndpoints::maintenance),
            Endpoint.write("PATCH", "/api/v1/maintenances/{maintenance}", r -> Map.of("title", "Moved")),
            Endpoint.write("DELETE", "/api/v1/maintenances/{maintenance}", null),
            Endpoint.read("/api/v1/status-pages"),
            Endpoint.write("POST", "/api/v1/status-pages", r -> Map.of("slug", "new-" + UUID.randomUUID()
                    .toString().substring(0, 8), "title", "Empty page", "components", List.of())),
            Endpoint.read("/api/v1/status-pages/{statuspage}"),
            Endpoint.write("PUT", "/api/v1/status-pages/{statuspage}", ApiEndpoints::statusPage),
            Endpoint.write("POST", "/api/v1/status-pages/{statuspage}/domain-verification", null),
            Endpoint.write("DELETE", "/api/v1/status-pages/{statuspage}", null),
            Endpoint.read("/api/v1/incidents/{incident}/updates"),
            Endpoint.write("POST", "/api/v1/incidents/{incident}/updates",
                    r -> Map.of("status", "identified", "message", "A faulty deploy; rolling back.")),
            Endpoint.read("/api/v1/tags"),
            Endpoint.write("POST", "/api/v1/tags", r -> Map.of("name", "tag-" + UUID.randomUUID().toString()
                    .substring(0, 8), "color", "#2563eb")),
            Endpoint.read("/api/v1/tags/{tag}"),
            Endpoint.write("PUT", "/api/v1/tags/{tag}", r -> Map.of("name", "renamed", "color", "#059669")),
            Endpoint.write("DELETE", "/api/v1/tags/{tag}", null),
            Endpoint.read("/api/v1/monitor-groups"),
            Endpoint.write("POST", "/api/v1/monitor-groups", r -> Map.of("name", "group-" + UUID.randomUUID()
                    .toString().substring(0, 8))),
            Endpoint.read("/api/v1/monitor-groups/{group}"),
            Endpoint.write("PUT", "/api/v1/monitor-groups/{group}", r -> Map.of("name", "Renamed")),
            Endpoint.write("DELETE", "/api/v1/monitor-groups/{group}", null),
            Endpoint.read("/api/v1/monitors?tag={tag}&group={group}&status=PENDING&type=HTTP&region=local-a&q=s"),
            // The body names the monitors, tag and group: another workspace's key is refused, not served.
            Endpoint.writeNaming("POST", "/api/v1/monitors/bulk", r -> Map.of("action", "add_tags",
                    "monitorIds", List.of(r.get("monitor").toString()), "tagIds", List.of(r.get("tag").toString()))),
            Endpoint.writeNaming("POST", "/api/v1/monitors/bulk", r -> Map.of("action", "move_to_group",
                    "filter", Map.of("tag", List.of(r.get("tag").toString())), "groupId", r.get("group").toString())),
            Endpoint.writeNaming("POST", "/api/v1/monitors/bulk", r -> Map.of("action", "link_channel",
                    "monitorIds", List.of(r.get("monitor").toString()), "channelId", r.get("channel").toString())),
            Endpoint.writeNaming("POST", "/api/v1/status-pages", r -> Map.of("slug", "grouped-" + UUID.randomUUID()
                    .toString().substring(0, 8), "title", "By group", "components",
                    List.of(Map.of("monitorGroupId", r.get("group").toString())))),
            // One-shot checks: a run names nothing (another workspace's key runs its own, answered within the
            // timeout plus 5 s as NO_ANSWER here, where no probe listens); "run now" names the monitor.
            Endpoint.write("POST", "/api/v1/checks/run", r -> Map.of("type", "TCP", "host", "93.184.215.14",
                    "port", 443, "timeoutMs", 100, "regions", List.of("local-a"))),
            Endpoint.write("POST", "/api/v1/monitors/{monitor}/trigger", null),
            Endpoint.read("/api/v1/monitors/{heartbeat}/pings"),
            Endpoint.read("/api/v1/monitors/{heartbeat}/pings/{ping}/body"),
            Endpoint.read("/api/v1/monitors/{monitor}/results/{result}"),
            Endpoint.read("/api/v1/monitors/{monitor}/results/{result}/screenshot"),
            Endpoint.read("/api/v1/monitors/{monitor}/results/{result}/html"),
            // Declared incidents and postmortems: the declaration names a status page component of the workspace.
            Endpoint.writeNaming("POST", "/api/v1/incidents", r -> Map.of("title", "Payments degraded",
                    "severity", "minor", "message", "Card payments fail for some.", "components",
                    List.of(Map.of("componentId", r.get("component").toString(), "impact",
                            "degraded_performance")))),
            Endpoint.read("/api/v1/incidents?kind=DECLARED"),
            Endpoint.write("PATCH", "/api/v1/incidents/{declared}", r -> Map.of("title", "Payments failing",
                    "severity", "major")),
            Endpoint.write("POST", "/api/v1/incidents/{incident}/link",
                    r -> Map.of("declaredIncidentId", r.get("declared").toString())),
            Endpoint.write("DELETE", "/api/v1/incidents/{incident}/link", null),
            Endpoint.read("/api/v1/incidents/{resolved}/postmortem"),
            Endpoint.write("PUT", "/api/v1/incidents/{resolved}/postmortem",
                    r -> Map.of("body", "A certificate expired.", "published", false)),
            Endpoint.write("DELETE", "/api/v1/incidents/{resolved}/postmortem", null),
            // Channels of the newer types (those whose every text field has a syntax, for the hostile-input suite),
            // reminders and the summary email.
            Endpoint.write("POST", "/api/v1/alert-channels", r -> Map.of("name", "Slack", "type", "SLACK", "config",
                    Map.of("webhookUrl", "https://93.184.215.14/services/T0/B0/x",
                            "signingSecret", "slacksigningsecret0123456789"))),
            Endpoint.write("POST", "/api/v1/alert-channels", r -> Map.of("name", "Opsgenie", "type", "OPSGENIE",
                    "config", Map.of("apiKey", "0a1b2c3d-opsgenie-secret-0001", "region", "eu"))),
            Endpoint.write("POST", "/api/v1/alert-channels", r -> Map.of("name", "ntfy", "type", "NTFY",
                    "config", Map.of("topicUrl", "https://93.184.215.14/ntfysecrettopic0001"))),
            Endpoint.read("/api/v1/alert-channels/{channel}/reminders"),
            Endpoint.write("PUT", "/api/v1/alert-channels/{channel}/reminders", r -> Map.of("everyMinutes", 30)),
            Endpoint.read("/api/v1/workspace/summary-email"),
            Endpoint.write("PUT", "/api/v1/workspace/summary-email", r -> Map.of("frequency", "WEEKLY")),
            // A recurring maintenance window (names no monitor: another workspace's key makes its own).
            Endpoint.write("POST", "/api/v1/maintenances", r -> Map.of("title", "Weekly patching", "monitorIds",
                    List.of(), "startsAt", "2030-01-01T02:00:00+01:00", "endsAt", "2030-01-01T03:00:00+01:00",
                    "recurrence", "FREQ=WEEKLY;BYDAY=TU", "timeZone", "Europe/Berlin")),
            // Workspace variables: setting one is an upsert by name (another workspace's key sets its own);
            // deleting names the seeded one.
            Endpoint.read("/api/v1/variables"),
            Endpoint.write("PUT", "/api/v1/variables/ANOTHER_VARIABLE", r -> Map.of("value", "another value")),
            Endpoint.write("DELETE", "/api/v1/variables/{variable}", null),
            // The query names the monitor; another workspace's is not found, as a missing one.
            Endpoint.readNotFound("/api/v1/reports/uptime?monitorId={monitor}&period=" + THIS_MONTH),
            Endpoint.readNotFound("/api/v1/reports/uptime?monitorId={monitor}&period=" + THIS_MONTH + "&format=csv"),
            // A dry run (the default apply body must not change the seeded workspace for the suites that compare).
            Endpoint.write("POST", "/api/v1/apply?dryRun=true", r -> Map.of("version", 1, "monitors",
                    List.of(withKey("declared", httpMonitor("Declared"))))),
            Endpoint.write("POST", "/api/v1/apply?dryRun=false&prune=false", r -> Map.of("version", 1)),
            Endpoint.read("/api/v1/export"),
            Endpoint.read("/api/v1/schema/vigil.json"));

    private static Map<String, Object> withKey(String key, Map<String, Object> object) {
        Map<String, Object> keyed = new java.util.LinkedHashMap<>(object);
        keyed.put("key", key);
        return keyed;
    }

    /** A valid override of the seeded rotation: the teammate covers a day in 2030. */
    public static Map<String, Object> override(Resources r) {
        return Map.of("memberId", r.get("teammate").toString(), "startsAt", "2030-01-01T00:00:00Z",
                "endsAt", "2030-01-02T00:00:00Z");
    }

    /** A valid maintenance window over the seeded monitor. */
    public static Map<String, Object> maintenance(Resources r) {
        return Map.of("title", "Database upgrade", "monitorIds", List.of(r.get("monitor").toString()),
                "startsAt", "2030-01-01T02:00:00Z", "endsAt", "2030-01-01T03:00:00Z");
    }

    /** A valid status page showing the seeded monitor, under a fresh slug. */
    public static Map<String, Object> statusPage(Resources r) {
        return Map.of("slug", "page-" + UUID.randomUUID().toString().substring(0, 8), "title", "Acme status",
                "components", List.of(Map.of("name", "API", "monitorId", r.get("monitor").toString(),
                        "group", "Core")));
    }

    /** Endpoints anyone may call without a key; the token or the account data is the input. */
    public static final List<Endpoint> OPEN = List.of(
            Endpoint.write("POST", "/api/v1/signup", r -> Map.of("email", "x-" + UUID.randomUUID() + "@example.com",
                    "password", "a long enough password", "workspace", "W")),
            Endpoint.write("POST", "/api/v1/invitations/accept",
                    r -> Map.of("token", "vgi_" + "a".repeat(32), "password", "a long enough password")),
            Endpoint.write("POST", "/api/v1/password-reset",
                    r -> Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com")),
            Endpoint.write("POST", "/api/v1/password-reset/complete",
                    r -> Map.of("token", "vgr_" + "a".repeat(32), "password", "a long enough password")));

    private ApiEndpoints() {
    }

    /**
     * One row: a method, a path template, a valid body for the write endpoints that take one, and whether that body
     * names resources of the workspace (so another workspace's key must be refused, with a 4xx, not served).
     */
    public record Endpoint(String method, String template, Function<Resources, Object> body, boolean bodyNames,
                           boolean queryNotFound) {

        static Endpoint read(String template) {
            return new Endpoint("GET", template, null, false, false);
        }

        /** A read whose query names a resource and answers 404 for another workspace's (as for a missing one). */
        static Endpoint readNotFound(String template) {
            return new Endpoint("GET", template, null, false, true);
        }

        static Endpoint write(String method, String template, Function<Resources, Object> body) {
            return new Endpoint(method, template, body, false, false);
        }

        static Endpoint writeNaming(String method, String template, Function<Resources, Object> body) {
            return new Endpoint(method, template, body, true, false);
        }

        public boolean writes() {
            return !method.equals("GET");
        }

        /** Whether the path (or a query that answers 404) names one resource: another workspace's id is a 404. */
        public boolean namesResource() {
            return queryNotFound || template.split("\\?")[0].contains("{");
        }

        /** Whether the query or the body names resources of the workspace (another workspace's: a 400). */
        public boolean namesResourceInInput() {
            return !namesResource() && (bodyNames || template.contains("{"));
        }

        public boolean takesBody() {
            return body != null;
        }

        public String path(Resources resources) {
            String path = template;
            for (Map.Entry<String, UUID> id : resources.ids().entrySet()) {
                path = path.replace("{" + id.getKey() + "}", id.getValue().toString());
            }
            for (Map.Entry<String, String> name : resources.names().entrySet()) {
                path = path.replace("{" + name.getKey() + "}", name.getValue());
            }
            return path;
        }

        public ApiClient.Response call(ApiClient client, Resources resources) {
            return client.send(method, path(resources), body == null ? null : "application/json",
                    body == null ? null : ApiClient.json(body.apply(resources)));
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    /**
     * The resources of a workspace the table's placeholders name: by UUID, or (a ping's number, a variable's name) by
     * another kind of key.
     */
    public record Resources(Map<String, UUID> ids, Map<String, String> names) {

        /** The name of the workspace variable the seed sets. */
        public static final String VARIABLE = "SEEDED_VARIABLE";

        /** Makes one of each resource in the tenant's workspace. */
        public static Resources seed(Tenant tenant, JdbcClient jdbc) {
            ApiClient owner = tenant.owner();
            UUID monitor = id(owner.post("/api/v1/monitors", httpMonitor("Seeded")), "id");
            UUID heartbeat = id(owner.post("/api/v1/monitors", Map.of("name", "Seeded heartbeat",
                    "type", "HEARTBEAT", "periodSeconds", 3600)), "id");
            UUID key = id(owner.post("/api/v1/api-keys", Map.of("name", "spare key")), "id");
            UUID member = id(owner.post("/api/v1/members", Map.of("email", "member-" + UUID.randomUUID()
                    + "@example.com", "role", "VIEWER")), "userId");
            UUID channel = tenant.addAlertChannel(jdbc, "Seeded channel");
            UUID incident = tenant.addOpenIncident(jdbc, monitor);
            UUID rotation = id(owner.post("/api/v1/oncall-rotations", Map.of("name", "Primary", "handoff", "DAILY",
                    "startsAt", "2026-01-05T09:00:00Z", "memberIds", List.of(tenant.teammateId().toString()))),
                    "id");
            Resources partial = new Resources(Map.of("monitor", monitor, "teammate", tenant.teammateId()),
                    Map.of());
            UUID override = id(owner.post("/api/v1/oncall-rotations/" + rotation + "/overrides", override(partial)),
                    "id");
            UUID maintenance = id(owner.post("/api/v1/maintenances", maintenance(partial)), "id");
            ApiClient.Response page = Tenant.require(owner.post("/api/v1/status-pages", statusPage(partial)), 201);
            UUID statusPage = UUID.fromString(page.json().get("id").asString());
            UUID component = UUID.fromString(page.json().get("components").get(0).get("id").asString());
            UUID declared = id(owner.post("/api/v1/incidents", Map.of("title", "Seeded declaration",
                    "severity", "minor", "message", "Looking into it.", "components", List.of(Map.of(
                            "componentId", component.toString(), "impact", "degraded_performance")))), "id");
            // A postmortem is written for a resolved incident: a second declaration, resolved by its update.
            UUID resolved = id(owner.post("/api/v1/incidents", Map.of("title", "Seeded outage", "severity", "major",
                    "message", "Checkout fails.", "components", List.of(Map.of("componentId", component.toString(),
                            "impact", "major_outage")))), "id");
            Tenant.require(owner.post("/api/v1/incidents/" + resolved + "/updates", Map.of("status", "resolved",
                    "message", "Fixed.")), 201);
            Tenant.require(owner.put("/api/v1/incidents/" + resolved + "/postmortem",
                    Map.of("body", "What happened.", "published", false)), 200);
            UUID result = tenant.addBrowserResult(jdbc, monitor);
            String token = owner.get("/api/v1/monitors/" + heartbeat).json().get("pingUrl").asString()
                    .replaceAll(".*/ping/", "");
            Tenant.require(owner.anonymous().send("POST", "/ping/" + token + "/0", "text/plain", "backup done"),
                    200);
            String ping = owner.get("/api/v1/monitors/" + heartbeat + "/pings").json().get("items").get(0)
                    .get("id").asString();
            Tenant.require(owner.put("/api/v1/variables/" + VARIABLE, Map.of("value", "seeded value")), 201);
            UUID tag = id(owner.post("/api/v1/tags", Map.of("name", "seeded")), "id");
            UUID group = id(owner.post("/api/v1/monitor-groups", Map.of("name", "Seeded")), "id");
            Resources resources = new Resources(Map.ofEntries(Map.entry("monitor", monitor),
                    Map.entry("heartbeat", heartbeat), Map.entry("key", key), Map.entry("member", member),
                    Map.entry("channel", channel), Map.entry("incident", incident), Map.entry("rotation", rotation),
                    Map.entry("maintenance", maintenance), Map.entry("statuspage", statusPage),
                    Map.entry("tag", tag), Map.entry("group", group), Map.entry("override", override),
                    Map.entry("teammate", tenant.teammateId()), Map.entry("component", component),
                    Map.entry("declared", declared), Map.entry("resolved", resolved), Map.entry("result", result)),
                    Map.of("ping", ping, "variable", VARIABLE));
            Tenant.require(owner.put("/api/v1/monitors/" + monitor + "/escalation-policy",
                    escalationPolicy(resources)), 200);
            return resources;
        }

        public UUID get(String name) {
            return ids.get(name);
        }

        private static UUID id(ApiClient.Response response, String field) {
            return UUID.fromString(Tenant.require(response, 201).json().get(field).asString());
        }
    }
}
