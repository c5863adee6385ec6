package dev.vigil.common.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapping of everything that crosses a queue or is stored as JSON. Deliberately independent of the HTTP
 * API's mapper: the API rejects unknown fields, while message readers must tolerate fields added by a newer sender
 * during a rolling deploy.
 */
public final class WireJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A field a sender did not know yet (an older probe) reads as the primitive default.
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private WireJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /**
     * Reads a message body holding one item or a JSON array of them (a packed message, see
     * {@code dev.vigil.common.sqs.PackingPublisher}); throws {@link tools.jackson.core.JacksonException} when it is
     * neither.
     */
    public static <T> List<T> readList(String json, Class<T> type) {
        int start = 0;
        while (start < json.length() && Character.isWhitespace(json.charAt(start))) {
            start++;
        }
        if (start < json.length() && json.charAt(start) == '[') {
            return MAPPER.readValue(json, MAPPER.getTypeFactory().constructCollectionType(List.class, type));
        }
        return List.of(MAPPER.readValue(json, type));
    }

    /** Reads a message; throws {@link tools.jackson.core.JacksonException} when the text is not one. */
    public static <T> T read(String json, Class<T> type) {
        return MAPPER.readValue(json, type);
    }
}
