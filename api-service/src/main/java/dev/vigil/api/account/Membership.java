package dev.vigil.api.account;

import dev.vigil.api.identity.Role;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/** A user's role in a workspace. */
@Entity
@Table(name = "workspace_members")
public class Membership implements Persistable<Membership.Key> {

    @EmbeddedId
    private Key id;
    @Enumerated(EnumType.STRING)
    private Role role;
    private Instant createdAt;
    @Transient
    private boolean isNew;

    protected Membership() {
    }

    public Membership(UUID workspaceId, UUID userId, Role role, Instant createdAt) {
        this.id = new Key(workspaceId, userId);
        this.role = role;
        this.createdAt = createdAt;
        this.isNew = true;
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

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostLoad
    @PostPersist
    void markStored() {
        isNew = false;
    }

    /** (workspace, user). */
    @Embeddable
    public record Key(UUID workspaceId, UUID userId) implements Serializable {
    }
}
