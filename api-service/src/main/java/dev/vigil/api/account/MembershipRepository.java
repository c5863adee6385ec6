package dev.vigil.api.account;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MembershipRepository extends JpaRepository<Membership, Membership.Key> {

    List<Membership> findByIdUserId(UUID userId);
}
