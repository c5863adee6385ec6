package dev.vigil.api.dashboard;

import dev.vigil.api.identity.Role;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.ForbiddenException;
import java.util.List;
import java.util.UUID;

/**
 * The signed-in person acting in one of their workspaces, with their current role there. The services take an
 * {@link ApiPrincipal}; the dashboard's has no API key, and its audit label is the person's email.
 *
 * @param workspaces every workspace the person belongs to, for the switcher
 * @param timeZone   the zone the person chose for the dashboard's times, or null for the browser's
 */
public record Caller(UUID userId, String email, UUID workspaceId, String workspaceName, Role role,
                     List<WorkspaceChoice> workspaces, String timeZone) {

    /** A workspace the person may switch to. */
    public record WorkspaceChoice(UUID id, String name, Role role) {
    }

    public boolean canWrite() {
        return role.canWrite();
    }

    /** Acting to read. */
    public ApiPrincipal reader() {
        return new ApiPrincipal(workspaceId, null, userId, role, email);
    }

    /**
     * Acting to change something: the API refuses every change by a VIEWER in its security rules, before any
     * service runs, so the dashboard does the same here.
     */
    public ApiPrincipal writer() {
        if (!canWrite()) {
            throw new ForbiddenException("Your role in this workspace is VIEWER: you can look, not change.");
        }
        return reader();
    }
}
