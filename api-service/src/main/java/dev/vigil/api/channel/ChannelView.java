package dev.vigil.api.channel;

import java.time.Instant;
import java.util.Map;

/**
 * An alert channel as the API shows it: its configuration with every secret redacted ({@code "…abcd"}; chat webhook
 * URLs keep scheme and host only).
 *
 * @param healthy false once deliveries kept failing (see the delivery log); true again after one succeeds
 */
public record ChannelView(String id, String name, String type, Map<String, String> config, boolean isDefault,
                   boolean healthy, Instant createdAt, Instant updatedAt) {
}
