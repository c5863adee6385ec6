package dev.vigil.api.apikey;

import dev.vigil.api.identity.Role;
import dev.vigil.api.persistence.AssignedIdEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A stored API key: its hash and prefix, never the key itself. */
@Entity
@Table(name = "api_keys")
public class ApiKey extends AssignedIdEntity<UUID> {

    @Id
    private UUID id;
    private UUID workspaceId;
    private UUID createdBy;
    private String name;
    private String prefix;
    private byte[] keyHash;
    @Enumerated(EnumType.STRING)
    private Role role;
    private Instant createdAt;
    private Instant lastUsedAt;
    private Instant revokedAt;

    protected ApiKey() {
    }

    ApiKey(UUID workspaceId, UUID createdBy, String name, Role role, String prefix, byte[] keyHash,
           Instant createdAt) {
        this.id = UUID.randomUUID();
        this.workspaceId = workspaceId;
        this.createdBy = createdBy;
        this.name = name;
        this.prefix = prefix;
        this.keyHash = keyHash.clone();
        this.role = role;
        this.createdAt = createdAt;
    }

    @Override
    public UUID getId() {
        return id;
    }

    public UUID getWorkspaceId() {
        return workspaceId;
    }

    public UUID getCreatedBy() {
        return createdBy;
    }

    public String getName() {
        return name;
    }

    /** The role the key was given; it acts with the lesser of this and its creator's current role. */
    public Role getRole() {
        return role;
    }

    public String getPrefix() {
        return prefix;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }

}
