package dev.vigil.probe.check.assertion;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.PathNotFoundException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the values a JSON path selects in a response body (Jayway JsonPath, as the API validates paths with), as
 * text: strings as they are, numbers in plain notation, objects and arrays as JSON.
 */
final class JsonValues {

    /** Deeper documents are refused before parsing: a parser recursing on them would exhaust the thread's stack. */
    static final int MAX_DEPTH = 256;

    private static final Configuration CONFIGURATION = Configuration.defaultConfiguration();

    private JsonValues() {
    }

    /** The selected values; empty when the path selects nothing. */
    static List<String> select(String body, String path) {
        JsonPath compiled;
        try {
            compiled = JsonPath.compile(path);
        } catch (InvalidPathException | IllegalArgumentException e) {
            throw new NotEvaluable("\"" + path + "\" is not a valid JSON path: " + e.getMessage());
        }
        if (path.contains("=~") && !JsonPathRegex.available()) {
            throw new NotEvaluable("regular expressions in JSON path filters are not available on this probe");
        }
        if (depth(body) > MAX_DEPTH) {
            throw new NotEvaluable("the body is nested deeper than " + MAX_DEPTH + " levels");
        }
        Object document;
        try {
            document = CONFIGURATION.jsonProvider().parse(body);
        } catch (InvalidJsonException e) {
            throw new NotEvaluable("the body is not JSON");
        }
        if (!(document instanceof Map<?, ?>) && !(document instanceof List<?>)) {
            // json-smart is lenient: it reads "<html>" as a string rather than refusing it.
            throw new NotEvaluable("the body is not JSON");
        }
        Object selected;
        try {
            selected = JsonPathRegex.within(() -> compiled.read(document, CONFIGURATION));
        } catch (PathNotFoundException e) {
            return List.of();
        } catch (JsonPathException e) {
            throw new NotEvaluable("\"" + path + "\" cannot be evaluated: " + e.getMessage());
        }
        // An indefinite path ($..id, $.items[*].id) selects many nodes: each is a value. A definite one selects one
        // node, even when that node is an array.
        if (!compiled.isDefinite() && selected instanceof List<?> many) {
            List<String> texts = new ArrayList<>(many.size());
            for (Object value : many) {
                texts.add(text(value));
            }
            return texts;
        }
        return List.of(text(selected));
    }

    private static String text(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return CONFIGURATION.jsonProvider().toJson(value);
        }
        return value.toString();
    }

    /** The deepest nesting of objects and arrays, ignoring brackets inside strings. */
    static int depth(String json) {
        int depth = 0;
        int max = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                max = Math.max(max, ++depth);
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return max;
    }

    /** Why an assertion's value could not be read; the assertion fails with this message. */
    static final class NotEvaluable extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotEvaluable(String message) {
            super(message, null, false, false);
        }
    }
}
