package dev.vigil.api.account;

import dev.vigil.api.persistence.AssignedIdEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A person who signs in. The password is kept only as an adaptive hash; a user invited by email who has not accepted
 * yet has none, and nobody can sign in as them.
 */
@Entity
@Table(name = "users")
public class UserAccount extends AssignedIdEntity<UUID> {

    @Id
    private UUID id;
    private String email;
    private String passwordHash;
    private Instant createdAt;

    protected UserAccount() {
    }

    public UserAccount(String email, String passwordHash, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.email = email;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
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

}
