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

/**
 * A person who signs in. The password is kept only as an adaptive hash; a user invited by email who has not accepted
 * yet has none, and nobody can sign in as them.
 */
@Entity
@Table(name = "users")
public class UserAccount implements Persistable<UUID> {

    @Id
    private UUID id;
    private String email;
    private String passwordHash;
    private Instant createdAt;
    @Transient
    private boolean isNew;

    protected UserAccount() {
    }

    public UserAccount(String email, String passwordHash, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.email = email;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
        this.isNew = true;
    }

    @Override
    public UUID getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    /** False for an invited user who has not chosen a password yet. */
    public boolean hasPassword() {
        return passwordHash != null;
    }

    /** Sets the first password of an invited user. */
    public void choosePassword(String newPasswordHash) {
        this.passwordHash = newPasswordHash;
    }

    /** A user created by an invitation: no password until they accept it. */
    public static UserAccount invited(String email, Instant createdAt) {
        return new UserAccount(email, null, createdAt);
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
