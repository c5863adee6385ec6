package dev.vigil.api.tag;

import dev.vigil.api.identity.ApiPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tags")
@Tag(name = "Tags", description = "Names and colours to put on monitors; the monitor list filters by them.")
class TagController {

    private final Tags tags;

    TagController(Tags tags) {
        this.tags = tags;
    }

    /** The {@code {"items":[...]}} of docs/api.md's unpaged lists. */
    record TagList(List<TagView> items) {
    }

    @GetMapping
    @Operation(summary = "The workspace's tags, by name, each with how many monitors carry it")
    TagList list(@AuthenticationPrincipal ApiPrincipal caller) {
        return new TagList(tags.list(caller));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a tag", description = "409 when the workspace has a tag of that name (any case).")
    TagView create(@AuthenticationPrincipal ApiPrincipal caller, @RequestBody TagRequest request) {
        return tags.create(caller, request);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One tag")
    TagView get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        return tags.get(caller, id);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Rename or recolour a tag")
    TagView update(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id,
                   @RequestBody TagRequest request) {
        return tags.update(caller, id, request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a tag", description = "It is taken off every monitor that carries it.")
    void delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        tags.delete(caller, id);
    }
}
