package dev.vigil.common.check;

import java.util.List;
import java.util.Map;

/**
 * One request of an {@link ApiStepsCheck}: the fields of an {@link HttpCheck} (each may hold {@code {{variables}}}),
 * plus the values it extracts for later steps.
 *
 * @param name            a short label shown in results ("log in"); defaults to "step N"
 * @param url             absolute http or https URL, variables allowed
 * @param method          HTTP method, upper case
 * @param headers         request headers, variables allowed in values
 * @param body            request body, or null; variables allowed
 * @param followRedirects whether 3xx responses are followed
 * @param assertions      conditions on this step's response (none: 2xx or 3xx required)
 * @param extract         values read from the response into variables
 */
public record ApiStep(String name, String url, String method, Map<String, String> headers, String body,
                      boolean followRedirects, List<Assertion> assertions, List<Extraction> extract) {

    public ApiStep {
        method = method == null ? "GET" : method;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        assertions = assertions == null ? List.of() : List.copyOf(assertions);
        extract = extract == null ? List.of() : List.copyOf(extract);
    }

    /**
     * A value taken from a step's response into a variable.
     *
     * @param variable the variable's name ({@code [A-Za-z_][A-Za-z0-9_]*})
     * @param source   where it is read
     * @param path     a JSON path, a header name, or a regular expression (its first group, else the whole match)
     */
    public record Extraction(String variable, Source source, String path) {
    }

    /** Where an {@link Extraction} reads. */
    public enum Source {
        JSON_PATH, HEADER, REGEX
    }
}
