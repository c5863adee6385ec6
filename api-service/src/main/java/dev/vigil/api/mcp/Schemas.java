package dev.vigil.api.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small builder of the JSON schemas of tool arguments. */
final class Schemas {

    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    static Schemas object() {
        return new Schemas();
    }

    Schemas string(String name, String description) {
        return property(name, Map.of("type", "string", "description", description), false);
    }

    Schemas requiredString(String name, String description) {
        return property(name, Map.of("type", "string", "description", description), true);
    }

    Schemas integer(String name, String description) {
        return property(name, Map.of("type", "integer", "description", description), false);
    }

    Schemas bool(String name, String description) {
        return property(name, Map.of("type", "boolean", "description", description), false);
    }

    Schemas strings(String name, String description) {
        return property(name, Map.of("type", "array", "items", Map.of("type", "string"), "description",
                description), false);
    }

    Schemas stringMap(String name, String description) {
        return property(name, Map.of("type", "object", "additionalProperties", Map.of("type", "string"),
                "description", description), false);
    }

    Schemas objects(String name, String description, Map<String, Object> itemProperties) {
        return property(name, Map.of("type", "array", "description", description, "items",
                Map.of("type", "object", "properties", itemProperties)), false);
    }

    /** A nested object of the given properties (each a JSON schema); unknown fields refused. */
    Schemas object(String name, String description, Map<String, Object> nestedProperties) {
        return property(name, Map.of("type", "object", "description", description, "properties", nestedProperties,
                "additionalProperties", false), false);
    }

    private Schemas property(String name, Map<String, Object> schema, boolean isRequired) {
        properties.put(name, schema);
        if (isRequired) {
            required.add(name);
        }
        return this;
    }

    Map<String, Object> build() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }
}
