package dev.vigil.probe.check.assertion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.check.Assertion;
import dev.vigil.common.check.AssertionSource;
import dev.vigil.common.check.Comparison;
import dev.vigil.common.message.AssertionOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssertionEvaluatorTests {

    private static Observation http(int status, String body, Map<String, List<String>> headers, long ms) {
        return Observation.http(status, name -> headers.getOrDefault(name.toLowerCase(), List.of()), () -> body,
                false, ms);
    }

    private static AssertionOutcome judge(Assertion assertion, Observation observation) {
        return AssertionEvaluator.evaluate(assertion, observation);
    }

    @Test
    void statusCodeComparisonsWorkAsNumbersAndPatterns() {
        Observation seen = http(503, "", Map.of(), 10);

        assertThat(judge(Assertion.of(AssertionSource.STATUS_CODE, Comparison.EQUALS, "200"), seen).message())
                .isEqualTo("expected status code to equal \"200\" but was \"503\"");
        assertThat(judge(Assertion.of(AssertionSource.STATUS_CODE, Comparison.LESS_THAN, "500"), seen).passed())
                .isFalse();
        assertThat(judge(Assertion.of(AssertionSource.STATUS_CODE, Comparison.MATCHES, "^5\\d\\d$"), seen).passed())
                .isTrue();
        assertThat(judge(Assertion.of(AssertionSource.STATUS_CODE, Comparison.NOT_EQUALS, "200"), seen).passed())
                .isTrue();
    }

    @Test
    void aMissingHeaderFailsPositiveAndPassesNegativeComparisons() {
        Observation seen = http(200, "", Map.of("server", List.of("nginx")), 10);

        AssertionOutcome missing = judge(new Assertion(AssertionSource.HEADER, "X-Cache", Comparison.EQUALS, "HIT"),
                seen);

        assertThat(missing.passed()).isFalse();
        assertThat(missing.message()).isEqualTo("expected header x-cache to equal \"HIT\" but there was none");
        assertThat(judge(new Assertion(AssertionSource.HEADER, "X-Cache", Comparison.NOT_CONTAINS, "MISS"), seen)
                .passed()).isTrue();
        assertThat(judge(new Assertion(AssertionSource.HEADER, "Server", Comparison.CONTAINS, "nginx"), seen)
                .passed()).isTrue();
    }

    @Test
    void jsonPathsReadValuesAndExplainWhatWentWrong() {
        Observation seen = http(200, "{\"a\":{\"b\":[1,2,3]},\"ok\":true,\"n\":null}", Map.of(), 10);

        assertThat(judge(new Assertion(AssertionSource.JSON_PATH, "$.a.b.length()", Comparison.EQUALS, "3"), seen)
                .passed()).isTrue();
        assertThat(judge(new Assertion(AssertionSource.JSON_PATH, "$.ok", Comparison.EQUALS, "true"), seen).passed())
                .isTrue();
        assertThat(judge(new Assertion(AssertionSource.JSON_PATH, "$.a.b", Comparison.CONTAINS, "2"), seen).passed())
                .isTrue();
        assertThat(judge(new Assertion(AssertionSource.JSON_PATH, "$.missing", Comparison.EQUALS, "x"), seen)
                .message()).isEqualTo("expected JSON $.missing to equal \"x\" but there was none");
        assertThat(judge(new Assertion(AssertionSource.JSON_PATH, "$[", Comparison.EQUALS, "x"), seen).message())
                .startsWith("cannot check JSON $[: \"$[\" is not a valid JSON path");
        assertThat(judge(new Assertion(AssertionSource.JSON_PATH, "$.a", Comparison.EQUALS, "x"),
                http(200, "<html>", Map.of(), 1)).message()).isEqualTo("cannot check JSON $.a: the body is not JSON");
    }

    @Test
    void deeplyNestedJsonIsRefusedWithoutParsing() {
        String bomb = "[".repeat(100_000) + "]".repeat(100_000);

        AssertionOutcome outcome = judge(new Assertion(AssertionSource.JSON_PATH, "$[0]", Comparison.EQUALS, "x"),
                http(200, bomb, Map.of(), 1));

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.message()).contains("nested deeper than");
    }

    @Test
    void aCatastrophicPatternIsStoppedWithinItsBudget() {
        String input = "a".repeat(5_000) + "!";
        long start = System.nanoTime();

        AssertionOutcome outcome = judge(Assertion.of(AssertionSource.BODY, Comparison.MATCHES, "^(a+)+$"),
                http(200, input, Map.of(), 1));

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.message()).contains("regex exceeded its time budget");
        // Generous bound (shared CI cores): the point is that it ends, where unbounded matching would not.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aCatastrophicJsonPathFilterIsStoppedWithinItsBudget() {
        // The reported attack: one value of 4 KB, "aaaa…b", against /(.*a){12}/ held both cores until killed.
        String body = "[{\"v\":\"" + "a".repeat(4096) + "b\"}]";
        long start = System.nanoTime();

        AssertionOutcome outcome = judge(new Assertion(AssertionSource.JSON_PATH, "$[?(@.v =~ /(.*a){12}/)]",
                Comparison.CONTAINS, "a"), http(200, body, Map.of(), 1));

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.message()).startsWith("cannot check JSON $[?(@.v =~ /(.*a){12}/)]: regex exceeded its "
                + "time budget");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void theBudgetCoversAWholePathNotEachNode() {
        // 200 nodes each taking most of a per-match budget would add up to minutes; one budget covers them all.
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 200; i++) {
            body.append(i == 0 ? "" : ",").append("{\"v\":\"").append("a".repeat(30)).append("b\"}");
        }
        body.append(']');
        long start = System.nanoTime();

        AssertionOutcome outcome = judge(new Assertion(AssertionSource.JSON_PATH, "$[?(@.v =~ /(.*a){7}/)]",
                Comparison.CONTAINS, "a"), http(200, body.toString(), Map.of(), 1));

        assertThat(outcome.message()).contains("regex exceeded its time budget");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void jsonPathRegexFiltersStillSelectWhatTheyMatch() {
        Observation seen = http(200, "[{\"v\":\"up-1\",\"n\":1},{\"v\":\"down\",\"n\":2},"
                + "{\"v\":[\"x\",\"UP-3\"],\"n\":3},{\"v\":42,\"n\":4}]", Map.of(), 1);

        assertThat(judge(new Assertion(AssertionSource.JSON_PATH, "$[?(@.v =~ /up-\\d/)].n", Comparison.EQUALS,
                "1"), seen).actual()).isEqualTo("1");
        assertThat(judge(new Assertion(AssertionSource.JSON_PATH, "$[?(@.v =~ /up-\\d/i)].n", Comparison.EQUALS,
                "3"), seen).passed()).isTrue();
        assertThat(judge(new Assertion(AssertionSource.JSON_PATH, "$[?(@.v =~ /4\\d/)].n", Comparison.EQUALS,
                "4"), seen).passed()).isTrue();
        assertThat(judge(new Assertion(AssertionSource.JSON_PATH, "$[?(@.v =~ /nothing/)].n", Comparison.EQUALS,
                "1"), seen).message()).isEqualTo("expected JSON $[?(@.v =~ /nothing/)].n to equal \"1\" but there "
                + "was none");
    }

    @Test
    void anInvalidPatternOrNumberFailsWithAReason() {
        Observation seen = http(200, "body", Map.of(), 10);

        assertThat(judge(Assertion.of(AssertionSource.BODY, Comparison.MATCHES, "(unclosed"), seen).message())
                .startsWith("cannot check body: the pattern is not a valid regular expression");
        assertThat(judge(Assertion.of(AssertionSource.RESPONSE_TIME_MS, Comparison.LESS_THAN, "soon"), seen)
                .message()).isEqualTo("cannot check response time (ms): the target \"soon\" is not a number");
    }

    @Test
    void responseTimeIsComparedAsANumber() {
        Observation seen = http(200, "", Map.of(), 2350);

        AssertionOutcome outcome = judge(Assertion.of(AssertionSource.RESPONSE_TIME_MS, Comparison.LESS_THAN, "2000"),
                seen);

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.message()).isEqualTo("expected response time (ms) to be less than \"2000\" but was \"2350\"");
        assertThat(outcome.actual()).isEqualTo("2350");
    }

    @Test
    void anAssertionOnAnotherCheckTypesSourceFails() {
        AssertionOutcome outcome = judge(Assertion.of(AssertionSource.DNS_ANSWER, Comparison.EQUALS, "x"),
                http(200, "", Map.of(), 1));

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.message()).contains("do not apply");
    }
}
