package dev.vigil.api.account;

import dev.vigil.api.persistence.AssignedIdEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A tenant: the unit of isolation. Monitors, keys, channels and status pages belong to one. */
@Entity
@Table(name = "workspaces")
public class Workspace extends AssignedIdEntity<UUID> {

    @Id
    private UUID id;
    private String name;
    private String plan;
    private Instant createdAt;

    protected Workspace() {
    }

    public Workspace(String name, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.plan = "FREE";
        this.createdAt = createdAt;
    }

    @Override
    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void rename(String newName) {
        this.name = newName;
    }

    public String getPlan() {
        return plan;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

}
