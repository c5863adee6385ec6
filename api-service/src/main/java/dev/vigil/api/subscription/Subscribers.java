package dev.vigil.api.subscription;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The subscriber rows of status pages: subscribing, confirming, unsubscribing, and who receives a page's news. */
@Component
class Subscribers {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final SubscriptionProperties properties;
    private final Clock clock;

    Subscribers(JdbcClient jdbc, SubscriptionProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** A public page (private pages take no subscribers: their news is not for everyone's inbox). */
    record PublicPage(UUID id, String slug, String title) {
    }

    /** A confirmed subscriber and the token of their unsubscribe link. */
    record Recipient(String email, String unsubscribeToken, String slug, String pageTitle) {
    }

    Optional<PublicPage> publicPage(String slug) {
        return jdbc.sql("""
                        SELECT id, slug, title FROM status_pages
                        WHERE slug = ? AND password_hash IS NULL AND cardinality(allowed_ips) = 0""")
                .param(slug)
                .query((rs, n) -> new PublicPage(rs.getObject("id", UUID.class), rs.getString("slug"),
                        rs.getString("title")))
                .optional();
    }

    /**
     * Records a subscription waiting for confirmation and answers the confirmation token to mail, or empty when no
     * mail should go out (already confirmed, or a confirmation was sent recently).
     */
    @Transactional
    Optional<String> subscribe(UUID pageId, String email) {
        Instant now = clock.instant();
        String token = token();
        Optional<Existing> existing = jdbc.sql("""
                        SELECT id, confirmed_at IS NOT NULL AS confirmed, created_at FROM status_page_subscribers
                        WHERE page_id = ? AND lower(email) = lower(?) FOR UPDATE""")
                .params(pageId, email)
                .query((rs, n) -> new Existing(rs.getObject("id", UUID.class), rs.getBoolean("confirmed"),
                        rs.getTimestamp("created_at").toInstant()))
                .optional();
        if (existing.isPresent()) {
            Existing row = existing.get();
            if (row.confirmed() || row.createdAt().plus(properties.resendAfter()).isAfter(now)) {
                return Optional.empty();
            }
            jdbc.sql("UPDATE status_page_subscribers SET confirm_token_hash = ?, created_at = ? WHERE id = ?")
                    .params(hash(token), Timestamp.from(now), row.id()).update();
            return Optional.of(token);
        }
        // Two concurrent sign-ups of one address: the unique index lets one insert win, the other does nothing.
        int inserted = jdbc.sql("""
                        INSERT INTO status_page_subscribers (id, page_id, email, confirm_token_hash,
                                                             unsubscribe_token, created_at)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(UUID.randomUUID(), pageId, email, hash(token), token(), Timestamp.from(now))
                .update();
        return inserted == 1 ? Optional.of(token) : Optional.empty();
    }

    /** Confirms the subscription of the token; false when the token is unknown. */
    boolean confirm(UUID pageId, String token) {
        return jdbc.sql("""
                        UPDATE status_page_subscribers SET confirmed_at = coalesce(confirmed_at, ?)
                        WHERE page_id = ? AND confirm_token_hash = ?""")
                .params(Timestamp.from(clock.instant()), pageId, hash(token)).update() == 1;
    }

    boolean unsubscribe(UUID pageId, String token) {
        return jdbc.sql("DELETE FROM status_page_subscribers WHERE page_id = ? AND unsubscribe_token = ?")
                .params(pageId, token).update() == 1;
    }

    /** Confirmed subscribers of the public pages that show any of the monitors, each address once per page. */
    List<Recipient> ofMonitors(List<UUID> monitorIds) {
        if (monitorIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT DISTINCT s.email, s.unsubscribe_token, p.slug, p.title
                        FROM status_page_subscribers s
                        JOIN status_pages p ON p.id = s.page_id
                        WHERE s.confirmed_at IS NOT NULL AND p.password_hash IS NULL
                          AND cardinality(p.allowed_ips) = 0
                          AND EXISTS (SELECT 1 FROM status_page_components c
                                      WHERE c.page_id = p.id AND c.monitor_id IN (:ids))""")
                .param("ids", monitorIds)
                .query((rs, n) -> new Recipient(rs.getString("email"), rs.getString("unsubscribe_token"),
                        rs.getString("slug"), rs.getString("title")))
                .list();
    }

    private static String token() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Existing(UUID id, boolean confirmed, Instant createdAt) {
    }
}
