package dev.vigil.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiEndpoints;
import dev.vigil.api.support.ApiEndpoints.Endpoint;
import dev.vigil.api.support.ApiEndpoints.Resources;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import dev.vigil.api.support.WorkspaceState;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Throws malformed and hostile payloads at every endpoint that takes a body, field by field into a valid request:
 * values of the wrong JSON type, huge numbers and strings, NUL and lone surrogates, deeply nested documents,
 * truncated and duplicated JSON, injection strings. Whatever arrives, the answer is never a 5xx; a malformed request
 * is a 4xx problem and changes nothing; hostile text in a free-text field (a name) is stored verbatim and stays inert.
 */
@ApiServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RAW = "\"@@RAW@@\"";

    /** Fields a person may fill with any text; everything else has a syntax that hostile strings break. */
    private static boolean isFreeText(String path) {
        return List.of("name", "workspace", "password", "body", "title", "message", "value").contains(path)
                || path.endsWith(".target") || path.endsWith(".name") || path.endsWith(".group")
                || path.startsWith("headers.") || path.startsWith("args[")
                // A bulk filter names tags by name too, and tag names are free text (another case stored one).
                || path.startsWith("filter.tag[");
    }

    /**
     * Injection and oddity strings that are well-formed text; free-text fields get the first eight (storing each
     * costs a write), the rest get all.
     */
    private static final List<String> HOSTILE_TEXT = List.of("'; DROP TABLE monitors; --",
            "<script>alert(document.cookie)</script>", "${jndi:ldap://evil.test/a}", "\u202Egnp.exe",
            "zero\u200Bwidth", "😀🔥 emoji", "\\u0000 escaped", "%s%s%s%n", "' OR '1'='1' --",
            "../../../../etc/passwd", "{{7*7}}", "e\u0301 combining", "\uFEFFbom", "Robert'); DELETE FROM users;--",
            "ﾟ半角 ｶﾀｶﾅ", "𝕦𝕟𝕚𝕔𝕠𝕕𝕖");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private Tenant tenant;
    private Resources resources;

    @BeforeAll
    void seed() {
        tenant = Tenant.create(port);
        resources = Resources.seed(tenant, jdbc);
    }

    /** Every write endpoint with a body, and for monitors one valid body of each type, all fields set. */
    private List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (Endpoint endpoint : Stream.concat(ApiEndpoints.KEYED.stream(), ApiEndpoints.OPEN.stream()).toList()) {
            if (!endpoint.takesBody()) {
                continue;
            }
            List<Object> bodies = endpoint.template().startsWith("/api/v1/monitors")
                    && !endpoint.template().endsWith("/bulk")
                    ? List.of(JSON.readTree(RICH_HTTP), JSON.readTree(RICH_DNS), JSON.readTree(RICH_HEARTBEAT),
                            JSON.readTree(RICH_PLUGIN), JSON.readTree(RICH_TLS))
                    : List.of(JSON.valueToTree(endpoint.body().apply(resources)));
            for (Object body : bodies) {
                cases.add(new Case(endpoint, (ObjectNode) body));
            }
        }
        return cases;
    }

    @Test
    void valuesOfTheWrongShapeAreRefusedEverywhereAndChangeNothing() {
        String before = WorkspaceState.fingerprint(jdbc, tenant.workspaceId());
        long users = WorkspaceState.users(jdbc);
        SoftAssertions soft = new SoftAssertions();
        int sent = 0;
        for (Case c : cases()) {
            for (String path : leafPaths(c.body(), "")) {
                boolean topLevel = !path.contains(".") && !path.contains("[");
                for (String wrong : wrongValuesFor(valueAt(c.body(), path), topLevel)) {
                    ApiClient.Response response = send(c, substitute(c.body(), path, wrong));
                    sent++;
                    soft.assertThat(response.status()).as("%s %s=%s → %s", c.endpoint(), path, clip(wrong),
                            response).isBetween(400, 499);
                    soft.assertThat(response.isProblem()).as("%s %s is a problem", c.endpoint(), path).isTrue();
                }
            }
        }
        soft.assertAll();
        assertThat(sent).isGreaterThan(800);
        assertThat(WorkspaceState.fingerprint(jdbc, tenant.workspaceId())).isEqualTo(before);
        assertThat(WorkspaceState.users(jdbc)).isEqualTo(users);
    }

    @Test
    void malformedDocumentsAreRefusedEverywhereAndChangeNothing() {
        String before = WorkspaceState.fingerprint(jdbc, tenant.workspaceId());
        long users = WorkspaceState.users(jdbc);
        List<String> documents = List.of("", " ", "null", "true", "0", "\"x\"", "[]", "[{}]", "{", "}", "{\"a\"",
                "{\"name\":}", "{'name':'x'}", "{\"name\":\"x\",}", "{\"name\":\"x\"}{}", "{\"a\":1}\u0000",
                "[".repeat(100_000), "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000),
                "{\"name\":1e99999999}", "{\"name\":" + "9".repeat(5000) + "}", "\u0000\u0001\u0002",
                "{\"name\":\"\\uD800\"}", "{\"name\":\"\\u0000\"}", "<xml/>", "name=x&type=HTTP");
        SoftAssertions soft = new SoftAssertions();
        for (Case c : cases()) {
            for (String document : documents) {
                ApiClient.Response response = tenant.owner().send(c.endpoint().method(),
                        c.endpoint().path(resources), "application/json", document);
                soft.assertThat(response.status()).as("%s %s → %s", c.endpoint(), clip(document), response)
                        .isBetween(400, 499);
            }
            String duplicated = c.body().toString().replaceFirst("\\{", "{\"" + c.body().propertyNames().iterator()
                    .next() + "\":null,");
            soft.assertThat(send(c, duplicated).status()).as("%s with a key twice", c.endpoint()).isEqualTo(400);
        }
        soft.assertAll();
        assertThat(WorkspaceState.fingerprint(jdbc, tenant.workspaceId())).isEqualTo(before);
        assertThat(WorkspaceState.users(jdbc)).isEqualTo(users);
    }

    @Test
    void hostileTextIsRefusedWhereItBreaksTheSyntaxAndStoredVerbatimWhereItIsJustText() {
        SoftAssertions soft = new SoftAssertions();
        // PUT of a monitor validates exactly like POST (see MonitorValidationIT); sending it all again adds time only.
        for (Case c : cases().stream().filter(c -> !c.endpoint().template().equals("/api/v1/monitors/{monitor}"))
                .toList()) {
            for (String path : leafPaths(c.body(), "")) {
                if (!(valueAt(c.body(), path).isString())) {
                    continue;
                }
                for (String text : isFreeText(path) ? HOSTILE_TEXT.subList(0, 8) : HOSTILE_TEXT) {
                    ApiClient.Response response = send(c, substitute(c.body(), path, JSON.writeValueAsString(text)));
                    soft.assertThat(response.status()).as("%s %s=%s → %s", c.endpoint(), path, text, response)
                            .isLessThan(500);
                    if (!isFreeText(path)) {
                        soft.assertThat(response.status()).as("%s %s=%s", c.endpoint(), path, text)
                                .isBetween(400, 499);
                    } else if (response.status() < 300 && path.equals("name")
                            && response.json().has("name")) {
                        soft.assertThat(response.json().get("name").asString()).as("stored verbatim")
                                .isEqualTo(text.strip());
                    }
                }
            }
        }
        soft.assertAll();
        assertThat(jdbc.sql("SELECT count(*) FROM monitors WHERE id = ?").param(resources.get("monitor"))
                .query(Long.class).single()).as("the seeded monitor survived").isEqualTo(1);
        assertThat(tenant.owner().get("/api/v1/monitors/" + resources.get("monitor")).status()).isEqualTo(200);
    }

    @Test
    void hostileIdsAndQueryParametersAreRefused() {
        SoftAssertions soft = new SoftAssertions();
        for (String id : List.of("1%20OR%201=1", "..%2F..%2Fetc%2Fpasswd", "%00", "'%3B--", "x".repeat(3000),
                "00000000-0000-0000-0000-00000000000000", "%F0%9F%98%80")) {
            for (Endpoint endpoint : ApiEndpoints.KEYED) {
                if (!endpoint.namesResource()) {
                    continue;
                }
                String path = endpoint.template().replaceAll("\\{[a-z]+}", id);
                ApiClient.Response response = tenant.owner().send(endpoint.method(), path,
                        endpoint.takesBody() ? "application/json" : null,
                        endpoint.takesBody() ? ApiClient.json(endpoint.body().apply(resources)) : null);
                soft.assertThat(response.status()).as("%s %s → %s", endpoint, path, response).isBetween(400, 499);
            }
        }
        for (String query : List.of("page=1;DROP TABLE monitors", "size=' OR 1=1", "page=1e3", "size=-0",
                "page=%00", "resourceType=MONITOR'--", "resourceId=' OR ''='")) {
            for (String list : List.of("/api/v1/monitors", "/api/v1/members", "/api/v1/audit-log")) {
                ApiClient.Response response = tenant.owner().get(list + "?" + query.replace(" ", "%20"));
                soft.assertThat(response.status()).as("%s?%s → %s", list, query, response).isLessThan(500);
            }
        }
        soft.assertAll();
    }

    private ApiClient.Response send(Case c, String body) {
        ApiClient client = c.endpoint().template().equals("/api/v1/signup")
                || c.endpoint().template().equals("/api/v1/invitations/accept") ? tenant.owner().anonymous()
                : tenant.owner();
        return client.send(c.endpoint().method(), c.endpoint().path(resources), "application/json", body);
    }

    /**
     * Values that can never be valid where {@code valid} is: other JSON types, and broken text or numbers. The costly
     * ones (deep nesting, a 100 000-character string) go into top-level fields only; nested fields are read by the
     * same code.
     */
    private static List<String> wrongValuesFor(JsonNode valid, boolean topLevel) {
        List<String> wrong = new ArrayList<>();
        if (topLevel) {
            wrong.add("[".repeat(2000) + "]".repeat(2000));
            wrong.add("{\"a\":".repeat(1200) + "1" + "}".repeat(1200));
        }
        if (valid.isString()) {
            wrong.addAll(List.of("123", "true", "[]", "{\"a\":1}", "\"nul\\u0000\"", "\"lone\\ud800surrogate\"",
                    "\"bell\\u0007\""));
            if (topLevel) {
                // Longer than the longest text any field takes (a postmortem's body: 100 000 characters).
                wrong.add(JSON.writeValueAsString("x".repeat(100_001)));
            }
        } else if (valid.isInt() || valid.isLong()) {
            wrong.addAll(List.of("\"60\"", "60.5", "true", "{}", "-1", "1e400", "99999999999999999999", "\"\""));
        } else if (valid.isBoolean()) {
            wrong.addAll(List.of("\"true\"", "1", "{}"));
        } else if (valid.isArray()) {
            wrong.addAll(List.of("\"a\"", "{}", "[[[[[]]]]]"));
        } else if (valid.isObject()) {
            wrong.addAll(List.of("\"a\"", "[]", "1"));
        }
        return wrong;
    }

    /** Every field, nested ones included: {@code name}, {@code headers.Accept}, {@code assertions[0].target}. */
    private static List<String> leafPaths(JsonNode node, String prefix) {
        List<String> paths = new ArrayList<>();
        if (!prefix.isEmpty()) {
            paths.add(prefix);
        }
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                paths.addAll(leafPaths(node.get(name), prefix.isEmpty() ? name : prefix + "." + name));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                paths.addAll(leafPaths(node.get(i), prefix + "[" + i + "]"));
            }
        }
        return paths;
    }

    private static JsonNode valueAt(JsonNode root, String path) {
        JsonNode node = root;
        for (String step : steps(path)) {
            node = step.startsWith("[") ? node.get(Integer.parseInt(step.substring(1, step.length() - 1)))
                    : node.get(step);
        }
        return node;
    }

    /** The document with the value at {@code path} replaced by raw JSON text. */
    private static String substitute(ObjectNode root, String path, String rawJson) {
        ObjectNode copy = root.deepCopy();
        JsonNode parent = copy;
        List<String> steps = steps(path);
        for (String step : steps.subList(0, steps.size() - 1)) {
            parent = step.startsWith("[") ? parent.get(Integer.parseInt(step.substring(1, step.length() - 1)))
                    : parent.get(step);
        }
        String last = steps.getLast();
        if (last.startsWith("[")) {
            ((ArrayNode) parent).set(Integer.parseInt(last.substring(1, last.length() - 1)), "@@RAW@@");
        } else {
            ((ObjectNode) parent).put(last, "@@RAW@@");
        }
        return copy.toString().replace(RAW, rawJson);
    }

    private static List<String> steps(String path) {
        List<String> steps = new ArrayList<>();
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            if (bracket < 0) {
                steps.add(part);
                continue;
            }
            if (bracket > 0) {
                steps.add(part.substring(0, bracket));
            }
            for (String index : part.substring(bracket).split("(?=\\[)")) {
                steps.add(index);
            }
        }
        return steps;
    }

    private static String clip(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…(" + text.length() + ")" : text;
    }

    private record Case(Endpoint endpoint, ObjectNode body) {
    }

    private static final String RICH_HTTP = """
            {"name": "Rich", "type": "HTTP", "url": "https://example.com/health", "method": "POST",
             "headers": {"Accept": "application/json"}, "body": "{}", "followRedirects": false,
             "intervalSeconds": 60, "timeoutMs": 5000, "regions": ["local-a", "local-b"], "confirmations": 1,
             "assertions": [{"source": "BODY", "comparison": "CONTAINS", "target": "ok"},
                            {"source": "JSON_PATH", "path": "$.status", "comparison": "EQUALS", "target": "up"}],
             "degradedAboveMs": 1000, "alertChannelIds": [], "paused": false}""";
    private static final String RICH_DNS = """
            {"name": "Rich DNS", "type": "DNS", "host": "example.com", "recordType": "MX", "resolver": "9.9.9.9:53",
             "assertions": [{"source": "DNS_ANSWER", "comparison": "CONTAINS", "target": "mail"}]}""";
    private static final String RICH_HEARTBEAT = """
            {"name": "Rich heartbeat", "type": "HEARTBEAT", "periodSeconds": 3600, "graceSeconds": 300}""";
    private static final String RICH_PLUGIN = """
            {"name": "Rich plugin", "type": "PLUGIN", "plugin": "check_ssh", "args": ["-H", "example.com"],
             "intervalSeconds": 300}""";
    private static final String RICH_TLS = """
            {"name": "Rich TLS", "type": "TLS", "host": "example.com", "port": 8443, "minDaysValid": 10}""";

}
