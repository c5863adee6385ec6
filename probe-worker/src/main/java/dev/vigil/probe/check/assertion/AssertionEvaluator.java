package dev.vigil.probe.check.assertion;

import dev.vigil.common.check.Assertion;
import dev.vigil.common.check.AssertionSource;
import dev.vigil.common.check.Comparison;
import dev.vigil.common.message.AssertionOutcome;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Judges a check's {@link Observation} by the monitor's assertions, each outcome with the value seen and, when it
 * failed, a message a person can act on ({@code expected status code to equal "200" but was "503"}).
 *
 * <p>A source can yield several values (a header sent twice, a JSON path selecting many nodes, DNS answers): the
 * positive comparisons pass when any value satisfies them, NOT_EQUALS and NOT_CONTAINS when none contradicts them. A
 * source with no value (a missing header or JSON node) fails the positive comparisons and passes the negative ones.
 * For DNS answers, LESS_THAN and GREATER_THAN compare the number of answers.
 */
public final class AssertionEvaluator {

    /** How long one regular expression may run on one value. */
    static final Duration REGEX_BUDGET = Duration.ofMillis(100);
    private static final int SHOWN_LENGTH = 120;
    private static final Pattern IP_LITERAL =
            Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f]*:[0-9A-Fa-f:.]*");
    private static final int SHOWN_VALUES = 5;

    private AssertionEvaluator() {
    }

    public static List<AssertionOutcome> evaluate(List<Assertion> assertions, Observation observation) {
        List<AssertionOutcome> outcomes = new ArrayList<>(assertions.size());
        for (Assertion assertion : assertions) {
            outcomes.add(evaluate(assertion, observation));
        }
        return outcomes;
    }

    public static boolean allPassed(List<AssertionOutcome> outcomes) {
        return outcomes.stream().allMatch(AssertionOutcome::passed);
    }

    static AssertionOutcome evaluate(Assertion assertion, Observation observation) {
        String subject = subject(assertion);
        List<String> values;
        try {
            values = values(assertion, observation);
        } catch (JsonValues.NotEvaluable | BoundedRegex.RegexRefused e) {
            return AssertionOutcome.failed(assertion, null, "cannot check " + subject + ": " + e.getMessage());
        }
        if (values == null) {
            return AssertionOutcome.failed(assertion, null,
                    assertion.source() + " assertions do not apply to this check type");
        }
        if (assertion.source() == AssertionSource.DNS_ANSWER && assertion.comparison().isNumeric()) {
            values = List.of(Integer.toString(values.size()));
            subject = "the number of DNS answers";
        }
        String target = assertion.target() == null ? "" : assertion.target();
        boolean passed;
        try {
            passed = judge(assertion.comparison(), values, target, assertion.source());
        } catch (BoundedRegex.RegexRefused | NotANumber e) {
            return AssertionOutcome.failed(assertion, shown(values), "cannot check " + subject + ": "
                    + e.getMessage());
        }
        String actual = shown(values);
        if (passed) {
            return AssertionOutcome.passed(assertion, actual);
        }
        String truncation = assertion.source() == AssertionSource.BODY && observation.bodyTruncated()
                ? " (only the first part of the body was read)" : "";
        return AssertionOutcome.failed(assertion, actual, "expected " + subject + " " + verb(assertion.comparison())
                + " \"" + target + "\" but " + seen(values, assertion.source()) + truncation);
    }

    private static List<String> values(Assertion assertion, Observation observation) {
        return switch (assertion.source()) {
            case STATUS_CODE -> observation.statusCode() == null ? null
                    : List.of(observation.statusCode().toString());
            case BODY -> observation.body() == null ? null : List.of(observation.body().get());
            case JSON_PATH -> observation.body() == null ? null
                    : JsonValues.select(observation.body().get(), String.valueOf(assertion.path()));
            case HEADER -> observation.header() == null ? null
                    : observation.header().apply(String.valueOf(assertion.path()));
            case RESPONSE_TIME_MS -> List.of(Long.toString(observation.responseTimeMs()));
            case DNS_ANSWER -> observation.dnsAnswers();
        };
    }

    private static boolean judge(Comparison comparison, List<String> values, String target, AssertionSource source) {
        return switch (comparison) {
            case EQUALS -> values.stream().anyMatch(v -> same(v, target, source));
            case NOT_EQUALS -> values.stream().noneMatch(v -> same(v, target, source));
            case CONTAINS -> values.stream().anyMatch(v -> v.contains(target));
            case NOT_CONTAINS -> values.stream().noneMatch(v -> v.contains(target));
            case MATCHES -> {
                for (String value : values) {
                    if (BoundedRegex.find(target, value, REGEX_BUDGET)) {
                        yield true;
                    }
                }
                yield false;
            }
            case LESS_THAN -> values.stream().anyMatch(v -> number(v, "value").compareTo(number(target, "target")) < 0);
            case GREATER_THAN -> values.stream()
                    .anyMatch(v -> number(v, "value").compareTo(number(target, "target")) > 0);
        };
    }

    /** Numbers compare as numbers (1.0 equals 1), DNS names without case or the final dot, the rest exactly. */
    private static boolean same(String value, String target, AssertionSource source) {
        if (source == AssertionSource.BODY) {
            return value.equals(target);
        }
        String v = value.trim();
        String t = target.trim();
        if (v.equals(t)) {
            return true;
        }
        BigDecimal a = parse(v);
        BigDecimal b = parse(t);
        if (a != null && b != null) {
            return a.compareTo(b) == 0;
        }
        if (source == AssertionSource.DNS_ANSWER) {
            return stripDot(v).equalsIgnoreCase(stripDot(t)) || sameAddress(v, t);
        }
        return false;
    }

    /** 2001:db8::10 and 2001:db8:0:0:0:0:0:10 are one address. Only IP literals are parsed: no lookups. */
    private static boolean sameAddress(String a, String b) {
        if (!IP_LITERAL.matcher(a).matches() || !IP_LITERAL.matcher(b).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static BigDecimal number(String text, String what) {
        BigDecimal number = parse(text.trim());
        if (number == null) {
            throw new NotANumber("the " + what + " \"" + clip(text) + "\" is not a number");
        }
        return number;
    }

    private static BigDecimal parse(String text) {
        if (text.isEmpty() || text.length() > 40) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String subject(Assertion assertion) {
        return switch (assertion.source()) {
            case STATUS_CODE -> "status code";
            case BODY -> "body";
            case JSON_PATH -> "JSON " + assertion.path();
            case HEADER -> "header " + (assertion.path() == null ? "" : assertion.path().toLowerCase(Locale.ROOT));
            case RESPONSE_TIME_MS -> "response time (ms)";
            case DNS_ANSWER -> "a DNS answer";
        };
    }

    private static String verb(Comparison comparison) {
        return switch (comparison) {
            case EQUALS -> "to equal";
            case NOT_EQUALS -> "not to equal";
            case CONTAINS -> "to contain";
            case NOT_CONTAINS -> "not to contain";
            case MATCHES -> "to match";
            case LESS_THAN -> "to be less than";
            case GREATER_THAN -> "to be greater than";
        };
    }

    private static String seen(List<String> values, AssertionSource source) {
        if (values.isEmpty()) {
            return source == AssertionSource.DNS_ANSWER ? "there were no answers" : "there was none";
        }
        if (source == AssertionSource.BODY) {
            return "the body was \"" + clip(values.getFirst()) + "\"";
        }
        return values.size() == 1 ? "was \"" + clip(values.getFirst()) + "\"" : "the values were " + shown(values);
    }

    private static String shown(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() == 1) {
            return clip(values.getFirst());
        }
        List<String> first = values.stream().limit(SHOWN_VALUES).map(AssertionEvaluator::clip).toList();
        return first + (values.size() > SHOWN_VALUES ? " and " + (values.size() - SHOWN_VALUES) + " more" : "");
    }

    private static String clip(String text) {
        String oneLine = text.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= SHOWN_LENGTH ? oneLine : oneLine.substring(0, SHOWN_LENGTH) + "…";
    }

    private static final class NotANumber extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotANumber(String message) {
            super(message, null, false, false);
        }
    }
}
