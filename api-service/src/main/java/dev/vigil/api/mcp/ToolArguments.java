package dev.vigil.api.mcp;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tool call's arguments. Objects are read with the API's own strict JSON reader, so a tool accepts exactly what the
 * REST API accepts (unknown fields and wrong types are refused the same way).
 */
final class ToolArguments {

    private final Map<String, Object> values;
    private final JsonMapper json;

    ToolArguments(Map<String, Object> values, JsonMapper json) {
        this.values = values == null ? Map.of() : values;
        this.json = json;
    }

    UUID requiredId(String name) {
        Object value = values.get(name);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new ToolArgumentException(name + " is required: an id (UUID) as a string");
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw new ToolArgumentException(name + " must be an id (UUID), e.g. from list_monitors; got '"
                    + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'");
        }
    }

    UUID optionalId(String name) {
        return values.get(name) == null ? null : requiredId(name);
    }

    String optionalText(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new ToolArgumentException(name + " must be a string");
        }
        return text;
    }

    int optionalInt(String name, int fallback, int min, int max) {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < min
                || ((Number) value).longValue() > max) {
            throw new ToolArgumentException(name + " must be a whole number from " + min + " to " + max);
        }
        return ((Number) value).intValue();
    }

    /** All arguments but {@code except}, read as {@code type} by the API's JSON rules. */
    <T> T as(Class<T> type, String... except) {
        Map<String, Object> rest = new HashMap<>(values);
        for (String name : except) {
            rest.remove(name);
        }
        try {
            return json.convertValue(rest, type);
        } catch (JacksonException e) {
            throw new ToolArgumentException("invalid arguments: " + e.getOriginalMessage());
        }
    }

    /** The arguments as given, for merging over what exists. */
    Map<String, Object> asMap() {
        return values;
    }

    JsonMapper json() {
        return json;
    }
}
