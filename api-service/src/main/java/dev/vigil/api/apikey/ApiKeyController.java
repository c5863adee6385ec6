package dev.vigil.api.apikey;

import dev.vigil.api.account.Role;
import dev.vigil.api.account.WorkspaceLocks;
import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.security.ApiPrincipal;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.ForbiddenException;
import dev.vigil.api.web.NotFoundException;
import dev.vigil.api.web.StoredTime;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/api-keys")
@Tag(name = "API keys", description = "Keys are shown once, stored as a hash, and stop working at once when revoked.")
public class ApiKeyController {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyController.class);

    private final ApiKeyRepository keys;
    private final ApiKeyIssuer issuer;
    private final ApiKeyProperties limits;
    private final WorkspaceLocks locks;
    private final AuditLog audit;
    private final Clock clock;

    ApiKeyController(ApiKeyRepository keys, ApiKeyIssuer issuer, ApiKeyProperties limits, WorkspaceLocks locks,
                     AuditLog audit, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.limits = limits;
        this.locks = locks;
        this.audit = audit;
        this.clock = clock;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    @Operation(summary = "Create a key", description = "The answer holds the key, shown this once. Its role is at "
            + "most the caller's own (default: the caller's role).")
    public ApiKeyView create(@AuthenticationPrincipal ApiPrincipal caller, @RequestBody ApiKeyRequest request) {
        FieldProblems problems = new FieldProblems();
        String name = problems.requiredLine("name", request.name(), 100);
        Role role = caller.role();
        if (request.role() != null) {
            role = Role.fromName(request.role());
            if (role == null) {
                problems.add("role", "role must be one of " + Arrays.toString(Role.values()));
            } else if (!caller.role().atLeast(role)) {
                problems.add("role", "role can be at most your own (" + caller.role() + ")");
            }
        }
        problems.throwIfAny();
        locks.lock(caller.workspaceId());
        if (keys.countByWorkspaceIdAndRevokedAtIsNull(caller.workspaceId()) >= limits.maxPerWorkspace()) {
            throw new ConflictException("Too many API keys", "This workspace has " + limits.maxPerWorkspace()
                    + " API keys, the most it may have; revoke one first.");
        }
        ApiKeyIssuer.IssuedApiKey issued = issuer.issue(caller.workspaceId(), caller.userId(), name, role);
        audit.record(caller.workspaceId(), Actor.of(caller), "api_key.created", "API_KEY", issued.key().getId(),
                Map.of("name", name, "prefix", issued.key().getPrefix(), "role", role.name()));
        log.info("api key created workspace={} key={} role={}", caller.workspaceId(), issued.key().getId(), role);
        return ApiKeyView.created(issued);
    }

    @GetMapping
    @Transactional(readOnly = true)
    @Operation(summary = "List the workspace's live keys (never the keys themselves)")
    public KeyList list(@AuthenticationPrincipal ApiPrincipal caller) {
        return new KeyList(keys.findByWorkspaceIdAndRevokedAtIsNullOrderByCreatedAt(caller.workspaceId()).stream()
                .map(ApiKeyView::of).toList());
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    @Operation(summary = "One live key (never the key itself)")
    ApiKeyView get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        return ApiKeyView.of(load(caller, id));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    @Operation(summary = "Revoke a key", description = "It stops working with the next request. A key may revoke "
            + "itself; revoking a key with a higher role than the caller's is refused (403), and so is revoking the "
            + "workspace's last OWNER key (409).")
    public void revoke(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        ApiKey key = load(caller, id);
        if (!caller.role().atLeast(key.getRole())) {
            throw new ForbiddenException("This key has the role " + key.getRole() + "; only an " + key.getRole()
                    + " may revoke it.");
        }
        if (key.getRole() == Role.OWNER && keys.countLiveOwnerKeys(caller.workspaceId()) <= 1) {
            // Until people can sign in to the dashboard, a key is the only way into a workspace: losing the last
            // owner key would lock the owners out of managing it.
            throw new ConflictException("Last owner key", "This is the workspace's last OWNER key; create another "
                    + "one before revoking it.");
        }
        key.revoke(StoredTime.now(clock));
        audit.record(caller.workspaceId(), Actor.of(caller), "api_key.revoked", "API_KEY", key.getId(),
                Map.of("name", key.getName(), "prefix", key.getPrefix()));
        log.info("api key revoked workspace={} key={}", caller.workspaceId(), key.getId());
    }

    private ApiKey load(ApiPrincipal caller, UUID id) {
        return keys.findByIdAndWorkspaceIdAndRevokedAtIsNull(id, caller.workspaceId())
                .orElseThrow(() -> new NotFoundException("API key"));
    }

    /** {@code GET /api/v1/api-keys}. */
    public record KeyList(List<ApiKeyView> items) {
    }
}
