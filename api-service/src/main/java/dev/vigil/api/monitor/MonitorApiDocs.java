package dev.vigil.api.monitor;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Adds one request example per monitor type to the create and replace operations of the OpenAPI document. */
@Configuration(proxyBeanMethods = false)
class MonitorApiDocs {

    @Bean
    OpenApiCustomizer monitorRequestExamples() {
        Map<String, String> byType = new LinkedHashMap<>();
        byType.put("HTTP", MonitorExamples.HTTP);
        byType.put("TCP", MonitorExamples.TCP);
        byType.put("DNS", MonitorExamples.DNS);
        byType.put("TLS", MonitorExamples.TLS);
        byType.put("HEARTBEAT", MonitorExamples.HEARTBEAT);
        byType.put("PLUGIN", MonitorExamples.PLUGIN);
        byType.put("PING", MonitorExamples.PING);
        byType.put("UDP", MonitorExamples.UDP);
        byType.put("DOMAIN", MonitorExamples.DOMAIN);
        byType.put("SMTP", MonitorExamples.SMTP);
        return openApi -> {
            PathItem collection = openApi.getPaths().get("/api/v1/monitors");
            PathItem one = openApi.getPaths().get("/api/v1/monitors/{id}");
            Stream.of(collection == null ? null : collection.getPost(), one == null ? null : one.getPut())
                    .filter(op -> op != null && op.getRequestBody() != null)
                    .map(Operation::getRequestBody)
                    .map(body -> body.getContent().get("application/json"))
                    .filter(media -> media != null)
                    .forEach(media -> byType.forEach((type, json) -> media.addExamples(type, example(type, json))));
        };
    }

    private static Example example(String type, String json) {
        try {
            return new Example().summary("A " + type + " monitor").value(Json.mapper().readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("example of " + type + " is not JSON", e);
        }
    }
}
