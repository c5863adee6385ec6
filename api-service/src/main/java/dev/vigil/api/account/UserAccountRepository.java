package dev.vigil.api.account;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface UserAccountRepository extends JpaRepository<UserAccount, UUID> {

    /** Case-insensitive, matching the unique index on lower(email). */
    @Query("select u from UserAccount u where lower(u.email) = lower(:email)")
    Optional<UserAccount> findByEmail(String email);

    /**
     * Whether the account's address is proven, without loading the account into the persistence context: every
     * dashboard page asks (its banner), and loading the entity was 3 % of the list page's CPU.
     */
    @Query("select count(u) > 0 from UserAccount u where u.id = :id and u.emailVerifiedAt is not null")
    boolean isEmailVerified(UUID id);
}
