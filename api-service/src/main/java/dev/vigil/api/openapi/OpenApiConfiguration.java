package dev.vigil.api.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs} (rendered at {@code /swagger-ui.html}), generated from the controllers
 * by springdoc. Added here: the bearer key scheme, and the problem+json answers every operation can give, so a
 * client generated from the document knows the error shape.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "apiKey";
    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    @Bean
    OpenAPI vigilOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Vigil API").version("v1").description("""
                        Uptime and synthetic monitoring. Every call but sign-up and accepting an invitation needs \
                        `Authorization: Bearer <apiKey>`. A resource of another workspace answers 404, exactly as a \
                        missing one. Errors are RFC 9457 problem documents; bad input names every invalid field in \
                        `errors`. Times are ISO-8601 UTC, ids are UUIDs."""))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("An API key: vgl_ followed by 32 characters"))
                        .addSchemas(PROBLEM, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** Adds the error answers to every operation that does not describe them itself. */
    @Bean
    OpenApiCustomizer problemAnswersOnEveryOperation() {
        return openApi -> openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
            boolean open = op.getSecurity() != null && op.getSecurity().isEmpty();
            boolean writes = method != PathItem.HttpMethod.GET;
            add(responses, "400", "Invalid input: every problem named in errors", badRequestExample());
            if (!open) {
                add(responses, "401", "No valid API key", null);
                if (writes) {
                    add(responses, "403", "The key's role may not do this (a VIEWER key may only read)", null);
                }
            }
            if (path.contains("{")) {
                add(responses, "404", "No such resource in this workspace", null);
            }
            if (writes) {
                add(responses, "409", "Conflicts with the current state (duplicate, last owner, quota)", null);
                add(responses, "415", "The body must be application/json", null);
            }
            add(responses, "429", "Rate limit reached; see Retry-After", null);
            op.setResponses(responses);
        }));
    }

    private static void add(ApiResponses responses, String status, String description, Example example) {
        if (responses.containsKey(status)) {
            return;
        }
        MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
        if (example != null) {
            media.addExamples("invalid", example);
        }
        responses.addApiResponse(status, new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM_JSON, media)));
    }

    private static Example badRequestExample() {
        return new Example().value(Map.of("type", "about:blank", "title", "Invalid request", "status", 400,
                "detail", "2 fields are invalid; see errors.", "instance", "/api/v1/monitors",
                "errors", java.util.List.of(
                        Map.of("field", "url", "message", "url must start with http:// or https://"),
                        Map.of("field", "intervalSeconds",
                                "message", "intervalSeconds must be between 30 and 86400"))));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        ObjectSchema error = new ObjectSchema();
        error.addProperty("field", new StringSchema().example("intervalSeconds"));
        error.addProperty("message", new StringSchema().example("intervalSeconds must be between 30 and 86400"));
        ObjectSchema problem = new ObjectSchema();
        problem.description("RFC 9457 problem details");
        problem.addProperty("type", new StringSchema().example("about:blank"));
        problem.addProperty("title", new StringSchema().example("Invalid request"));
        problem.addProperty("status", new IntegerSchema().example(400));
        problem.addProperty("detail", new StringSchema().example("intervalSeconds: intervalSeconds must be between 30 "
                + "and 86400"));
        problem.addProperty("instance", new StringSchema().example("/api/v1/monitors"));
        problem.addProperty("errors", new ArraySchema().items((Schema) error));
        return problem;
    }
}
