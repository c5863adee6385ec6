package dev.vigil.alerting.notify.sender;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures in the Standard Webhooks format (standardwebhooks.com), so receivers can verify deliveries and refuse
 * replays with any Standard Webhooks library: {@code webhook-signature: v1,<base64 HMAC-SHA256 of
 * "<webhook-id>.<webhook-timestamp>.<body>">}.
 *
 * <p>The key: a channel secret written the spec's way, {@code whsec_<base64 bytes>}, is those bytes. Any other secret
 * (channels made before this format, which accept 16-256 letters, digits and {@code _-+=}) is its UTF-8 bytes, and the
 * receiver's library takes it as {@code "whsec_" + base64(secret)} (docs/api.md).
 */
public final class StandardWebhookSignature {

    static final String PREFIX = "whsec_";

    private StandardWebhookSignature() {
    }

    /** {@code v1,<base64 signature>} of one delivery. */
    public static String sign(String secret, String id, long timestampSeconds, String body) {
        String signed = id + "." + timestampSeconds + "." + body;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** The HMAC key of a channel secret. */
    static byte[] key(String secret) {
        if (secret.startsWith(PREFIX)) {
            try {
                return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
            } catch (IllegalArgumentException e) {
                // Not base64 after all: the secret is used as it is written, like any other.
            }
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
