package dev.vigil.api.monitor;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MonitorRepository extends JpaRepository<Monitor, UUID> {

    /** The only way to load a monitor for a caller: scoped by workspace, so another tenant's id finds nothing. */
    Optional<Monitor> findByIdAndWorkspaceId(UUID id, UUID workspaceId);

    Page<Monitor> findByWorkspaceId(UUID workspaceId, Pageable pageable);

    long countByWorkspaceId(UUID workspaceId);
}
