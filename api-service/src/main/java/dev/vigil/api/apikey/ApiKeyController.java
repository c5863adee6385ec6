package dev.vigil.api.apikey;

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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/api-keys}: the HTTP face of {@link ApiKeys}, which holds the rules. */
@RestController
@RequestMapping("/api/v1/api-keys")
@Tag(name = "API keys", description = "Keys are shown once, stored as a hash, and stop working at once when revoked.")
class ApiKeyController {

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a key", description = "The answer holds the key, shown this once. Its role is at "
            + "most the caller's own (default: the caller's role).")
    ApiKeyView create(@AuthenticationPrincipal ApiPrincipal caller, @RequestBody ApiKeyRequest request) {
        return keys.create(caller, request);
    }

    @GetMapping
    @Operation(summary = "List the workspace's live keys (never the keys themselves)")
    KeyList list(@AuthenticationPrincipal ApiPrincipal caller) {
        return new KeyList(keys.list(caller));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One live key (never the key itself)")
    ApiKeyView get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        return keys.get(caller, id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke a key", description = "It stops working with the next request. A key may revoke "
            + "itself; revoking a key with a higher role than the caller's is refused (403), and so is revoking the "
            + "workspace's last OWNER key (409).")
    void revoke(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        keys.revoke(caller, id);
    }

    /** {@code GET /api/v1/api-keys}. */
    record KeyList(List<ApiKeyView> items) {
    }
}
