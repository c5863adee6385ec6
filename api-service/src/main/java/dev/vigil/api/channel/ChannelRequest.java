package dev.vigil.api.channel;

import java.util.Map;

/**
 * {@code POST /api/v1/alert-channels} and {@code PUT /api/v1/alert-channels/{id}}. On PUT a missing config keeps the
 * stored one (whose secrets the caller cannot read back), provided the type stays the same.
 *
 * @param isDefault whether the channel alerts for monitors that link no channel of their own
 */
public record ChannelRequest(String name, String type, Map<String, Object> config, Boolean isDefault) {
}
