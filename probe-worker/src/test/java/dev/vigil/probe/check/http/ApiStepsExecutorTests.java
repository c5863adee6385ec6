package dev.vigil.probe.check.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.common.check.ApiStep;
import dev.vigil.common.check.ApiStepsCheck;
import dev.vigil.common.check.Assertion;
import dev.vigil.common.check.AssertionSource;
import dev.vigil.common.check.Comparison;
import dev.vigil.common.crypto.SealedColumns;
import dev.vigil.common.crypto.SecretBox;
import dev.vigil.common.json.WireJson;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.SyntheticRun;
import dev.vigil.common.net.GuardedHttpClient;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.net.TlsTrust;
import dev.vigil.probe.support.TestJobs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Multi-step API checks against a loopback app: step 1 logs in (the password a sealed workspace variable) and
 * extracts a token, step 2 reads a protected resource with it.
 */
class ApiStepsExecutorTests {

    private static final String PASSWORD = "correct horse battery";

    private final SecretBox box = SecretBox.ofBase64Key(randomKey());
    private final ApiStepsExecutor executor = new ApiStepsExecutor(new GuardedHttpClient(TestJobs.localGuard()),
            TlsTrust.withExtraCertificates(null), 1 << 20, new WorkspaceVariables(() -> box));
    private HttpServer app;
    private String base;

    @BeforeEach
    void startApp() throws IOException {
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/login", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (body.equals("{\"user\":\"ada\",\"password\":\"" + PASSWORD + "\"}")) {
                exchange.getResponseHeaders().add("X-Session", "s-77");
                send(exchange, 200, "{\"token\":\"tok-42\",\"expires\":3600}");
            } else {
                // Echoes what it was sent: the result must not carry the secret back.
                send(exchange, 401, "{\"error\":\"bad credentials\",\"got\":" + body + "}");
            }
        });
        app.createContext("/account", exchange -> {
            if ("Bearer tok-42".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 200, "{\"name\":\"Ada\",\"plan\":\"pro\"}");
            } else {
                send(exchange, 401, "{\"error\":\"no token\"}");
            }
        });
        app.createContext("/redirect-to-metadata", exchange -> {
            send(exchange, 200, "{\"next\":\"http://169.254.169.254/latest/meta-data/\"}");
        });
        app.start();
        base = "http://127.0.0.1:" + app.getAddress().getPort();
    }

    @AfterEach
    void stopApp() {
        app.stop(0);
    }

    @Test
    void logsInWithATokenAndReadsAProtectedResource() {
        CheckOutcome outcome = executor.execute(job(loginThenAccount(), PASSWORD));

        assertThat(outcome.ok()).as(outcome.message()).isTrue();
        SyntheticRun run = outcome.synthetic();
        assertThat(run.failedStep()).isNull();
        assertThat(run.steps()).extracting(SyntheticRun.StepRun::name).containsExactly("log in", "read account");
        assertThat(run.steps()).allMatch(SyntheticRun.StepRun::ok);
        assertThat(run.steps().get(0).extracted()).containsExactly("token", "session");
        assertThat(run.steps().get(1).statusCode()).isEqualTo(200);
        assertThat(run.steps().get(1).timings().firstByteMs()).isNotNull();
        assertThat(outcome.latencyMs()).isGreaterThanOrEqualTo(
                run.steps().get(0).durationMs() + run.steps().get(1).durationMs());
    }

    @Test
    void aRegexExtractionYieldsItsFirstGroupForTheNextStep() {
        ApiStep login = new ApiStep("log in", base + "/login", "POST", Map.of("Content-Type", "application/json"),
                "{\"user\":\"ada\",\"password\":\"{{vars.PASSWORD}}\"}", false, List.of(),
                List.of(new ApiStep.Extraction("number", ApiStep.Source.REGEX, "\"token\":\"tok-(\\d+)\"")));
        // Only the right number rebuilds the token the account accepts.
        ApiStep account = new ApiStep("read account", base + "/account", "GET",
                Map.of("Authorization", "Bearer tok-{{number}}"), null, false,
                List.of(Assertion.of(AssertionSource.STATUS_CODE, Comparison.EQUALS, "200")), List.of());
        CheckOutcome outcome = executor.execute(job(new ApiStepsCheck(List.of(login, account)), PASSWORD));

        assertThat(outcome.ok()).as(outcome.message()).isTrue();
        assertThat(outcome.synthetic().steps().get(0).extracted()).containsExactly("number");
    }

    @Test
    void aWrongPasswordFailsAtStepOneNamingTheAssertion() {
        CheckOutcome outcome = executor.execute(job(loginThenAccount(), "wrong password"));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.ASSERTION);
        assertThat(outcome.synthetic().failedStep()).isZero();
        assertThat(outcome.synthetic().steps()).hasSize(1);
        assertThat(outcome.message()).startsWith("step 1 (log in): expected status code to equal \"200\"")
                .contains("401");
        assertThat(outcome.assertions()).filteredOn(a -> !a.passed()).first()
                .satisfies(a -> assertThat(a.message()).startsWith("step 1 (log in):"));
    }

    @Test
    void aWorkspaceVariableNeverTravelsBackInTheResult() {
        ApiStep login = new ApiStep("log in", base + "/login", "POST", Map.of("Content-Type", "application/json"),
                "{\"user\":\"ada\",\"password\":\"{{vars.PASSWORD}}\"}", false,
                List.of(Assertion.of(AssertionSource.BODY, Comparison.CONTAINS, "tok-")), List.of());
        // The app echoes the (wrong) password it was sent in its 401 body; the body assertion shows what it saw.
        CheckOutcome outcome = executor.execute(job(new ApiStepsCheck(List.of(login)), "hunter2-secret"));

        assertThat(outcome.ok()).isFalse();
        String wire = WireJson.write(outcome.synthetic()) + outcome.message() + WireJson.write(outcome.assertions());
        assertThat(wire).doesNotContain("hunter2-secret").contains("[redacted]");
    }

    @Test
    void aStepUsingAnUnsetVariableFailsSayingWhich() {
        ApiStep account = new ApiStep("read", base + "/account", "GET", Map.of("Authorization", "Bearer {{token}}"),
                null, false, List.of(), List.of());
        CheckOutcome outcome = executor.execute(TestJobs.job(new ApiStepsCheck(List.of(account)), 20_000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).isEqualTo("step 1 (read): no earlier step extracted {{token}}");
    }

    @Test
    void anExtractedUrlPointingAtTheMetadataServiceIsRefusedByTheGuard() {
        ApiStep first = new ApiStep("discover", base + "/redirect-to-metadata", "GET", Map.of(), null, false,
                List.of(), List.of(new ApiStep.Extraction("next", ApiStep.Source.JSON_PATH, "$.next")));
        ApiStep second = new ApiStep("follow", "{{next}}", "GET", Map.of(), null, false, List.of(), List.of());
        CheckOutcome outcome = executor.execute(TestJobs.job(new ApiStepsCheck(List.of(first, second)), 20_000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.BLOCKED);
        assertThat(outcome.synthetic().failedStep()).isEqualTo(1);
    }

    @Test
    void aHostileExtractionRegexIsStoppedByItsTimeBudget() {
        ApiStep step = new ApiStep("regex", base + "/account", "GET", Map.of(), null, false,
                List.of(Assertion.of(AssertionSource.STATUS_CODE, Comparison.EQUALS, "401")),
                List.of(new ApiStep.Extraction("x", ApiStep.Source.REGEX, "(.*a){25}$")));
        long started = System.nanoTime();
        CheckOutcome outcome = executor.execute(TestJobs.job(new ApiStepsCheck(List.of(step)), 20_000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).contains("could not extract a variable");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(15_000);
    }

    private ApiStepsCheck loginThenAccount() {
        ApiStep login = new ApiStep("log in", base + "/login", "POST", Map.of("Content-Type", "application/json"),
                "{\"user\":\"ada\",\"password\":\"{{vars.PASSWORD}}\"}", false,
                List.of(Assertion.of(AssertionSource.STATUS_CODE, Comparison.EQUALS, "200")),
                List.of(new ApiStep.Extraction("token", ApiStep.Source.JSON_PATH, "$.token"),
                        new ApiStep.Extraction("session", ApiStep.Source.HEADER, "X-Session")));
        ApiStep account = new ApiStep("read account", base + "/account", "GET",
                Map.of("Authorization", "Bearer {{token}}"), null, false,
                List.of(Assertion.of(AssertionSource.STATUS_CODE, Comparison.EQUALS, "200"),
                        new Assertion(AssertionSource.JSON_PATH, "$.name", Comparison.EQUALS, "Ada")),
                List.of());
        return new ApiStepsCheck(List.of(login, account));
    }

    private CheckJob job(ApiStepsCheck check, String password) {
        CheckJob job = TestJobs.job(check, 20_000);
        return job.withVariables(Map.of("PASSWORD",
                box.seal(password, SealedColumns.workspaceVariable(job.workspaceId(), "PASSWORD"))));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
