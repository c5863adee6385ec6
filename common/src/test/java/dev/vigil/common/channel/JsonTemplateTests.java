package dev.vigil.common.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.common.json.WireJson;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JsonTemplateTests {

    private static JsonNode render(String template, Map<String, Object> scope) {
        return WireJson.mapper().readTree(JsonTemplate.compile(template).render(scope));
    }

    @Test
    void rendersTheEventsFieldsJsonEscaped() {
        JsonNode body = render("""
                {"summary": "{{title}}", "monitor": "{{monitor.name}}", "regions": [{{#incident.regions}}"{{.}}",{{/incident.regions}} "end"],
                 "details": "{{message}}"}""", JsonTemplate.sampleScope());
        assertThat(body.get("summary").asString()).isEqualTo("DOWN: Sample \"monitor\"");
        assertThat(body.get("monitor").asString()).isEqualTo("Sample \"monitor\"");
        assertThat(body.get("regions").valueStream().map(JsonNode::asString).toList())
                .containsExactly("eu-west-1", "us-east-1", "end");
        assertThat(body.get("details").asString()).isEqualTo("Sample message\nwith a second line");
    }

    @Test
    void tripleAndAmpersandTagsAreEscapedTooSoAValueCannotAddFields() {
        Map<String, Object> scope = Map.of("name", "x\", \"admin\": \"true");
        JsonNode body = render("{\"a\": \"{{{name}}}\", \"b\": \"{{&name}}\"}", scope);
        assertThat(body.propertyNames()).containsExactly("a", "b");
        assertThat(body.get("a").asString()).isEqualTo("x\", \"admin\": \"true");
    }

    @Test
    void javaObjectsMethodsAndPartialsAreOutOfReach() {
        JsonNode body = render("{\"c\": \"{{monitor.name.class}}{{monitor.name.bytes}}{{monitor.size}}\"}",
                JsonTemplate.sampleScope());
        assertThat(body.get("c").asString()).isEmpty();
        assertThatThrownBy(() -> JsonTemplate.compile("{\"a\": \"{{> /etc/passwd}}\"}").render(Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesTemplatesThatAreNotJsonOrNotMustache() {
        assertThatThrownBy(() -> JsonTemplate.compile("{\"a\": {{title}}}").render(JsonTemplate.sampleScope()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("valid JSON");
        assertThatThrownBy(() -> JsonTemplate.compile("{\"a\": 1} trailing").render(JsonTemplate.sampleScope()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("valid JSON");
        assertThatThrownBy(() -> JsonTemplate.compile("{\"a\": \"{{#open}}\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Mustache");
        assertThatThrownBy(() -> JsonTemplate.compile("x".repeat(JsonTemplate.MAX_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
