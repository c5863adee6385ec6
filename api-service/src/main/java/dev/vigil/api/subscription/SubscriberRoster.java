package dev.vigil.api.subscription;

import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.NotFoundException;
import dev.vigil.api.web.Paging;
import java.net.URI;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A status page's subscribers as its workspace sees and removes them (the public side, subscribing and
 * unsubscribing by a link, is {@link Subscribers}). Every call first finds the page in the caller's workspace:
 * another workspace's page, or a subscriber of another page, is a 404 like an unknown one.
 */
@Component
public class SubscriberRoster {

    /** Which subscribers a list shows: {@code confirmed}, {@code pending} (not confirmed yet) or all. */
    public enum State {
        CONFIRMED("s.confirmed_at IS NOT NULL"), PENDING("s.confirmed_at IS NULL");

        private final String sql;

        State(String sql) {
            this.sql = sql;
        }

        /** The state named (any case), null for none; a 400 naming {@code field} for another word. */
        public static State parse(String field, String given) {
            if (given == null || given.isBlank()) {
                return null;
            }
            try {
                return valueOf(given.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                FieldProblems problems = new FieldProblems();
                problems.add(field, "status must be confirmed or pending");
                problems.throwIfAny();
                return null;
            }
        }
    }

    /** How many subscribers a page has, by state. */
    public record Counts(long confirmed, long pending) {
    }

    private static final String COLUMNS = "s.id, s.kind, s.email, s.webhook_url, s.component_ids, s.created_at, "
            + "s.confirmed_at";

    private final JdbcClient jdbc;
    private final AuditLog audit;

    SubscriberRoster(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The page's subscribers, newest first, optionally of one state only. */
    public Paging.Items<SubscriberView> list(ApiPrincipal caller, UUID pageId, State state, Paging paging) {
        requirePage(caller, pageId);
        String where = "s.page_id = :page" + (state == null ? "" : " AND " + state.sql);
        Map<UUID, String> names = componentNames(pageId);
        List<SubscriberView> items = jdbc.sql("SELECT " + COLUMNS + " FROM status_page_subscribers s WHERE " + where
                        + " ORDER BY s.created_at DESC, s.id LIMIT :limit OFFSET :offset")
                .param("page", pageId).param("limit", paging.size()).param("offset", paging.offset())
                .query((rs, n) -> view(rs, names)).list().stream().map(v -> shown(caller, v)).toList();
        long total = items.size() < paging.size() && (paging.page() == 0 || !items.isEmpty())
                ? paging.offset() + items.size()
                : jdbc.sql("SELECT count(*) FROM status_page_subscribers s WHERE " + where).param("page", pageId)
                        .query(Long.class).single();
        return paging.items(items, total);
    }

    public Counts counts(ApiPrincipal caller, UUID pageId) {
        requirePage(caller, pageId);
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE confirmed_at IS NOT NULL),
                               count(*) FILTER (WHERE confirmed_at IS NULL)
                        FROM status_page_subscribers WHERE page_id = ?""")
                .param(pageId).query((rs, n) -> new Counts(rs.getLong(1), rs.getLong(2))).single();
    }

    public SubscriberView get(ApiPrincipal caller, UUID pageId, UUID subscriberId) {
        requirePage(caller, pageId);
        return shown(caller, find(pageId, subscriberId));
    }

    /**
     * The subscriber as the caller may see it: a VIEWER (a read-only key in a CI job, a teammate who only reads)
     * sees an address masked, {@code a…@example.com}. Subscribers are members of the public who gave their address
     * to be told of outages, and those who manage the page are who need it.
     */
    private static SubscriberView shown(ApiPrincipal caller, SubscriberView view) {
        if (caller.canWrite() || view.email() == null) {
            return view;
        }
        int at = view.email().lastIndexOf('@');
        String masked = (at > 0 ? view.email().substring(0, 1) : "") + "\u2026"
                + view.email().substring(Math.max(at, 0));
        return new SubscriberView(view.id(), view.kind(), masked, view.webhookOrigin(), view.allComponents(),
                view.components(), view.confirmed(), view.createdAt(), view.confirmedAt());
    }

    /**
     * Removes a subscriber: nothing more is sent to it, messages already queued for it included (its deliveries go
     * with it). Audited without the address: the log outlives the subscription, the address should not.
     */
    @Transactional
    public SubscriberView remove(ApiPrincipal caller, UUID pageId, UUID subscriberId) {
        requirePage(caller, pageId);
        SubscriberView removed = find(pageId, subscriberId);
        jdbc.sql("DELETE FROM status_page_subscribers WHERE id = ? AND page_id = ?").params(subscriberId, pageId)
                .update();
        audit.record(caller.workspaceId(), Actor.of(caller), "status_page.subscriber_removed", "STATUS_PAGE", pageId,
                Map.of("subscriberId", subscriberId.toString(), "kind", removed.kind(), "confirmed",
                        removed.confirmed()));
        return removed;
    }

    private SubscriberView find(UUID pageId, UUID subscriberId) {
        Map<UUID, String> names = componentNames(pageId);
        return jdbc.sql("SELECT " + COLUMNS + " FROM status_page_subscribers s WHERE s.id = ? AND s.page_id = ?")
                .params(subscriberId, pageId).query((rs, n) -> view(rs, names)).optional()
                .orElseThrow(() -> new NotFoundException("subscriber"));
    }

    private void requirePage(ApiPrincipal caller, UUID pageId) {
        if (jdbc.sql("SELECT count(*) FROM status_pages WHERE id = ? AND workspace_id = ?")
                .params(pageId, caller.workspaceId()).query(Long.class).single() == 0) {
            throw new NotFoundException("status page");
        }
    }

    private Map<UUID, String> componentNames(UUID pageId) {
        Map<UUID, String> names = new HashMap<>();
        jdbc.sql("SELECT id, name FROM status_page_components WHERE page_id = ?").param(pageId)
                .query(rs -> {
                    names.put(rs.getObject(1, UUID.class), rs.getString(2));
                });
        return names;
    }

    private static SubscriberView view(ResultSet rs, Map<UUID, String> names) throws SQLException {
        Array array = rs.getArray("component_ids");
        List<UUID> chosen = array == null ? List.of() : Arrays.asList((UUID[]) array.getArray());
        List<SubscriberView.Component> components = chosen.stream().filter(names::containsKey)
                .map(id -> new SubscriberView.Component(id, names.get(id))).toList();
        Timestamp confirmedAt = rs.getTimestamp("confirmed_at");
        return new SubscriberView(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("email"),
                origin(rs.getString("webhook_url")), chosen.isEmpty(), components, confirmedAt != null,
                rs.getTimestamp("created_at").toInstant(), confirmedAt == null ? null : confirmedAt.toInstant());
    }

    /** Scheme, host and port of a webhook URL; null for none (an address). */
    static String origin(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null) {
                return "(a webhook)";
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return "(a webhook)";
        }
    }
}
