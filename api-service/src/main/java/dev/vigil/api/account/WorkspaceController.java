package dev.vigil.api.account;

import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.identity.Role;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.ForbiddenException;
import dev.vigil.api.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Workspace", description = "The workspace the API key belongs to.")
class WorkspaceController {

    private final WorkspaceRepository workspaces;
    private final MembershipRepository memberships;
    private final AuditLog audit;

    WorkspaceController(WorkspaceRepository workspaces, MembershipRepository memberships, AuditLog audit) {
        this.workspaces = workspaces;
        this.memberships = memberships;
        this.audit = audit;
    }

    @GetMapping("/api/v1/workspace")
    @Transactional(readOnly = true)
    @Operation(summary = "The current workspace, with the role this key acts with")
    WorkspaceView get(@AuthenticationPrincipal ApiPrincipal caller) {
        return view(load(caller), caller);
    }

    @PutMapping("/api/v1/workspace")
    @Transactional
    @Operation(summary = "Rename the workspace (OWNER only)")
    WorkspaceView rename(@AuthenticationPrincipal ApiPrincipal caller, @RequestBody RenameRequest request) {
        if (caller.role() != Role.OWNER) {
            throw new ForbiddenException("Only an owner may rename the workspace.");
        }
        FieldProblems problems = new FieldProblems();
        String name = AccountRules.workspaceName(problems, "name", request.name());
        problems.throwIfAny();
        Workspace workspace = load(caller);
        if (!workspace.getName().equals(name)) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("from", workspace.getName());
            change.put("to", name);
            workspace.rename(name);
            audit.record(workspace.getId(), Actor.of(caller), "workspace.renamed", "WORKSPACE", workspace.getId(),
                    Map.of("changes", Map.of("name", change)));
        }
        return view(workspace, caller);
    }

    private Workspace load(ApiPrincipal caller) {
        return workspaces.findById(caller.workspaceId()).orElseThrow(() -> new NotFoundException("workspace"));
    }

    private WorkspaceView view(Workspace workspace, ApiPrincipal caller) {
        return new WorkspaceView(workspace.getId(), workspace.getName(), workspace.getPlan(), workspace.getCreatedAt(),
                caller.role(), memberships.countMembers(workspace.getId()));
    }

    /** {@code GET /api/v1/workspace}. */
    record WorkspaceView(UUID id, String name, String plan, Instant createdAt,
                         @Schema(description = "The role this API key acts with") Role role, long members) {
    }

    /** {@code PUT /api/v1/workspace}. */
    @Schema(example = "{\"name\": \"Ann's shop (production)\"}")
    record RenameRequest(String name) {
    }
}
