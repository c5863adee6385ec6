package dev.vigil.common.channel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The value of the Acknowledge button in Slack alerts: which channel's Slack app it belongs to and which incident it
 * acknowledges, tagged with an HMAC keyed by that channel's signing secret. The alerting service writes it; the
 * api-service, on a button press, finds the channel, verifies Slack's request signature with the channel's signing
 * secret, then this tag, and acknowledges the incident only within the channel's workspace. A value edited to name
 * another incident or channel fails the tag; a value copied into another workspace's Slack fails the request
 * signature.
 *
 * <p>Format: {@code ack1.<channel id>.<incident id>.<base64url HMAC-SHA256 of "vigil-slack-ack:<channel>:<incident>">}.
 */
public record SlackAckButton(UUID channelId, UUID incidentId) {

    /** Slack's {@code action_id} of the button. */
    public static final String ACTION_ID = "vigil_acknowledge";

    private static final String VERSION = "ack1";

    /** The button's value. */
    public String value(String signingSecret) {
        return VERSION + "." + channelId + "." + incidentId + "." + tag(signingSecret);
    }

    /** The channel and incident a value names, before its tag is checked ({@link #verify}); empty when malformed. */
    public static Optional<SlackAckButton> parse(String value) {
        String[] parts = value == null ? new String[0] : value.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals(VERSION)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SlackAckButton(UUID.fromString(parts[1]), UUID.fromString(parts[2])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code value} is this button's, made with {@code signingSecret} (constant-time comparison). */
    public boolean verify(String value, String signingSecret) {
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                value(signingSecret).getBytes(StandardCharsets.UTF_8));
    }

    private String tag(String signingSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] tag = mac.doFinal(("vigil-slack-ack:" + channelId + ":" + incidentId)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
