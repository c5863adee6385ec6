package dev.vigil.api.apply;

import dev.vigil.api.identity.ApiPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Monitoring as code", description = "A workspace as one document (vigil.yaml): plan, apply, export.")
class ApplyController {

    static final MediaType SCHEMA_JSON = MediaType.parseMediaType("application/schema+json");

    private final DocumentApplier applier;
    private final WorkspaceExporter exporter;

    ApplyController(DocumentApplier applier, WorkspaceExporter exporter) {
        this.applier = applier;
        this.exporter = exporter;
    }

    @PostMapping("/api/v1/apply")
    @Operation(summary = "Plan or apply a document",
            description = "Matches each object of the document to the workspace by its key and creates, updates "
                    + "or (with prune) deletes objects so the workspace matches it, all or nothing. dryRun=true "
                    + "answers the plan and changes nothing. Errors name their path in the document, e.g. "
                    + "monitors[12].assertions[0].target.")
    Plan apply(@AuthenticationPrincipal ApiPrincipal caller, @RequestBody VigilDocument document,
               @RequestParam(defaultValue = "false") boolean dryRun,
               @RequestParam(defaultValue = "false") boolean prune) {
        return applier.apply(caller, document, dryRun, prune);
    }

    @GetMapping("/api/v1/export")
    @Operation(summary = "The workspace as a document",
            description = "Monitors, alert channels, status pages and maintenance windows; secrets as environment "
                    + "references. Applied to an empty workspace it reproduces this one.")
    VigilDocument export(@AuthenticationPrincipal ApiPrincipal caller) {
        return exporter.export(caller);
    }

    @GetMapping("/api/v1/schema/vigil.json")
    @Operation(summary = "The JSON Schema of the document", description = "For editors to complete and validate "
            + "vigil.yaml; the same file is in the repository at api-service/src/main/resources/apply/.")
    ResponseEntity<Resource> schema() {
        return ResponseEntity.ok().contentType(SCHEMA_JSON).body(new ClassPathResource("apply/vigil.schema.json"));
    }
}
