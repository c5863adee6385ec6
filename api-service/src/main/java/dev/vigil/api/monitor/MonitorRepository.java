package dev.vigil.api.monitor;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface MonitorRepository extends JpaRepository<Monitor, UUID> {

    /** The only way to load a monitor for a caller: scoped by workspace, so another tenant's id finds nothing. */
    Optional<Monitor> findByIdAndWorkspaceId(UUID id, UUID workspaceId);

    /**
     * The monitors of a list page, by the ids its search found (in the caller's workspace). A JPQL query, whose
     * translation Hibernate keeps: {@code findAllById} builds a criteria query and translates it again on every call,
     * 18 % of the dashboard list's CPU at 100,000 monitors (bench/README.md).
     */
    @Query("SELECT m FROM Monitor m WHERE m.id IN :ids")
    List<Monitor> findListed(@Param("ids") Collection<UUID> ids);

    Page<Monitor> findByWorkspaceId(UUID workspaceId, Pageable pageable);

    long countByWorkspaceId(UUID workspaceId);
}
