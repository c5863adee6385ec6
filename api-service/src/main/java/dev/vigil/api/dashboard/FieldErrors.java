package dev.vigil.api.dashboard;

import dev.vigil.api.web.FieldProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's field problems arranged for a form: each message under the form field it belongs to
 * ({@code assertions[1].target} under {@code assertions}), so the page shows it next to that field.
 */
public final class FieldErrors {

    private final Map<String, String> byField = new LinkedHashMap<>();

    public static FieldErrors none() {
        return new FieldErrors();
    }

    public static FieldErrors of(List<FieldProblem> problems) {
        FieldErrors errors = new FieldErrors();
        problems.forEach(p -> errors.add(p.field(), p.message()));
        return errors;
    }

    public FieldErrors add(String field, String message) {
        String root = field.split("[.\\[]", 2)[0];
        byField.merge(root, message, (a, b) -> a + "; " + b);
        return this;
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public String get(String field) {
        return byField.get(field);
    }

    public boolean isEmpty() {
        return byField.isEmpty();
    }

    /** Messages for fields the form has no place for, shown at the top. */
    public List<String> otherThan(List<String> shown) {
        return byField.entrySet().stream().filter(e -> !shown.contains(e.getKey()))
                .map(e -> e.getKey() + ": " + e.getValue()).toList();
    }
}
