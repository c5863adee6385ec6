package dev.vigil.api.statuspage;

import dev.vigil.api.incident.IncidentChanged;
import dev.vigil.api.incident.IncidentUpdatePosted;
import dev.vigil.api.maintenance.MaintenanceChanged;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Pages in memory, so a visit costs no query: each page's snapshot lives for {@code cache-ttl}, and each
 * representation of it (HTML, JSON, Atom, badges) is rendered once per snapshot. Changes made through this API
 * (pages, maintenance, incident updates) evict the workspace's pages after their transaction commits.
 *
 * <p>When a snapshot expires under load, one thread reloads it and the others wait for that one
 * ({@link ConcurrentHashMap#compute} per slug), so a traffic spike never turns into a burst of identical queries.
 */
@Component
class StatusPageCache {

    /** Unknown slugs are remembered too (scanners probe many), but only up to this many entries in all. */
    private static final int MAX_ENTRIES = 10_000;

    private final StatusSnapshotLoader loader;
    private final StatusPageProperties properties;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile Domains domains;

    StatusPageCache(StatusSnapshotLoader loader, StatusPageProperties properties, Clock clock) {
        this.loader = loader;
        this.properties = properties;
        this.clock = clock;
    }

    /** The page's current entry, empty when there is no such page. */
    Optional<Entry> get(String slug) {
        Instant now = clock.instant();
        Entry entry = entries.get(slug);
        if (entry == null || entry.expired(now)) {
            entry = entries.compute(slug, (key, old) -> old != null && !old.expired(clock.instant()) ? old
                    : new Entry(loader.load(key).orElse(null), clock.instant().plus(properties.cacheTtl())));
            if (entry.snapshot() == null && entries.size() > MAX_ENTRIES) {
                entries.remove(slug);
            }
        }
        return entry.snapshot() == null ? Optional.empty() : Optional.of(entry);
    }

    /** The slug of the page served at a custom domain, if any. */
    Optional<String> slugForDomain(String host) {
        Domains current = domains;
        Instant now = clock.instant();
        if (current == null || now.isAfter(current.expiresAt())) {
            current = new Domains(Map.copyOf(loader.customDomains()), now.plus(properties.cacheTtl()));
            domains = current;
        }
        return Optional.ofNullable(current.slugs().get(host));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(StatusPageChanged changed) {
        evict(changed.workspaceId());
        domains = null;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(MaintenanceChanged changed) {
        evict(changed.workspaceId());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(IncidentUpdatePosted posted) {
        evict(posted.workspaceId());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(IncidentChanged changed) {
        evict(changed.workspaceId());
    }

    /** Drops the workspace's pages, and every remembered unknown slug (one may have just been created). */
    private void evict(UUID workspaceId) {
        entries.values().removeIf(e -> e.snapshot() == null || e.snapshot().page().workspaceId().equals(workspaceId));
    }

    /** A snapshot (null: no such page) and the representations rendered from it so far. */
    record Entry(StatusSnapshot snapshot, Instant expiresAt, Map<String, Rendered> renderings) {

        Entry(StatusSnapshot snapshot, Instant expiresAt) {
            this(snapshot, expiresAt, new ConcurrentHashMap<>());
        }

        boolean expired(Instant now) {
            return !now.isBefore(expiresAt);
        }

        /** The representation named {@code key}, rendered on first use. */
        Rendered rendering(String key, Supplier<Rendered> render) {
            return renderings.computeIfAbsent(key, k -> render.get());
        }
    }

    private record Domains(Map<String, String> slugs, Instant expiresAt) {
    }
}
