package dev.vigil.api.account;

import dev.vigil.api.persistence.AssignedIdEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A person who signs in. The password is kept only as an adaptive hash. Until the address is proven (a link mailed to
 * it was followed) the person can sign in but joins no workspace and gets no alerts.
 */
@Entity
@Table(name = "users")
public class UserAccount extends AssignedIdEntity<UUID> {

    @Id
    private UUID id;
    private String email;
    private String passwordHash;
    private Instant createdAt;
    private Instant emailVerifiedAt;
    private int sessionEpoch;

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

    /** False only for accounts of an older version's pending invitations (withdrawn by migration V33_1). */
    public boolean hasPassword() {
        return passwordHash != null;
    }

    /**
     * A new password (a reset): every dashboard session signed in before ends, since whoever knew the old password
     * may hold one.
     */
    public void resetPassword(String newPasswordHash) {
        this.passwordHash = newPasswordHash;
        this.sessionEpoch++;
    }

    public boolean isEmailVerified() {
        return emailVerifiedAt != null;
    }

    /** The address is proven (a mailed link was followed); the first proof counts. */
    public void verifyEmail(Instant at) {
        if (emailVerifiedAt == null) {
            emailVerifiedAt = at;
        }
    }

    /** Compared with the value a dashboard session was signed in under. */
    public int getSessionEpoch() {
        return sessionEpoch;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

}
