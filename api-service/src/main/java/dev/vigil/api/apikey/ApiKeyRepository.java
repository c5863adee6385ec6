package dev.vigil.api.apikey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

public interface ApiKeyRepository extends JpaRepository<ApiKey, UUID> {

    List<ApiKey> findByWorkspaceIdAndRevokedAtIsNullOrderByCreatedAt(UUID workspaceId);

    List<ApiKey> findByWorkspaceIdAndCreatedByAndRevokedAtIsNull(UUID workspaceId, UUID createdBy);

    long countByWorkspaceIdAndRevokedAtIsNull(UUID workspaceId);

    @Query("select count(k) from ApiKey k where k.workspaceId = :workspaceId and k.revokedAt is null "
            + "and k.role = dev.vigil.api.identity.Role.OWNER")
    long countLiveOwnerKeys(UUID workspaceId);

    /** A live key of the workspace; a revoked one is gone as far as the API is concerned. */
    Optional<ApiKey> findByIdAndWorkspaceIdAndRevokedAtIsNull(UUID id, UUID workspaceId);

    /**
     * Records a use, at most once a minute per key: a write on every request would make the key table the hottest in
     * the database for no extra information.
     */
    @Modifying
    @Transactional
    @Query("update ApiKey k set k.lastUsedAt = :now where k.id = :id "
            + "and (k.lastUsedAt is null or k.lastUsedAt < :staleBefore)")
    int touch(UUID id, Instant now, Instant staleBefore);
}
