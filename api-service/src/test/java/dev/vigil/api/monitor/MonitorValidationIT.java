package dev.vigil.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Bad input, field by field, for every monitor type: each case is refused with 400, names the field, says what is
 * wrong in words (never a stack trace or a Java type), and creates nothing.
 */
@ApiServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitorValidationIT {

    private static final Map<String, Object> HTTP = Map.of("name", "Site", "type", "HTTP",
            "url", "https://example.com/health");
    private static final Map<String, Object> TCP = Map.of("name", "Port", "type", "TCP", "host", "example.com",
            "port", 22);
    private static final Map<String, Object> DNS = Map.of("name", "Name", "type", "DNS", "host", "example.com");
    private static final Map<String, Object> TLS = Map.of("name", "Cert", "type", "TLS", "host", "example.com");
    private static final Map<String, Object> HEARTBEAT = Map.of("name", "Job", "type", "HEARTBEAT",
            "periodSeconds", 3600);
    private static final Map<String, Object> PLUGIN = Map.of("name", "Plugin", "type", "PLUGIN",
            "plugin", "check_ssh");

    @LocalServerPort
    int port;

    private ApiClient api;

    @BeforeAll
    void signUp() {
        api = new ApiClient(port).signUp();
    }

    Stream<Arguments> invalidMonitors() {
        return Stream.of(
                // common fields
                bad(HTTP, "name", ""), bad(HTTP, "name", "x".repeat(201)), bad(HTTP, "name", "bell\u0007"),
                bad(HTTP, "name", "nul\u0000"),
                bad(without(HTTP, "type"), "type"), bad(HTTP, "type", "SNMP"), bad(HTTP, "type", "http"),
                bad(HTTP, "intervalSeconds", 10), bad(HTTP, "intervalSeconds", 86_401),
                bad(HTTP, "intervalSeconds", "60"), bad(HTTP, "intervalSeconds", 60.5),
                bad(HTTP, "timeoutMs", 50), bad(HTTP, "timeoutMs", 70_000),
                bad(with(HTTP, "intervalSeconds", 30), "timeoutMs", 40_000),
                bad(HTTP, "regions", List.of("mars-1")), bad(HTTP, "regions", "local-a"),
                bad(HTTP, "regions[1]", "regions", listOf("local-a", null)),
                bad(HTTP, "confirmations", 3), bad(HTTP, "confirmations", -1),
                bad(with(HTTP, "regions", List.of("local-a")), "confirmations", 1),
                bad(HTTP, "degradedAboveMs", 0), bad(HTTP, "degradedAboveMs", 20_000),
                bad(HTTP, "alertChannelIds", List.of(UUID.randomUUID().toString())),
                bad(HTTP, "alertChannelIds[0]", "alertChannelIds", List.of("not-a-uuid")),
                bad(HTTP, "paused", "no"), bad(HTTP, "colour", "blue"),
                // HTTP
                bad(without(HTTP, "url"), "url"), bad(HTTP, "url", "ftp://example.com"),
                bad(HTTP, "url", "not a url"), bad(HTTP, "url", "https://"), bad(HTTP, "url", "example.com/health"),
                bad(HTTP, "url", "https://user:pw@example.com/"), bad(HTTP, "url", "https://exa mple.com"),
                bad(HTTP, "url", "https://-bad-.example.com/"), bad(HTTP, "url", "https://1.2.3/"),
                bad(HTTP, "url", "https://example.com/" + "a".repeat(2100)), bad(HTTP, "url", 42),
                bad(HTTP, "method", "FETCH"),
                bad(HTTP, "headers.Bad Header", "headers", Map.of("Bad Header", "x")),
                bad(HTTP, "headers.Host", "headers", Map.of("Host", "evil.example")),
                bad(HTTP, "headers.X-Split", "headers", Map.of("X-Split", "a\r\nInjected: yes")),
                bad(HTTP, "headers.X-Null", "headers", mapOf("X-Null", null)),
                bad(HTTP, "headers", manyHeaders(51)),
                bad(HTTP, "headers.accept", "headers", mapOf("Accept", "a", "accept", "b")),
                bad(HTTP, "body", "{\"a\":1}"), bad(with(HTTP, "method", "POST"), "body", "x".repeat(70_000)),
                bad(HTTP, "followRedirects", "yes"),
                // assertions
                badAssertion("assertions[0].target", Map.of("source", "STATUS_CODE", "comparison", "EQUALS",
                        "target", "abc")),
                badAssertion("assertions[0].target", Map.of("source", "STATUS_CODE", "comparison", "EQUALS",
                        "target", "700")),
                badAssertion("assertions[0].path", Map.of("source", "JSON_PATH", "comparison", "EQUALS",
                        "target", "up")),
                badAssertion("assertions[0].path", Map.of("source", "JSON_PATH", "path", "$[?(@.a ==",
                        "comparison", "EQUALS", "target", "up")),
                badAssertion("assertions[0].path", Map.of("source", "JSON_PATH", "path", "status",
                        "comparison", "EQUALS", "target", "up")),
                badAssertion("assertions[0].path", Map.of("source", "HEADER", "path", "content type",
                        "comparison", "CONTAINS", "target", "json")),
                badAssertion("assertions[0].path", Map.of("source", "BODY", "path", "$.x", "comparison", "CONTAINS",
                        "target", "ok")),
                badAssertion("assertions[0].comparison", Map.of("source", "RESPONSE_TIME_MS",
                        "comparison", "EQUALS", "target", "200")),
                badAssertion("assertions[0].target", Map.of("source", "RESPONSE_TIME_MS", "comparison", "LESS_THAN",
                        "target", "fast")),
                badAssertion("assertions[0].target", Map.of("source", "BODY", "comparison", "GREATER_THAN",
                        "target", "abc")),
                badAssertion("assertions[0].target", Map.of("source", "BODY", "comparison", "MATCHES",
                        "target", "([unclosed")),
                badAssertion("assertions[0].source", Map.of("source", "DNS_ANSWER", "comparison", "EQUALS",
                        "target", "1.2.3.4")),
                badAssertion("assertions[0].source", Map.of("source", "FOO", "comparison", "EQUALS",
                        "target", "x")),
                badAssertion("assertions[0].source", Map.of("comparison", "EQUALS", "target", "x")),
                badAssertion("assertions[0].target", Map.of("source", "BODY", "comparison", "CONTAINS")),
                badAssertion("assertions[0].extra", Map.of("source", "BODY", "comparison", "CONTAINS",
                        "target", "x", "extra", 1)),
                bad(HTTP, "assertions[0]", "assertions", listOf((Object) null)),
                bad(HTTP, "assertions", "assertions", IntStream.range(0, 21).mapToObj(i -> Map.of(
                        "source", "BODY", "comparison", "CONTAINS", "target", "x" + i)).toList()),
                // fields of another type
                bad(HTTP, "host", "example.com"), bad(HTTP, "port", 80), bad(HTTP, "periodSeconds", 60),
                bad(HTTP, "plugin", "check_ssh"),
                // TCP
                bad(without(TCP, "host"), "host"), bad(TCP, "host", "exa_mple.com"), bad(TCP, "host", "a..b"),
                bad(TCP, "host", "x".repeat(300)), bad(without(TCP, "port"), "port"), bad(TCP, "port", 70_000),
                bad(TCP, "port", 0), bad(TCP, "url", "https://example.com"), bad(TCP, "recordType", "A"),
                // DNS
                bad(DNS, "host", "1.2.3.4"), bad(DNS, "recordType", "SRV"), bad(DNS, "resolver", "dns.google"),
                bad(DNS, "resolver", "9.9.9.9:99999"), bad(DNS, "resolver", "[::1"), bad(DNS, "port", 53),
                bad(DNS, "assertions[0].source", "assertions", List.of(Map.of("source", "STATUS_CODE",
                        "comparison", "EQUALS", "target", "200"))),
                // TLS
                bad(without(TLS, "host"), "host"), bad(TLS, "minDaysValid", -1), bad(TLS, "minDaysValid", 4000),
                bad(TLS, "port", 0), bad(TLS, "assertions", List.of(Map.of("source", "BODY",
                        "comparison", "CONTAINS", "target", "x"))),
                // HEARTBEAT
                bad(without(HEARTBEAT, "periodSeconds"), "periodSeconds"), bad(HEARTBEAT, "periodSeconds", 5),
                bad(HEARTBEAT, "periodSeconds", 99_999_999), bad(HEARTBEAT, "graceSeconds", -1),
                bad(HEARTBEAT, "graceSeconds", 700_000), bad(HEARTBEAT, "intervalSeconds", 60),
                bad(HEARTBEAT, "regions", List.of("local-a")), bad(HEARTBEAT, "timeoutMs", 1000),
                bad(HEARTBEAT, "confirmations", 1), bad(HEARTBEAT, "url", "https://example.com"),
                bad(HEARTBEAT, "degradedAboveMs", 100),
                bad(HEARTBEAT, "noise", Map.of("recoveryRounds", 2)),
                // noise settings (issue 19)
                bad(HTTP, "noise.failuresInRow", "noise", Map.of("failuresInRow", 0)),
                bad(HTTP, "noise.failuresInRow", "noise", Map.of("failuresInRow", 11)),
                bad(HTTP, "noise.recoveryRounds", "noise", Map.of("recoveryRounds", 0)),
                bad(HTTP, "noise.recoveryRounds", "noise", Map.of("recoveryRounds", 11)),
                bad(HTTP, "noise.flapTransitions", "noise", Map.of("flapTransitions", 1)),
                bad(HTTP, "noise.flapTransitions", "noise", Map.of("flapTransitions", 51)),
                bad(HTTP, "noise.flapWindowRounds", "noise", Map.of("flapWindowRounds", 1)),
                bad(HTTP, "noise.flapWindowRounds", "noise", Map.of("flapWindowRounds", 201)),
                bad(HTTP, "noise.flapTransitions", "noise", Map.of("flapTransitions", 10, "flapWindowRounds", 5)),
                // PLUGIN
                bad(without(PLUGIN, "plugin"), "plugin"), bad(PLUGIN, "plugin", "../../bin/sh"),
                bad(PLUGIN, "plugin", "/usr/lib/nagios/plugins/check_ssh"), bad(PLUGIN, "plugin", ".hidden"),
                bad(PLUGIN, "plugin", "check ssh; rm -rf /"), bad(PLUGIN, "args[1]", "args", listOf("-H", null)),
                bad(PLUGIN, "args", "args", IntStream.range(0, 33).mapToObj(i -> "-v").toList()),
                bad(PLUGIN, "args[0]", "args", List.of("line\nbreak")),
                bad(PLUGIN, "args[0]", "args", List.of("x".repeat(2000))), bad(PLUGIN, "args", "-H"),
                // the plugin list: plugins off it, options that read files or follow redirects, values naming files
                bad(with(PLUGIN, "args", List.of("-F", "/etc/passwd")), "plugin", "plugin", "check_log"),
                bad(PLUGIN, "plugin", "check_by_ssh"), bad(PLUGIN, "plugin", "negate"),
                bad(with(PLUGIN, "plugin", "check_http"), "args", "args", List.of("-H", "example.com", "-f", "follow")),
                bad(with(PLUGIN, "plugin", "check_http"), "args", "args", List.of("-J", "/etc/ssl/private/key.pem")),
                bad(with(PLUGIN, "plugin", "check_tcp"), "args", "args", List.of("-H", "/run/docker.sock")),
                bad(with(PLUGIN, "plugin", "check_tcp"), "args", "args", List.of("--extra-opts=@/etc/passwd")),
                bad(PLUGIN, "args", "args", List.of("-H", "example.com", "positional")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidMonitors")
    void isRefusedNamingTheField(String description, String field, Map<String, Object> monitor) {
        long before = api.get("/api/v1/monitors").json().get("total").asLong();

        ApiClient.Response response = api.post("/api/v1/monitors", monitor);

        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.errorFields()).as("%s", response).contains(field);
        assertThat(response.errorFor(field)).isNotBlank().doesNotContain("Exception").doesNotContain("java.")
                .doesNotContain("tools.jackson").doesNotContain("dev.vigil");
        assertThat(api.get("/api/v1/monitors").json().get("total").asLong()).isEqualTo(before);
    }

    /** A lone surrogate only survives the trip as a JSON escape (an encoder would turn it into '?'). */
    @org.junit.jupiter.api.Test
    void aLoneSurrogateIsNotText() {
        ApiClient.Response response = api.postRaw("/api/v1/monitors",
                "{\"name\":\"lone \\ud800 surrogate\",\"type\":\"TCP\",\"host\":\"example.com\",\"port\":22}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFor("name")).contains("lone surrogate");
    }

    /** The same checks guard PUT: the monitor keeps its old definition. */
    @ParameterizedTest(name = "PUT {0}")
    @MethodSource("invalidMonitors")
    void isRefusedOnReplacementTooAndChangesNothing(String description, String field, Map<String, Object> monitor) {
        String path = "/api/v1/monitors/" + api.post("/api/v1/monitors", HTTP).json().get("id").asString();
        String before = api.get(path).body();

        ApiClient.Response response = api.put(path, monitor);

        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(response.errorFields()).contains(field);
        assertThat(api.get(path).body()).isEqualTo(before);
        api.delete(path);
    }

    private static Arguments bad(Map<String, Object> base, String field, Object value) {
        return bad(base, field, field, value);
    }

    private static Arguments bad(Map<String, Object> base, String expectedField, String field, Object value) {
        String shown = String.valueOf(value);
        shown = shown.length() > 40 ? shown.substring(0, 40) + "…" : shown;
        return Arguments.of(base.get("type") + " " + field + "=" + shown.replaceAll("\\p{Cntrl}", "?"),
                expectedField, with(base, field, value));
    }

    /** A base monitor without a required field. */
    private static Arguments bad(Map<String, Object> monitor, String expectedField) {
        return Arguments.of(monitor.get("type") + " without " + expectedField, expectedField, monitor);
    }

    private static Arguments badAssertion(String expectedField, Map<String, Object> assertion) {
        return bad(HTTP, expectedField, "assertions", List.of(assertion));
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, Object> without(Map<String, Object> base, String key) {
        Map<String, Object> copy = new LinkedHashMap<>(base);
        copy.remove(key);
        return copy;
    }

    private static Map<String, Object> manyHeaders(int count) {
        Map<String, Object> headers = new HashMap<>();
        IntStream.range(0, count).forEach(i -> headers.put("X-H" + i, "v"));
        return headers;
    }

    private static Map<String, Object> mapOf(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static List<Object> listOf(Object... values) {
        return new ArrayList<>(java.util.Arrays.asList(values));
    }
}
