package dev.vigil.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Every kind of error is an RFC 9457 problem document with type, title, status, detail and instance. */
@ApiServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorResponsesIT {

    @LocalServerPort
    int port;

    private Tenant tenant;

    @BeforeAll
    void tenant() {
        tenant = Tenant.create(port);
    }

    @Test
    void unauthorizedForbiddenAndNotFoundAreProblems() {
        assertProblem(tenant.owner().anonymous().get("/api/v1/monitors"), 401);
        assertProblem(tenant.viewer().post("/api/v1/monitors", Map.of()), 403);
        assertProblem(tenant.owner().get("/api/v1/monitors/" + UUID.randomUUID()), 404);
        assertProblem(tenant.owner().get("/api/v1/no-such-thing"), 404);
        assertProblem(tenant.owner().get("/api/v2/monitors"), 404);
        assertProblem(tenant.owner().anonymous().get("/error"), 404);
    }

    @Test
    void aUrlTheFirewallRefusesIsAProblemToo() {
        assertProblem(tenant.owner().get("/api/v1/monitors;jsessionid=x"), 400);
        assertProblem(tenant.owner().get("/api/v1/monitors/%2e%2e/api-keys"), 400);
        assertProblem(tenant.owner().get("/api/v1/monitors/a%2Fb"), 400);
    }

    @Test
    void anUnsupportedMethodIs405WithTheAllowedOnes() {
        String monitor = tenant.owner().post("/api/v1/monitors", Map.of("name", "m", "type", "TCP",
                "host", "example.com", "port", 22)).json().get("id").asString();

        ApiClient.Response patch = tenant.owner().send("PATCH", "/api/v1/monitors/" + monitor, "application/json",
                "{}");
        ApiClient.Response delete = tenant.owner().delete("/api/v1/regions");

        assertProblem(patch, 405);
        assertThat(patch.header("Allow")).contains("GET").contains("PUT").contains("DELETE");
        assertProblem(delete, 405);
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        ApiClient.Response text = tenant.owner().send("POST", "/api/v1/monitors", "text/plain", "name=x");
        ApiClient.Response form = tenant.owner().send("POST", "/api/v1/monitors",
                "application/x-www-form-urlencoded", "name=x");
        ApiClient.Response none = tenant.owner().send("POST", "/api/v1/monitors", null, "{}");

        assertProblem(text, 415);
        assertProblem(form, 415);
        assertProblem(none, 415);
    }

    @Test
    void malformedJsonIs400SayingWhatIsWrong() {
        for (String body : new String[] {"{\"name\": ", "{name: 'x'}", "", "null", "[]", "\"text\"", "42",
                "{\"name\":\"a\",\"name\":\"b\",\"type\":\"TCP\"}", "{\"name\":\"a\"} trailing",
                "{\"name\":\"a\" /* comment */}", "{\"intervalSeconds\": NaN}", "\uFEFF{}"}) {
            ApiClient.Response response = tenant.owner().postRaw("/api/v1/monitors", body);
            assertProblem(response, 400);
            assertThat(response.json().get("errors").get(0).get("message").asString()).as(body).isNotBlank()
                    .doesNotContain("tools.jackson").doesNotContain("dev.vigil");
        }
    }

    @Test
    void aNumberTooBigForItsFieldIsNamed() {
        ApiClient.Response response = tenant.owner().postRaw("/api/v1/monitors",
                "{\"name\":\"a\",\"type\":\"TCP\",\"host\":\"example.com\",\"port\":99999999999999999999}");

        assertProblem(response, 400);
        assertThat(response.errorFields()).containsExactly("port");
    }

    @Test
    void badPathAndQueryParametersAre400() {
        ApiClient.Response id = tenant.owner().get("/api/v1/monitors/12345");
        ApiClient.Response page = tenant.owner().get("/api/v1/monitors?page=99999999999");

        assertProblem(id, 400);
        assertThat(id.errorFor("id")).contains("not a valid id");
        assertProblem(page, 400);
        assertThat(page.errorFields()).containsExactly("page");
    }

    @Test
    void aBodyLargerThanTheLimitIs413WhetherDeclaredOrStreamed() {
        String huge = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";

        ApiClient.Response declared = tenant.owner().postRaw("/api/v1/monitors", huge);
        ApiClient.Response chunked = tenant.owner().send(tenant.owner().request("/api/v1/monitors")
                .header("Content-Type", "application/json").POST(chunked(huge)));

        assertProblem(declared, 413);
        assertProblem(chunked, 413);
    }

    private static void assertProblem(ApiClient.Response response, int status) {
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        assertThat(response.contentType()).as("%s", response).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).as("%s", response).isEqualTo(status);
        assertThat(problem.get("title").asString()).as("%s", response).isNotBlank();
        assertThat(problem.get("detail").asString()).as("%s", response).isNotBlank();
        assertThat(problem.has("type")).as("%s", response).isTrue();
        assertThat(problem.get("instance").asString()).as("%s", response).startsWith("/");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** A body without Content-Length (Transfer-Encoding: chunked). */
    private static HttpRequest.BodyPublisher chunked(String body) {
        HttpRequest.BodyPublisher known = HttpRequest.BodyPublishers.ofString(body);
        return new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                known.subscribe(subscriber);
            }
        };
    }
}
