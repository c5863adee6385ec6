package dev.vigil.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.web.FieldProblems;
import dev.vigil.common.check.Assertion;
import dev.vigil.common.check.AssertionSource;
import dev.vigil.common.check.Comparison;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AssertionRulesTests {

    @Test
    void acceptsEveryShapeOfApiMdsExample() {
        FieldProblems problems = new FieldProblems();
        List<Assertion> given = List.of(Assertion.of(AssertionSource.STATUS_CODE, Comparison.EQUALS, "200"),
                Assertion.of(AssertionSource.BODY, Comparison.CONTAINS, "ok"),
                new Assertion(AssertionSource.JSON_PATH, "$.status", Comparison.EQUALS, "up"),
                new Assertion(AssertionSource.HEADER, "content-type", Comparison.CONTAINS, "json"),
                Assertion.of(AssertionSource.RESPONSE_TIME_MS, Comparison.LESS_THAN, "2000"),
                Assertion.of(AssertionSource.BODY, Comparison.MATCHES, "^ok\\s*$"),
                Assertion.of(AssertionSource.STATUS_CODE, Comparison.LESS_THAN, "400"));

        List<Assertion> checked = AssertionRules.check(problems, given, HttpCheckRules.ASSERTION_SOURCES, "HTTP");

        assertThat(problems.list()).isEmpty();
        assertThat(checked).isEqualTo(given);
    }

    @ParameterizedTest
    @ValueSource(strings = {"$.store.book[?(@.price < 10)].title", "$..author", "$['a b'][0]", "$.items.length()",
            "$[*].id"})
    void acceptsJaywayJsonPaths(String path) {
        FieldProblems problems = new FieldProblems();

        AssertionRules.check(problems, List.of(new Assertion(AssertionSource.JSON_PATH, path, Comparison.EQUALS,
                "x")), HttpCheckRules.ASSERTION_SOURCES, "HTTP");

        assertThat(problems.list()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$[", "$.a[?(@.b ==", "status", "$..", "$['unclosed", "$[?(@.a]"})
    void refusesBrokenJsonPathsNamingThePath(String path) {
        FieldProblems problems = new FieldProblems();

        AssertionRules.check(problems, List.of(new Assertion(AssertionSource.JSON_PATH, path, Comparison.EQUALS,
                "x")), HttpCheckRules.ASSERTION_SOURCES, "HTTP");

        assertThat(problems.list()).singleElement()
                .satisfies(p -> assertThat(p.field()).isEqualTo("assertions[0].path"));
    }

    @Test
    void hostilePathsAndPatternsFailCleanly() {
        FieldProblems problems = new FieldProblems();
        String deepPath = "$" + "[?(@.a".repeat(80);
        String deepRegex = "(".repeat(250) + ")".repeat(250);

        AssertionRules.check(problems, List.of(new Assertion(AssertionSource.JSON_PATH, deepPath, Comparison.EQUALS,
                        "x"), Assertion.of(AssertionSource.BODY, Comparison.MATCHES, deepRegex),
                Assertion.of(AssertionSource.BODY, Comparison.MATCHES, "a{99999999999}")),
                HttpCheckRules.ASSERTION_SOURCES, "HTTP");

        assertThat(problems.list()).extracting(p -> p.field())
                .contains("assertions[0].path", "assertions[2].target");
    }
}
