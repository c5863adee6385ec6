package dev.vigil.api.account;

import dev.vigil.api.identity.Role;
import dev.vigil.api.persistence.AssignedIdEntity;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A user's role in a workspace. */
@Entity
@Table(name = "workspace_members")
public class Membership extends AssignedIdEntity<Membership.Key> {

    @EmbeddedId
    private Key id;
    @Enumerated(EnumType.STRING)
    private Role role;
    private Instant createdAt;

    protected Membership() {
    }

    public Membership(UUID workspaceId, UUID userId, Role role, Instant createdAt) {
        this.id = new Key(workspaceId, userId);
        this.role = role;
        this.createdAt = createdAt;
    }

    @Override
    public Key getId() {
        return id;
    }

    public Role getRole() {
        return role;
    }

    public void changeRole(Role newRole) {
        this.role = newRole;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }


    /** (workspace, user). */
    @Embeddable
    public record Key(UUID workspaceId, UUID userId) implements Serializable {
    }
}
