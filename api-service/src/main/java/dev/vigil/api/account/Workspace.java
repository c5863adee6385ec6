package dev.vigil.api.account;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/** A tenant: the unit of isolation. Monitors, keys, channels and status pages belong to one. */
@Entity
@Table(name = "workspaces")
public class Workspace implements Persistable<UUID> {

    @Id
    private UUID id;
    private String name;
    private String plan;
    private Instant createdAt;
    @Transient
    private boolean isNew;

    protected Workspace() {
    }

    public Workspace(String name, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.plan = "FREE";
        this.createdAt = createdAt;
        this.isNew = true;
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

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostLoad
    @PostPersist
    void markStored() {
        isNew = false;
    }
}
