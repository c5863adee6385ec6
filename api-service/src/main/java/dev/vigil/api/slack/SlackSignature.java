package dev.vigil.api.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signing (api.slack.com/authentication/verifying-requests-from-slack): {@code X-Slack-Signature} is
 * {@code v0=<hex HMAC-SHA256 of "v0:<X-Slack-Request-Timestamp>:<raw body>">} keyed by the app's signing secret. A
 * timestamp more than five minutes from now is refused, so a captured request cannot be replayed later.
 */
final class SlackSignature {

    static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final Pattern SHAPE = Pattern.compile("v0=[0-9a-f]{64}");

    private SlackSignature() {
    }

    /** Whether {@code timestamp} (epoch seconds) is within five minutes of {@code now}; false when not a number. */
    static boolean isFresh(String timestamp, Instant now) {
        try {
            long seconds = Long.parseLong(timestamp);
            return Math.abs(now.getEpochSecond() - seconds) <= TOLERANCE.toSeconds();
        } catch (NumberFormatException | NullPointerException e) {
            return false;
        }
    }

    /**
     * Whether {@code signature} has the shape of one ({@code v0=} and 64 hex digits): anything else is refused before
     * a channel is looked up or a secret unsealed, so junk costs no database read.
     */
    static boolean isWellFormed(String signature) {
        return signature != null && SHAPE.matcher(signature).matches();
    }

    /** {@code v0=<hex>} for this request. */
    static String sign(String signingSecret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** Constant-time comparison of the given signature with the expected one. */
    static boolean matches(String signingSecret, String timestamp, byte[] body, String signature) {
        return signature != null && MessageDigest.isEqual(sign(signingSecret, timestamp, body)
                .getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
    }
}
