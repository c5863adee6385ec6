package dev.vigil.api.statuspage;

import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.ApiProperties;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.NotFoundException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and changes a workspace's status pages, each change in one transaction with its audit entry (which never
 * carries the password, only whether it changed).
 */
@Component
public class StatusPages {

    private static final String COLUMNS = "id, slug, title, description, logo_url, custom_domain, "
            + "password_hash IS NOT NULL AS protected, allowed_ips, created_at, updated_at, domain_token, "
            + "domain_verified_at, language";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final PasswordEncoder passwords;
    private final ApiProperties api;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final DomainVerifier verifier;
    private final java.security.SecureRandom random = new java.security.SecureRandom();

    StatusPages(JdbcClient jdbc, AuditLog audit, PasswordEncoder passwords, ApiProperties api,
                ApplicationEventPublisher events, Clock clock, DomainVerifier verifier) {
        this.verifier = verifier;
        this.jdbc = jdbc;
        this.audit = audit;
        this.passwords = passwords;
        this.api = api;
        this.events = events;
        this.clock = clock;
    }

    public List<StatusPageView> list(ApiPrincipal caller) {
        UUID workspaceId = caller.workspaceId();
        List<StatusPageView> pages = jdbc.sql("SELECT " + COLUMNS + " FROM status_pages WHERE workspace_id = ?"
                        + " ORDER BY created_at, id")
                .param(workspaceId).query(this::view).list();
        Map<UUID, List<StatusPageView.ComponentView>> components = components(pages.stream()
                .map(StatusPageView::id).toList());
        return pages.stream().map(p -> withComponents(p, components)).toList();
    }

    /** One of the caller's pages; 404 when it is not theirs. */
    public StatusPageView get(ApiPrincipal caller, UUID id) {
        return find(caller.workspaceId(), id).orElseThrow(() -> new NotFoundException("status page"));
    }

    private Optional<StatusPageView> find(UUID workspaceId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM status_pages WHERE id = ? AND workspace_id = ?")
                .params(id, workspaceId).query(this::view).optional()
                .map(p -> withComponents(p, components(List.of(id))));
    }

    @Transactional
    public StatusPageView create(ApiPrincipal caller, StatusPageRequest request) {
        StatusPageRules.ValidPage page = validate(caller, request);
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        try {
            jdbc.sql("""
                            INSERT INTO status_pages (id, workspace_id, slug, title, description, logo_url,
                                                      custom_domain, password_hash, allowed_ips, created_at,
                                                      updated_at, domain_token, language)
                            VALUES (:id, :w, :slug, :title, :description, :logo, :domain, :hash, :ips, :now, :now,
                                    :token, :language)""")
                    .param("id", id).param("w", caller.workspaceId()).param("slug", page.slug())
                    .param("title", page.title()).param("description", page.description())
                    .param("logo", page.logoUrl()).param("domain", page.customDomain())
                    .param("hash", page.password() == null || page.password().isEmpty() ? null
                            : passwords.encode(page.password()))
                    .param("ips", page.allowedIps().toArray(String[]::new)).param("now", now)
                    .param("token", page.customDomain() == null ? null : newToken())
                    .param("language", page.language() == null ? "en" : page.language())
                    .update();
        } catch (DuplicateKeyException e) {
            throw taken();
        }
        replaceComponents(id, page.components());
        audit.record(caller.workspaceId(), Actor.of(caller), "status_page.created", "STATUS_PAGE", id,
                summary(page));
        events.publishEvent(new StatusPageChanged(caller.workspaceId()));
        return find(caller.workspaceId(), id).orElseThrow();
    }

    @Transactional
    public StatusPageView replace(ApiPrincipal caller, UUID id, StatusPageRequest request) {
        lock(caller.workspaceId(), id);
        StatusPageRules.ValidPage page = validate(caller, request);
        // null keeps the current password, "" removes it, anything else replaces it.
        String passwordClause = page.password() == null ? "" : ", password_hash = :hash";
        try {
            // A new custom domain needs a new proof: its own token, unverified until its record is found.
            jdbc.sql("UPDATE status_pages SET slug = :slug, title = :title, description = :description,"
                            + " logo_url = :logo, custom_domain = :domain, allowed_ips = :ips, updated_at = :now,"
                            + " language = coalesce(CAST(:language AS text), language),"
                            + " domain_token = CASE WHEN CAST(:domain AS text) IS NULL THEN NULL"
                            + " WHEN lower(custom_domain) IS DISTINCT FROM lower(CAST(:domain AS text)) THEN :token"
                            + " ELSE domain_token END,"
                            + " domain_verified_at = CASE WHEN lower(custom_domain)"
                            + " IS DISTINCT FROM lower(CAST(:domain AS text)) THEN NULL ELSE domain_verified_at END"
                            + passwordClause + " WHERE id = :id AND workspace_id = :w")
                    .param("id", id).param("w", caller.workspaceId()).param("slug", page.slug())
                    .param("title", page.title()).param("description", page.description())
                    .param("logo", page.logoUrl()).param("domain", page.customDomain())
                    .param("hash", page.password() == null || page.password().isEmpty() ? null
                            : passwords.encode(page.password()))
                    .param("ips", page.allowedIps().toArray(String[]::new))
                    .param("now", Timestamp.from(clock.instant()))
                    .param("token", newToken())
                    .param("language", page.language())
                    .update();
        } catch (DuplicateKeyException e) {
            throw taken();
        }
        replaceComponents(id, page.components());
        Map<String, Object> summary = summary(page);
        summary.put("passwordChanged", page.password() != null);
        audit.record(caller.workspaceId(), Actor.of(caller), "status_page.updated", "STATUS_PAGE", id, summary);
        events.publishEvent(new StatusPageChanged(caller.workspaceId()));
        return find(caller.workspaceId(), id).orElseThrow();
    }

    /**
     * Looks up the page's challenge record and, when it holds the page's token, marks the custom domain verified: the
     * page is then served there. Another page that verified the same domain first keeps it (409).
     */
    @Transactional
    public StatusPageView verifyDomain(ApiPrincipal caller, UUID id) {
        lock(caller.workspaceId(), id);
        StatusPageView page = get(caller, id);
        if (page.customDomain() == null) {
            throw new ConflictException("No custom domain", "This status page has no custom domain to verify.");
        }
        StatusPageView.DomainVerification challenge = page.domainVerification();
        if (!challenge.verified()) {
            if (!verifier.proves(page.customDomain(), challenge.value())) {
                throw new ConflictException("Domain not verified", "No TXT record " + challenge.name() + " with the "
                        + "text " + challenge.value() + " was found; publish it and try again (DNS changes may take "
                        + "a few minutes to appear).");
            }
            try {
                jdbc.sql("UPDATE status_pages SET domain_verified_at = ? WHERE id = ? AND workspace_id = ?")
                        .params(Timestamp.from(clock.instant()), id, caller.workspaceId()).update();
            } catch (DuplicateKeyException e) {
                throw new ConflictException("Already taken", "Another status page is already served at this domain.");
            }
            audit.record(caller.workspaceId(), Actor.of(caller), "status_page.domain_verified", "STATUS_PAGE", id,
                    Map.of("customDomain", page.customDomain()));
            events.publishEvent(new StatusPageChanged(caller.workspaceId()));
        }
        return get(caller, id);
    }

    private String newToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return "vigil-" + java.util.HexFormat.of().formatHex(bytes);
    }

    /**
     * The fields in which {@code request} differs from the stored page, or a 400 when it is invalid. Here an absent
     * or empty {@code password} means "no password" (a declarative file states the whole page); a given one is
     * compared with the stored hash.
     */
    @Transactional(readOnly = true)
    public List<String> differences(ApiPrincipal caller, UUID id, StatusPageRequest request) {
        StatusPageRules.ValidPage page = validate(caller, request);
        StatusPageView current = get(caller, id);
        List<String> changed = new ArrayList<>();
        compare(changed, "slug", current.slug(), page.slug());
        compare(changed, "title", current.title(), page.title());
        compare(changed, "description", current.description() == null ? "" : current.description(),
                page.description());
        compare(changed, "logoUrl", current.logoUrl(), page.logoUrl());
        compare(changed, "customDomain", current.customDomain(), page.customDomain());
        compare(changed, "allowedIps", current.allowedIps(), page.allowedIps());
        compare(changed, "components", current.components().stream()
                        .map(c -> new StatusPageRules.ValidComponent(c.name(), c.monitorId(), c.group())).toList(),
                page.components());
        String hash = jdbc.sql("SELECT password_hash FROM status_pages WHERE id = ?").param(id).query(String.class)
                .optional().orElse(null);
        boolean wanted = page.password() != null && !page.password().isEmpty();
        if (wanted ? hash == null || !passwords.matches(page.password(), hash) : hash != null) {
            changed.add("password");
        }
        return changed;
    }

    /**
     * The components the caller's monitor group becomes on a page (one per monitor of it and of its subgroups,
     * gathered under the group's path), as saving a {@code monitorGroupId} component makes them: the dashboard's
     * form shows them as rows before the page is saved. Another workspace's group is a 400, as on save.
     */
    @Transactional(readOnly = true)
    public List<StatusPageRequest.ComponentRequest> componentsOfGroup(ApiPrincipal caller, UUID groupId) {
        StatusPageRequest group = new StatusPageRequest(null, null, null, null, null, null, List.of(),
                List.of(new StatusPageRequest.ComponentRequest(null, null, null, groupId)), null);
        return MonitorGroupComponents.expand(group, caller.workspaceId(), jdbc).components();
    }

    private static void compare(List<String> changed, String field, Object current, Object desired) {
        if (!java.util.Objects.equals(current, desired)) {
            changed.add(field);
        }
    }

    @Transactional
    public void delete(ApiPrincipal caller, UUID id) {
        String slug = lock(caller.workspaceId(), id);
        jdbc.sql("DELETE FROM status_pages WHERE id = ? AND workspace_id = ?").params(id, caller.workspaceId())
                .update();
        audit.record(caller.workspaceId(), Actor.of(caller), "status_page.deleted", "STATUS_PAGE", id,
                Map.of("slug", slug));
        events.publishEvent(new StatusPageChanged(caller.workspaceId()));
    }

    private StatusPageRules.ValidPage validate(ApiPrincipal caller, StatusPageRequest given) {
        StatusPageRequest request = MonitorGroupComponents.expand(given, caller.workspaceId(), jdbc);
        return StatusPageRules.validate(request, api.publicUrl().getHost(), ids -> {
            Set<UUID> found = new HashSet<>(jdbc.sql("SELECT id FROM monitors WHERE workspace_id = :w AND id IN (:ids)")
                    .param("w", caller.workspaceId()).param("ids", ids).query(UUID.class).list());
            return ids.stream().filter(i -> !found.contains(i)).toList();
        });
    }

    /** Locks the page against a concurrent edit and answers its slug; 404 when it is not the caller's. */
    private String lock(UUID workspaceId, UUID id) {
        return jdbc.sql("SELECT slug FROM status_pages WHERE id = ? AND workspace_id = ? FOR UPDATE")
                .params(id, workspaceId).query(String.class).optional()
                .orElseThrow(() -> new NotFoundException("status page"));
    }

    /**
     * Writes the page's components. A component with the same monitor and name as before keeps its id, so what
     * refers to it (declared incidents' impact, badge URLs) survives an edit of the page.
     */
    private void replaceComponents(UUID pageId, List<StatusPageRules.ValidComponent> components) {
        Map<String, UUID> existing = new HashMap<>();
        jdbc.sql("SELECT id, monitor_id, name FROM status_page_components WHERE page_id = ? ORDER BY position")
                .param(pageId)
                .query(rs -> {
                    existing.putIfAbsent(rs.getObject("monitor_id", UUID.class) + "/" + rs.getString("name"),
                            rs.getObject("id", UUID.class));
                });
        int position = 0;
        for (StatusPageRules.ValidComponent c : components) {
            UUID kept = existing.remove(c.monitorId() + "/" + c.name());
            if (kept != null) {
                jdbc.sql("UPDATE status_page_components SET group_name = ?, position = ? WHERE id = ?")
                        .params(c.group(), position++, kept).update();
                continue;
            }
            jdbc.sql("""
                            INSERT INTO status_page_components (id, page_id, monitor_id, name, group_name, position)
                            VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), pageId, c.monitorId(), c.name(), c.group(), position++)
                    .update();
        }
        if (!existing.isEmpty()) {
            jdbc.sql("DELETE FROM status_page_components WHERE page_id = :page AND id IN (:ids)")
                    .param("page", pageId).param("ids", List.copyOf(existing.values())).update();
        }
    }

    private static ConflictException taken() {
        return new ConflictException("Already taken",
                "Another status page already uses this slug or custom domain.");
    }

    private static Map<String, Object> summary(StatusPageRules.ValidPage page) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("slug", page.slug());
        summary.put("title", page.title());
        summary.put("customDomain", page.customDomain());
        summary.put("allowedIps", page.allowedIps());
        summary.put("components", page.components().size());
        return summary;
    }

    private Map<UUID, List<StatusPageView.ComponentView>> components(List<UUID> pageIds) {
        Map<UUID, List<StatusPageView.ComponentView>> components = new HashMap<>();
        if (pageIds.isEmpty()) {
            return components;
        }
        jdbc.sql("""
                        SELECT id, page_id, monitor_id, name, group_name, position FROM status_page_components
                        WHERE page_id IN (:ids) ORDER BY position""")
                .param("ids", pageIds)
                .query(rs -> {
                    components.computeIfAbsent(rs.getObject("page_id", UUID.class), k -> new ArrayList<>())
                            .add(new StatusPageView.ComponentView(rs.getObject("id", UUID.class),
                                    rs.getString("name"), rs.getObject("monitor_id", UUID.class),
                                    rs.getString("group_name"), rs.getInt("position")));
                });
        return components;
    }

    private StatusPageView withComponents(StatusPageView page, Map<UUID, List<StatusPageView.ComponentView>> all) {
        return new StatusPageView(page.id(), page.slug(), page.title(), page.description(), page.logoUrl(),
                page.customDomain(), page.passwordProtected(), page.allowedIps(),
                List.copyOf(all.getOrDefault(page.id(), List.of())), page.url(), page.createdAt(), page.updatedAt(),
                page.domainVerification(), page.language());
    }

    private StatusPageView view(ResultSet rs, int row) throws SQLException {
        Array ips = rs.getArray("allowed_ips");
        String slug = rs.getString("slug");
        return new StatusPageView(rs.getObject("id", UUID.class), slug, rs.getString("title"),
                rs.getString("description"), rs.getString("logo_url"), rs.getString("custom_domain"),
                rs.getBoolean("protected"), List.of((String[]) ips.getArray()), List.of(),
                api.link("/status/" + slug), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), domainVerification(rs), rs.getString("language"));
    }

    private static StatusPageView.DomainVerification domainVerification(ResultSet rs) throws SQLException {
        String domain = rs.getString("custom_domain");
        if (domain == null) {
            return null;
        }
        Timestamp verifiedAt = rs.getTimestamp("domain_verified_at");
        return new StatusPageView.DomainVerification(DomainVerifier.recordName(domain), "TXT",
                rs.getString("domain_token"), verifiedAt != null, verifiedAt == null ? null : verifiedAt.toInstant());
    }
}
