package dev.vigil.api.monitor;

import com.jayway.jsonpath.JsonPath;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.common.check.Assertion;
import dev.vigil.common.check.AssertionSource;
import dev.vigil.common.check.Comparison;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The shapes an assertion may take: a source the monitor type can produce, a comparison, a target that makes sense
 * for both (a number for LESS_THAN, a status code for STATUS_CODE EQUALS, a valid regular expression for MATCHES), and
 * a path exactly where the source needs one (a Jayway JSON path, the dialect probes evaluate; a header name).
 */
final class AssertionRules {

    static final int MAX_ASSERTIONS = 20;
    static final int MAX_TARGET_LENGTH = 1000;
    static final int MAX_PATH_LENGTH = 500;
    static final int MAX_REGEX_LENGTH = 500;
    private static final Pattern STATUS_CODE = Pattern.compile("[1-5][0-9][0-9]");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,9}");

    private AssertionRules() {
    }

    /** The valid assertions of {@code given} (all must be valid for the request to pass), never null. */
    static List<Assertion> check(FieldProblems problems, List<Assertion> given, Set<AssertionSource> allowed,
                                 String typeName) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_ASSERTIONS) {
            problems.add("assertions", "at most " + MAX_ASSERTIONS + " assertions are allowed (got " + given.size()
                    + ")");
            return List.of();
        }
        List<Assertion> valid = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Assertion checked = check(problems, "assertions[" + i + "]", given.get(i), allowed, typeName);
            if (checked != null) {
                valid.add(checked);
            }
        }
        return valid;
    }

    private static Assertion check(FieldProblems problems, String field, Assertion assertion,
                                   Set<AssertionSource> allowed, String typeName) {
        if (assertion == null) {
            problems.add(field, field + " must be an object with source, comparison and target");
            return null;
        }
        int before = problems.list().size();
        AssertionSource source = assertion.source();
        if (source == null) {
            problems.add(field + ".source", "source is required: one of " + names(allowed));
        } else if (!allowed.contains(source)) {
            problems.add(field + ".source", source + " does not apply to " + typeName + " monitors; use one of "
                    + names(allowed));
            source = null;
        }
        Comparison comparison = assertion.comparison();
        if (comparison == null) {
            problems.add(field + ".comparison", "comparison is required: one of " + names(Set.of(Comparison.values())));
        }
        String target = assertion.target() == null ? null : assertion.target();
        if (target == null) {
            problems.add(field + ".target", "target is required (a string, e.g. \"200\")");
        } else {
            problems.checkText(field + ".target", target, MAX_TARGET_LENGTH, source == AssertionSource.BODY);
        }
        String path = path(problems, field + ".path", source, assertion.path());
        if (source != null && comparison != null && target != null && problems.list().size() == before) {
            checkTarget(problems, field + ".target", source, comparison, target);
        }
        return problems.list().size() == before ? new Assertion(source, path, comparison, target) : null;
    }

    private static String path(FieldProblems problems, String field, AssertionSource source, String path) {
        if (source == null) {
            return path;
        }
        if (!source.needsPath()) {
            if (path != null) {
                problems.add(field, "path applies only to JSON_PATH and HEADER assertions; remove it for " + source);
            }
            return null;
        }
        if (path == null || path.isBlank()) {
            problems.add(field, "path is required for " + source + (source == AssertionSource.JSON_PATH
                    ? " (a JSON path such as $.status)" : " (a header name such as content-type)"));
            return null;
        }
        if (!problems.checkText(field, path, MAX_PATH_LENGTH, false)) {
            return null;
        }
        if (source == AssertionSource.HEADER) {
            if (!HttpCheckRules.isHeaderName(path)) {
                problems.add(field, "'" + clip(path) + "' is not a valid header name (letters, digits and "
                        + "!#$%&'*+-.^_`|~)");
            }
            return path;
        }
        if (!path.startsWith("$")) {
            problems.add(field, "a JSON path starts with $, e.g. $.status or $.items[0].id");
            return null;
        }
        try {
            JsonPath.compile(path);
        } catch (RuntimeException e) {
            problems.add(field, "'" + clip(path) + "' is not a valid JSON path: "
                    + clip(String.valueOf(e.getMessage())));
        }
        return path;
    }

    private static void checkTarget(FieldProblems problems, String field, AssertionSource source,
                                    Comparison comparison, String target) {
        if (source == AssertionSource.RESPONSE_TIME_MS) {
            if (!comparison.isNumeric()) {
                problems.add(field.replace(".target", ".comparison"), "RESPONSE_TIME_MS is compared with LESS_THAN "
                        + "or GREATER_THAN");
            } else if (!WHOLE_NUMBER.matcher(target).matches()) {
                problems.add(field, "target must be a whole number of milliseconds, e.g. \"2000\"");
            }
            return;
        }
        if (comparison.isNumeric()) {
            if (!isNumber(target)) {
                problems.add(field, "target must be a number for " + comparison + ", e.g. \"300\"");
            }
        } else if (comparison == Comparison.MATCHES) {
            if (target.length() > MAX_REGEX_LENGTH) {
                problems.add(field, "a regular expression may be at most " + MAX_REGEX_LENGTH + " characters");
            } else {
                try {
                    Pattern.compile(target);
                } catch (PatternSyntaxException e) {
                    problems.add(field, "not a valid regular expression: " + clip(e.getDescription()));
                }
            }
        } else if (source == AssertionSource.STATUS_CODE
                && (comparison == Comparison.EQUALS || comparison == Comparison.NOT_EQUALS)
                && !STATUS_CODE.matcher(target).matches()) {
            problems.add(field, "target must be an HTTP status code between 100 and 599, e.g. \"200\"");
        }
    }

    private static boolean isNumber(String text) {
        if (text.length() > 40) {
            return false;
        }
        try {
            new BigDecimal(text.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String names(Set<? extends Enum<?>> values) {
        return values.stream().sorted().map(Enum::name).collect(Collectors.joining(", "));
    }

    private static String clip(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
