package dev.vigil.api.account;

import dev.vigil.api.identity.Role;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface MembershipRepository extends JpaRepository<Membership, Membership.Key> {

    default Optional<Membership> find(UUID workspaceId, UUID userId) {
        return findById(new Membership.Key(workspaceId, userId));
    }

    @Query("select count(m) from Membership m where m.id.workspaceId = :workspaceId and m.role = :role")
    long countByRole(UUID workspaceId, Role role);

    @Query("select count(m) from Membership m where m.id.workspaceId = :workspaceId")
    long countMembers(UUID workspaceId);
}
