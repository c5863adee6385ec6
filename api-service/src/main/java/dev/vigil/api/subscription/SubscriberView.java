package dev.vigil.api.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A status page's subscriber as its owner sees it. A webhook is shown by its origin only: the rest of the URL is
 * often the receiver's own secret, which the subscriber gave us to post to, not to show.
 *
 * @param kind          {@code EMAIL} or {@code WEBHOOK}
 * @param email         the address, for {@code EMAIL}
 * @param webhookOrigin scheme, host and port of the URL, for {@code WEBHOOK}
 * @param allComponents whether the subscriber hears of every component of the page (chose none)
 * @param components    the components chosen that the page still has (a component removed from the page is gone)
 * @param confirmed     whether the subscriber confirmed (only confirmed subscribers are told anything)
 */
public record SubscriberView(UUID id, String kind, String email, String webhookOrigin, boolean allComponents,
                             List<Component> components, boolean confirmed, Instant createdAt, Instant confirmedAt) {

    /** A chosen component, by its id and its name now. */
    public record Component(UUID id, String name) {
    }

    /** What the dashboard names the subscriber by. */
    public String label() {
        return email != null ? email : webhookOrigin;
    }
}
