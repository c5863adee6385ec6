package dev.vigil.api.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.channel.ChannelType;
import dev.vigil.common.check.AssertionSource;
import dev.vigil.common.check.Comparison;
import dev.vigil.common.check.MonitorType;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The published JSON Schema describes exactly the document the API reads, so editors never suggest a wrong field. */
class VigilSchemaTests {

    private static JsonNode schema() throws IOException {
        try (InputStream in = VigilSchemaTests.class.getResourceAsStream("/apply/vigil.schema.json")) {
            return JsonMapper.builder().build().readTree(in);
        }
    }

    private static List<String> properties(JsonNode object) {
        return object.get("properties").propertyNames().stream().sorted().toList();
    }

    private static List<String> components(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).sorted().toList();
    }

    private static List<String> values(JsonNode node) {
        return node.get("enum").valueStream().map(JsonNode::asString).sorted().toList();
    }

    private static <E extends Enum<E>> List<String> names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).sorted().toList();
    }

    @Test
    void everySectionListsTheFieldsOfItsRecord() throws IOException {
        JsonNode sections = schema().get("properties");

        assertThat(properties(schema())).containsExactlyElementsOf(List.of("$schema", "alertChannels",
                "maintenanceWindows", "monitors", "statusPages", "version"));
        assertThat(properties(sections.get("monitors").get("items")))
                .isEqualTo(components(VigilDocument.MonitorSpec.class));
        assertThat(properties(sections.get("monitors").get("items").get("properties").get("noise")))
                .isEqualTo(components(dev.vigil.api.monitor.NoiseSettings.class));
        assertThat(properties(sections.get("alertChannels").get("items")))
                .isEqualTo(components(VigilDocument.ChannelSpec.class));
        assertThat(properties(sections.get("statusPages").get("items")))
                .isEqualTo(components(VigilDocument.StatusPageSpec.class));
        assertThat(properties(sections.get("statusPages").get("items").get("properties").get("components")
                .get("items"))).isEqualTo(components(VigilDocument.ComponentSpec.class));
        assertThat(properties(sections.get("maintenanceWindows").get("items")))
                .isEqualTo(components(VigilDocument.MaintenanceSpec.class));
    }

    @Test
    void enumerationsAreTheOnesTheApiKnows() throws IOException {
        JsonNode schema = schema();
        JsonNode monitor = schema.get("properties").get("monitors").get("items").get("properties");
        JsonNode assertion = schema.get("$defs").get("assertion").get("properties");

        assertThat(values(monitor.get("type"))).isEqualTo(names(MonitorType.class));
        assertThat(values(schema.get("properties").get("alertChannels").get("items").get("properties").get("type")))
                .isEqualTo(names(ChannelType.class));
        assertThat(values(assertion.get("source"))).isEqualTo(names(AssertionSource.class));
        assertThat(values(assertion.get("comparison"))).isEqualTo(names(Comparison.class));
    }

    @Test
    void exportedSecretsAreNamedAfterTheirObjectAndField() {
        assertThat(WorkspaceExporter.envReference("ops-hook", "secret")).isEqualTo(Map.of("env",
                "VIGIL_OPS_HOOK_SECRET"));
        assertThat(WorkspaceExporter.envReference("pager", "routingKey")).isEqualTo(Map.of("env",
                "VIGIL_PAGER_ROUTING_KEY"));
    }
}
