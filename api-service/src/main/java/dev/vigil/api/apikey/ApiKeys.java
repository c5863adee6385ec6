package dev.vigil.api.apikey;

import dev.vigil.api.account.WorkspaceLocks;
import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.identity.Role;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.ForbiddenException;
import dev.vigil.api.web.NotFoundException;
import dev.vigil.api.web.StoredTime;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A workspace's API keys and the rules for them, for the REST API and the dashboard alike:
 * <ol>
 *   <li>a new key's role is at most the caller's own (default: the caller's role);</li>
 *   <li>a workspace holds at most {@code vigil.api-keys.max-per-workspace} live keys (checked under the workspace
 *       lock);</li>
 *   <li>a key with a higher role than the caller's may not be revoked by them, nor the workspace's last OWNER key.</li>
 * </ol>
 */
@Service
public class ApiKeys {

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    private final ApiKeyRepository keys;
    private final ApiKeyIssuer issuer;
    private final ApiKeyProperties limits;
    private final WorkspaceLocks locks;
    private final AuditLog audit;
    private final Clock clock;

    ApiKeys(ApiKeyRepository keys, ApiKeyIssuer issuer, ApiKeyProperties limits, WorkspaceLocks locks,
            AuditLog audit, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.limits = limits;
        this.locks = locks;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates a key; the answer holds the key itself, this once. */
    @Transactional
    public ApiKeyView create(ApiPrincipal caller, ApiKeyRequest request) {
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
        ApiKeyIssuer.IssuedApiKey issued = issuer.issue(caller.workspaceId(), caller.userId(), name, role,
                Actor.of(caller));
        log.info("api key created workspace={} key={} role={}", caller.workspaceId(), issued.key().getId(), role);
        return ApiKeyView.created(issued);
    }

    /** The workspace's live keys, oldest first (never the keys themselves). */
    @Transactional(readOnly = true)
    public List<ApiKeyView> list(ApiPrincipal caller) {
        return keys.findByWorkspaceIdAndRevokedAtIsNullOrderByCreatedAt(caller.workspaceId()).stream()
                .map(ApiKeyView::of).toList();
    }

    @Transactional(readOnly = true)
    public ApiKeyView get(ApiPrincipal caller, UUID id) {
        return ApiKeyView.of(load(caller, id));
    }

    /** Revokes a key: it stops working with the next request. */
    @Transactional
    public void revoke(ApiPrincipal caller, UUID id) {
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
}
