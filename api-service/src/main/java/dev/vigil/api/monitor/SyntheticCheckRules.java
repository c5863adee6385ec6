package dev.vigil.api.monitor;

import dev.vigil.api.web.FieldProblem;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.common.check.ApiStep;
import dev.vigil.common.check.ApiStepsCheck;
import dev.vigil.common.check.Assertion;
import dev.vigil.common.check.BrowserCheck;
import dev.vigil.common.check.BrowserStep;
import dev.vigil.common.json.WireJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Validation of the two multi-step types. API_STEPS: each step is an HTTP request checked by {@link HttpCheckRules}
 * (with its problems reported under {@code steps[i].}), whose {@code {{name}}} references must name a variable an
 * earlier step extracts; the scheme and host of a URL must be literal. BROWSER: a fixed set of actions with the
 * selector and value each needs; no field can carry code.
 */
final class SyntheticCheckRules {

    static final int MAX_API_STEPS = 10;
    static final int MAX_BROWSER_STEPS = 30;
    static final int MAX_EXTRACTIONS = 10;
    static final int MAX_SELECTOR_LENGTH = 500;
    static final int MAX_VALUE_LENGTH = 2048;
    static final int MAX_STEP_TIMEOUT_MS = 60_000;
    private static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*(vars\\.)?([A-Za-z_][A-Za-z0-9_]{0,63})\\s*}}");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Set<String> API_STEP_FIELDS = Set.of("name", "url", "method", "headers", "body",
            "followRedirects", "assertions", "extract");
    private static final Set<String> BROWSER_STEP_FIELDS = Set.of("action", "selector", "value", "timeoutMs");

    private SyntheticCheckRules() {
    }

    static ApiStepsCheck apiSteps(FieldProblems problems, List<JsonNode> given) {
        if (!count(problems, given, MAX_API_STEPS)) {
            return new ApiStepsCheck(List.of());
        }
        Set<String> extracted = new HashSet<>();
        List<ApiStep> steps = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String at = "steps[" + i + "]";
            JsonNode node = given.get(i);
            if (!isObject(problems, at, node, API_STEP_FIELDS)) {
                continue;
            }
            String name = problems.optionalLine(at + ".name", text(node, "name"), 100);
            String url = text(node, "url");
            Map<String, String> headers = headers(problems, at, node.get("headers"));
            String body = text(node, "body");
            List<Assertion> assertions = assertions(problems, at, node.get("assertions"));
            references(problems, at + ".url", url, extracted);
            headers.forEach((header, value) -> references(problems, at + ".headers." + header, value, extracted));
            references(problems, at + ".body", body, extracted);
            // The HTTP rules see the request with every reference replaced by a plain word, so a URL's scheme and
            // host must be literal (a whole URL from a variable cannot be vetted here; the probe's guard still is).
            FieldProblems http = new FieldProblems();
            MonitorRequest asHttp = new MonitorRequest(null, "HTTP", placeholders(url), text(node, "method"),
                    headers.isEmpty() ? null : placeholders(headers), placeholders(body),
                    node.has("followRedirects") ? node.get("followRedirects").asBoolean() : null, assertions, null,
                    null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null);
            var check = HttpCheckRules.check(http, asHttp);
            for (FieldProblem problem : http.list()) {
                problems.add(at + "." + problem.field(), problem.message());
            }
            List<ApiStep.Extraction> extractions = extractions(problems, at, node.get("extract"));
            extractions.forEach(e -> extracted.add(e.variable()));
            steps.add(new ApiStep(name, url, check.method(), headers, body, check.followRedirects(), assertions,
                    extractions));
        }
        return new ApiStepsCheck(steps);
    }

    static BrowserCheck browser(FieldProblems problems, List<JsonNode> given) {
        if (!count(problems, given, MAX_BROWSER_STEPS)) {
            return new BrowserCheck(List.of());
        }
        List<BrowserStep> steps = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String at = "steps[" + i + "]";
            JsonNode node = given.get(i);
            if (!isObject(problems, at, node, BROWSER_STEP_FIELDS)) {
                continue;
            }
            BrowserStep.Action action = null;
            try {
                action = WireJson.read(node.path("action").toString(), BrowserStep.Action.class);
            } catch (JacksonException | IllegalArgumentException e) {
                // reported below
            }
            if (action == null) {
                problems.add(at + ".action", "action must be one of goto, click, fill, press, select, "
                        + "waitForSelector, waitForUrl, assertText, assertVisible, assertTitle");
                continue;
            }
            String selector = problems.optionalLine(at + ".selector", text(node, "selector"), MAX_SELECTOR_LENGTH);
            String value = problems.optionalLine(at + ".value", text(node, "value"), MAX_VALUE_LENGTH);
            if (action.needsSelector() && selector == null) {
                problems.add(at + ".selector", "a CSS selector is required for this action");
            } else if (!action.needsSelector() && action != BrowserStep.Action.PRESS && selector != null) {
                problems.add(at + ".selector", "this action takes no selector");
            }
            if (action.needsValue() && value == null) {
                problems.add(at + ".value", "a value is required for this action");
            } else if (!action.needsValue() && value != null) {
                problems.add(at + ".value", "this action takes no value");
            }
            if (action == BrowserStep.Action.GOTO && value != null) {
                FieldProblems url = new FieldProblems();
                HttpCheckRules.check(url, new MonitorRequest(null, "HTTP", value, null, null, null, null, null,
                        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null, null, null));
                url.list().stream().filter(p -> p.field().equals("url"))
                        .forEach(p -> problems.add(at + ".value", p.message().replaceFirst("^url", "the URL")));
            }
            Integer timeout = null;
            if (node.hasNonNull("timeoutMs")) {
                JsonNode t = node.get("timeoutMs");
                if (!t.isIntegralNumber() || t.asLong() < 100 || t.asLong() > MAX_STEP_TIMEOUT_MS) {
                    problems.add(at + ".timeoutMs", "timeoutMs must be between 100 and " + MAX_STEP_TIMEOUT_MS);
                } else {
                    timeout = t.asInt();
                }
            }
            steps.add(new BrowserStep(action, selector, value, timeout));
        }
        if (problems.isEmpty() && steps.stream().noneMatch(s -> s.action() == BrowserStep.Action.GOTO)) {
            problems.add("steps", "a browser check needs a goto step to open a page");
        } else if (problems.isEmpty() && steps.getFirst().action() != BrowserStep.Action.GOTO) {
            problems.add("steps[0].action", "the first step must be a goto");
        }
        return new BrowserCheck(steps);
    }

    private static boolean count(FieldProblems problems, List<JsonNode> given, int max) {
        if (given == null || given.isEmpty()) {
            problems.add("steps", "steps are required: at least one");
            return false;
        }
        if (given.size() > max) {
            problems.add("steps", "at most " + max + " steps are allowed (got " + given.size() + ")");
            return false;
        }
        return true;
    }

    private static boolean isObject(FieldProblems problems, String at, JsonNode node, Set<String> fields) {
        if (node == null || !node.isObject()) {
            problems.add(at, at + " must be an object");
            return false;
        }
        boolean ok = true;
        for (String field : node.propertyNames()) {
            if (!fields.contains(field)) {
                problems.add(at + "." + field, "unknown field; a step has " + String.join(", ",
                        fields.stream().sorted().toList()));
                ok = false;
            }
        }
        return ok;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.isString() ? value.asString() : value.toString();
    }

    private static Map<String, String> headers(FieldProblems problems, String at, JsonNode node) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return headers;
        }
        if (!node.isObject()) {
            problems.add(at + ".headers", "headers must be an object of names and values");
            return headers;
        }
        for (var entry : node.properties()) {
            headers.put(entry.getKey(), entry.getValue().isString() ? entry.getValue().asString() : null);
        }
        return headers;
    }

    private static List<Assertion> assertions(FieldProblems problems, String at, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return WireJson.readList(node.toString(), Assertion.class);
        } catch (JacksonException | IllegalArgumentException e) {
            problems.add(at + ".assertions", "assertions must be a list of {source, path, comparison, target}");
            return null;
        }
    }

    private static List<ApiStep.Extraction> extractions(FieldProblems problems, String at, JsonNode node) {
        List<ApiStep.Extraction> extractions = new ArrayList<>();
        if (node == null || node.isNull()) {
            return extractions;
        }
        if (!node.isArray() || node.size() > MAX_EXTRACTIONS) {
            problems.add(at + ".extract", "extract must be a list of at most " + MAX_EXTRACTIONS
                    + " {variable, source, path}");
            return extractions;
        }
        for (int j = 0; j < node.size(); j++) {
            String field = at + ".extract[" + j + "]";
            JsonNode e = node.get(j);
            String variable = e.path("variable").asString("");
            if (!VARIABLE.matcher(variable).matches() || variable.equals("vars")) {
                problems.add(field + ".variable", "variable must be a name of letters, digits and _ (not starting "
                        + "with a digit, at most 64)");
                continue;
            }
            ApiStep.Source source;
            try {
                source = ApiStep.Source.valueOf(e.path("source").asString("").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                problems.add(field + ".source", "source must be JSON_PATH, HEADER or REGEX");
                continue;
            }
            String path = problems.requiredLine(field + ".path", e.path("path").asString(null), 1000);
            if (path == null) {
                continue;
            }
            if (source == ApiStep.Source.REGEX) {
                try {
                    Pattern.compile(path);
                } catch (PatternSyntaxException ex) {
                    problems.add(field + ".path", "path is not a valid regular expression: " + ex.getDescription());
                    continue;
                }
            } else if (source == ApiStep.Source.HEADER && !HttpCheckRules.isHeaderName(path)) {
                problems.add(field + ".path", "path must be a header name");
                continue;
            } else if (source == ApiStep.Source.JSON_PATH && !path.startsWith("$")) {
                problems.add(field + ".path", "path must be a JSON path starting with $");
                continue;
            }
            extractions.add(new ApiStep.Extraction(variable, source, path));
        }
        return extractions;
    }

    /** A {@code {{name}}} must be extracted by an earlier step; {@code {{vars.NAME}}} is a workspace variable. */
    private static void references(FieldProblems problems, String field, String text, Set<String> extracted) {
        if (text == null) {
            return;
        }
        Matcher matcher = REFERENCE.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1) == null && !extracted.contains(matcher.group(2))) {
                problems.add(field, "{{" + matcher.group(2) + "}} is not extracted by an earlier step (workspace "
                        + "variables are {{vars.NAME}})");
            }
        }
    }

    private static String placeholders(String text) {
        return text == null ? null : REFERENCE.matcher(text).replaceAll("vigil-variable");
    }

    private static Map<String, String> placeholders(Map<String, String> headers) {
        Map<String, String> replaced = new LinkedHashMap<>();
        headers.forEach((name, value) -> replaced.put(name, placeholders(value)));
        return replaced;
    }
}
