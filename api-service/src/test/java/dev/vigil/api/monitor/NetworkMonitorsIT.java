package dev.vigil.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * PING, UDP, DOMAIN, SMTP, IMAP and POP3 monitors through the API (issue 17): defaults, what a client reads back and
 * can PUT back, and bad input refused field by field with problem+json, changing nothing.
 */
@ApiServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkMonitorsIT {

    private static final Map<String, Object> PING = Map.of("name", "Router", "type", "PING", "host", "example.com");
    private static final Map<String, Object> UDP = Map.of("name", "Game server", "type", "UDP",
            "host", "example.com", "port", 27015);
    private static final Map<String, Object> DOMAIN = Map.of("name", "Domain", "type", "DOMAIN",
            "host", "example.com");
    private static final Map<String, Object> SMTP = Map.of("name", "Mail", "type", "SMTP", "host", "mx.example.com");
    private static final Map<String, Object> IMAP = Map.of("name", "Inbox", "type", "IMAP",
            "host", "imap.example.com");
    private static final Map<String, Object> POP3 = Map.of("name", "Pop", "type", "POP3", "host", "pop.example.com");

    @LocalServerPort
    int port;

    private ApiClient api;

    @BeforeAll
    void signUp() {
        api = new ApiClient(port).signUp();
    }

    @Test
    void eachTypeIsCreatedWithItsDefaultsAndReadsBackAsItCanBePut() {
        JsonNode ping = created(PING);
        JsonNode udp = created(with(with(UDP, "payload", "status\n"), "assertions",
                List.of(Map.of("source", "BODY", "comparison", "MATCHES", "target", "^OK"))));
        JsonNode domain = created(DOMAIN);
        JsonNode smtp = created(SMTP);
        JsonNode imaps = created(with(IMAP, "port", 993));
        JsonNode pop3 = created(with(with(POP3, "tlsMode", "NONE"), "port", 1110));

        assertThat(ping.get("packetCount").asInt()).isEqualTo(3);
        assertThat(ping.get("maxPacketLossPercent").asInt()).isEqualTo(50);
        assertThat(ping.has("port")).isFalse();
        assertThat(udp.get("payload").asString()).isEqualTo("status\n");
        assertThat(udp.get("payloadEncoding").asString()).isEqualTo("TEXT");
        assertThat(udp.get("assertions").get(0).get("target").asString()).isEqualTo("^OK");
        assertThat(domain.get("host").asString()).isEqualTo("example.com");
        assertThat(domain.get("minDaysValid").asInt()).isEqualTo(30);
        assertThat(smtp.get("port").asInt()).isEqualTo(25);
        assertThat(smtp.get("tlsMode").asString()).isEqualTo("STARTTLS");
        assertThat(smtp.get("minDaysValid").asInt()).isEqualTo(14);
        assertThat(imaps.get("tlsMode").asString()).isEqualTo("IMPLICIT");
        assertThat(pop3.get("tlsMode").asString()).isEqualTo("NONE");
        assertThat(pop3.has("minDaysValid")).isFalse();

        for (JsonNode monitor : List.of(ping, udp, domain, smtp, imaps, pop3)) {
            String path = "/api/v1/monitors/" + monitor.get("id").asString();
            ApiClient.Response put = api.put(path, monitor);
            assertThat(put.status()).as("%s", put).isEqualTo(200);
            assertThat(put.json().get("type").asString()).isEqualTo(monitor.get("type").asString());
        }
    }

    @Test
    void hexPayloadsAreNormalisedAndPortsFollowTheTlsMode() {
        JsonNode udp = created(with(with(UDP, "payloadEncoding", "hex"), "payload", "DE AD be ef"));
        JsonNode smtps = created(with(SMTP, "tlsMode", "IMPLICIT"));
        JsonNode pop3 = created(POP3);

        assertThat(udp.get("payload").asString()).isEqualTo("deadbeef");
        assertThat(udp.get("payloadEncoding").asString()).isEqualTo("HEX");
        assertThat(smtps.get("port").asInt()).isEqualTo(465);
        assertThat(pop3.get("port").asInt()).isEqualTo(110);
    }

    Stream<Arguments> invalidMonitors() {
        return Stream.of(
                // PING
                bad(without(PING, "host"), "host"), bad(PING, "host", "not a host"),
                bad(PING, "packetCount", 0), bad(PING, "packetCount", 11),
                bad(PING, "maxPacketLossPercent", -1), bad(PING, "maxPacketLossPercent", 100),
                bad(PING, "port", 7), bad(PING, "payload", "x"), bad(PING, "tlsMode", "NONE"),
                // UDP
                bad(without(UDP, "port"), "port"), bad(UDP, "port", 70_000), bad(without(UDP, "host"), "host"),
                bad(UDP, "payloadEncoding", "BASE64"),
                bad(with(UDP, "payloadEncoding", "HEX"), "payload", "abc"),
                bad(with(UDP, "payloadEncoding", "HEX"), "payload", "zz"),
                bad(UDP, "payload", "x".repeat(4097)), bad(UDP, "payload", "nul\u0000"),
                bad(UDP, "assertions[0].source", "assertions",
                        List.of(Map.of("source", "STATUS_CODE", "comparison", "EQUALS", "target", "200"))),
                bad(UDP, "assertions[0].target", "assertions",
                        List.of(Map.of("source", "BODY", "comparison", "MATCHES", "target", "([unclosed"))),
                bad(UDP, "packetCount", 3),
                // DOMAIN
                bad(without(DOMAIN, "host"), "host"), bad(DOMAIN, "host", "com"), bad(DOMAIN, "host", "192.0.2.1"),
                bad(DOMAIN, "host", "bad_label!.com"), bad(DOMAIN, "minDaysValid", -1),
                bad(DOMAIN, "minDaysValid", 4000), bad(DOMAIN, "port", 43),
                // SMTP, IMAP, POP3
                bad(without(SMTP, "host"), "host"), bad(SMTP, "port", 0), bad(IMAP, "tlsMode", "SSL"),
                bad(with(POP3, "tlsMode", "NONE"), "minDaysValid", 14), bad(SMTP, "minDaysValid", 5000),
                bad(IMAP, "payload", "a1 NOOP"), bad(POP3, "assertions",
                        List.of(Map.of("source", "BODY", "comparison", "CONTAINS", "target", "+OK"))),
                // fields of the new types on other types
                bad(Map.of("name", "Cert", "type", "TLS", "host", "example.com"), "tlsMode", "STARTTLS"),
                bad(Map.of("name", "Port", "type", "TCP", "host", "example.com", "port", 22), "packetCount", 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidMonitors")
    void isRefusedNamingTheFieldAndCreatesNothing(String description, String field, Map<String, Object> monitor) {
        long before = api.get("/api/v1/monitors").json().get("total").asLong();

        ApiClient.Response response = api.post("/api/v1/monitors", monitor);

        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.errorFields()).as("%s", response).contains(field);
        assertThat(response.errorFor(field)).isNotBlank().doesNotContain("Exception").doesNotContain("java.")
                .doesNotContain("dev.vigil");
        assertThat(api.get("/api/v1/monitors").json().get("total").asLong()).isEqualTo(before);
    }

    @Test
    void aBadReplacementChangesNothing() {
        JsonNode smtp = created(SMTP);
        String path = "/api/v1/monitors/" + smtp.get("id").asString();
        String before = api.get(path).body();

        ApiClient.Response response = api.put(path, with(SMTP, "tlsMode", "TLS1.3"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFor("tlsMode")).contains("NONE, STARTTLS, IMPLICIT");
        assertThat(api.get(path).body()).isEqualTo(before);
    }

    private JsonNode created(Map<String, Object> monitor) {
        ApiClient.Response response = api.post("/api/v1/monitors", monitor);
        assertThat(response.status()).as("%s", response).isEqualTo(201);
        return response.json();
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

    private static Arguments bad(Map<String, Object> monitor, String expectedField) {
        return Arguments.of(monitor.get("type") + " without " + expectedField, expectedField, monitor);
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
}
