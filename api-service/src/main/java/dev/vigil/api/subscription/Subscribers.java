package dev.vigil.api.subscription;

import dev.vigil.api.web.ApiProperties;
import dev.vigil.common.crypto.SealedColumns;
import dev.vigil.common.crypto.SecretBox;
import dev.vigil.common.json.WireJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The subscriber rows of status pages: subscribing (an address or a webhook URL, all components or chosen ones),
 * confirming, unsubscribing. A confirmation request is an outbox row written in the subscription's transaction; the
 * alerting service's subscriber fan-out sends it (mail or webhook) with retries, like every subscriber message.
 */
@Component
class Subscribers {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final SubscriptionProperties properties;
    private final ApiProperties api;
    private final SecretBox box;
    private final Clock clock;

    Subscribers(JdbcClient jdbc, SubscriptionProperties properties, ApiProperties api, SecretBox box, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.api = api;
        this.box = box;
        this.clock = clock;
    }

    /** A public page (private pages take no subscribers: their news is not for everyone's inbox). */
    record PublicPage(UUID id, UUID workspaceId, String slug, String title, String language) {
    }

    /** A component of a page, as a subscriber chooses it. */
    record PageComponent(UUID id, String name) {
    }

    /**
     * The outcome of a subscription request.
     *
     * @param queued whether a confirmation request was queued
     * @param secret a new webhook subscriber's signing secret, shown once; null for an address
     */
    record Subscribed(boolean queued, String secret) {
    }

    Optional<PublicPage> publicPage(String slug) {
        return jdbc.sql("""
                        SELECT id, workspace_id, slug, title, language FROM status_pages
                        WHERE slug = ? AND password_hash IS NULL AND cardinality(allowed_ips) = 0""")
                .param(slug)
                .query((rs, n) -> new PublicPage(rs.getObject("id", UUID.class),
                        rs.getObject("workspace_id", UUID.class), rs.getString("slug"), rs.getString("title"),
                        rs.getString("language")))
                .optional();
    }

    List<PageComponent> components(UUID pageId) {
        return jdbc.sql("SELECT id, name FROM status_page_components WHERE page_id = ? ORDER BY position")
                .param(pageId).query((rs, n) -> new PageComponent(rs.getObject(1, UUID.class), rs.getString(2)))
                .list();
    }

    /**
     * Records an address's subscription waiting for confirmation and queues the confirmation mail, unless the
     * address is confirmed already or a confirmation went out recently (the form cannot flood an inbox).
     */
    @Transactional
    Subscribed subscribe(PublicPage page, String email, List<UUID> componentIds) {
        return subscribe(page, "EMAIL", email, componentIds);
    }

    /** As {@link #subscribe}, for a webhook: a fresh signing secret each time a confirmation is queued. */
    @Transactional
    Subscribed subscribeWebhook(PublicPage page, String url, List<UUID> componentIds) {
        return subscribe(page, "WEBHOOK", url, componentIds);
    }

    private Subscribed subscribe(PublicPage page, String kind, String target, List<UUID> componentIds) {
        Instant now = clock.instant();
        String token = token();
        boolean webhook = kind.equals("WEBHOOK");
        String column = webhook ? "webhook_url" : "lower(email)";
        Optional<Existing> existing = jdbc.sql("""
                        SELECT id, confirmed_at IS NOT NULL AS confirmed, created_at FROM status_page_subscribers
                        WHERE page_id = ? AND %s = ? FOR UPDATE""".formatted(column))
                .params(page.id(), webhook ? target : target.toLowerCase(java.util.Locale.ROOT))
                .query((rs, n) -> new Existing(rs.getObject("id", UUID.class), rs.getBoolean("confirmed"),
                        rs.getTimestamp("created_at").toInstant()))
                .optional();
        UUID[] components = componentIds.toArray(UUID[]::new);
        UUID id;
        String secret = webhook ? webhookSecret() : null;
        if (existing.isPresent()) {
            Existing row = existing.get();
            if (row.confirmed() || row.createdAt().plus(properties.resendAfter()).isAfter(now)) {
                return new Subscribed(false, null);
            }
            id = row.id();
            jdbc.sql("""
                            UPDATE status_page_subscribers SET confirm_token_hash = ?, created_at = ?,
                                   component_ids = ?, secret_sealed = ? WHERE id = ?""")
                    .params(hash(token), Timestamp.from(now), components,
                            secret == null ? null : box.seal(secret, SealedColumns.subscriberSecret(id)), id)
                    .update();
        } else {
            id = UUID.randomUUID();
            // Two concurrent sign-ups of one address: the unique index lets one insert win, the other does nothing.
            int inserted = jdbc.sql("""
                            INSERT INTO status_page_subscribers (id, page_id, kind, email, webhook_url, secret_sealed,
                                component_ids, confirm_token_hash, unsubscribe_token, created_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                    .params(id, page.id(), kind, webhook ? null : target, webhook ? target : null,
                            secret == null ? null : box.seal(secret, SealedColumns.subscriberSecret(id)), components,
                            hash(token), token(), Timestamp.from(now))
                    .update();
            if (inserted == 0) {
                return new Subscribed(false, null);
            }
        }
        queueConfirmation(page, id, token, now);
        return new Subscribed(true, secret);
    }

    private void queueConfirmation(PublicPage page, UUID subscriberId, String token, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", "status.subscription-confirm");
        payload.put("occurredAt", now.toString());
        payload.put("subscriberId", subscriberId.toString());
        payload.put("confirmUrl", api.link("/status/" + page.slug() + "/subscriptions/confirm?token=" + token));
        jdbc.sql("""
                        INSERT INTO notification_outbox (id, workspace_id, event, payload, created_at)
                        VALUES (?, ?, 'status.subscription-confirm', ?::jsonb, ?)""")
                .params(UUID.randomUUID(), page.workspaceId(), WireJson.write(payload), Timestamp.from(now))
                .update();
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

    private static String token() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A Standard Webhooks secret: {@code whsec_} and the base64 of 24 random bytes (the HMAC key). */
    private static String webhookSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
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
