package dev.vigil.common.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals small secrets (alert channel configurations) with AES-256-GCM, so the api-service, which writes them, and the
 * alerting-service, which reads them, share one format: {@code v2.<key id>.<base64 of a random 12-byte nonce, the
 * ciphertext and the 16-byte tag>}.
 *
 * <ul>
 *   <li>A keyring: values are sealed with the current key and opened with whichever key their id names, so a key is
 *       rotated by making a new one current and keeping the old one for opening until every value is sealed again
 *       ({@link #isCurrent} says which are not). The id is derived from the key (a hash), so it cannot be set wrong.
 *   <li>Bound to its place: the associated data is where the value is stored ({@link SealedColumns}), so a value
 *       copied into another row (another workspace's channel, say) fails to open there instead of sending that
 *       workspace's alerts with someone else's credentials.
 *   <li>GCM authenticates, so a tampered or foreign value fails to open rather than decrypting to garbage.
 * </ul>
 *
 * Values written before the keyring ({@code base64} alone, no binding) still open, with any key of the ring; they
 * count as not current, so they are sealed again in the new format. {@link #toString()} never shows a key.
 */
public final class SecretBox {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String VERSION = "v2";

    private record Key(String id, SecretKeySpec spec) {
    }

    private final Key current;
    private final Map<String, Key> ring;
    private final SecureRandom random = new SecureRandom();

    private SecretBox(byte[] current, List<byte[]> old) {
        this.current = key(current);
        this.ring = new LinkedHashMap<>();
        ring.put(this.current.id(), this.current);
        for (byte[] bytes : old) {
            Key key = key(bytes);
            ring.putIfAbsent(key.id(), key);
        }
    }

    private static Key key(byte[] bytes) {
        if (bytes.length != 32) {
            throw new IllegalArgumentException("the key must be 32 bytes (AES-256), it has " + bytes.length);
        }
        return new Key(idOf(bytes), new SecretKeySpec(bytes, "AES"));
    }

    /** 8 hex digits of SHA-256 over a label and the key: names the key, reveals nothing usable about it. */
    private static String idOf(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("vigil secret box key id".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(key), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /**
     * A box for a 32-byte key written as base64 ({@code openssl rand -base64 32}) or as 64 hex digits
     * ({@code openssl rand -hex 32}, and what the AWS stack's Secrets Manager generates: it can draw characters from an
     * alphabet, not bytes), as {@code VIGIL_CHANNEL_ENCRYPTION_KEY} holds it. The two cannot be confused: 64 hex
     * digits read as base64 are 48 bytes.
     */
    public static SecretBox ofKey(String key) {
        return ofKeys(key, List.of());
    }

    /** A box sealing with {@code current} and opening with it or any of {@code old} (same forms as {@link #ofKey}). */
    public static SecretBox ofKeys(String current, List<String> old) {
        List<byte[]> oldBytes = new ArrayList<>();
        for (String key : old) {
            if (key != null && !key.isBlank()) {
                oldBytes.add(bytes(key));
            }
        }
        return new SecretBox(bytes(current), oldBytes);
    }

    /** A box for a base64-encoded 32-byte key. */
    public static SecretBox ofBase64Key(String base64Key) {
        return new SecretBox(base64(base64Key), List.of());
    }

    private static byte[] bytes(String key) {
        String text = key.strip();
        if (text.length() == 64 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return HexFormat.of().parseHex(text);
        }
        return base64(text);
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key is not valid base64");
        }
    }

    /** The id of the key new values are sealed with. */
    public String currentKeyId() {
        return current.id();
    }

    /** Seals {@code plaintext} for the place {@code boundTo} names (see {@link SealedColumns}). */
    public String seal(String plaintext, String boundTo) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, current.spec(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(boundTo));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return VERSION + "." + current.id() + "." + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /**
     * The plaintext of a value sealed for {@code boundTo} with a key of this ring (or, written before bindings
     * existed, sealed with no binding).
     *
     * @throws IllegalArgumentException when it does not open: tampered, sealed for another place, or with a key
     *                                  this ring does not hold
     */
    public String open(String sealed, String boundTo) {
        if (sealed.startsWith(VERSION + ".")) {
            String[] parts = sealed.split("\\.", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException("malformed sealed value");
            }
            Key key = ring.get(parts[1]);
            if (key == null) {
                throw new IllegalArgumentException("the sealed value names key " + parts[1]
                        + ", which this service does not hold (see vigil.channel.old-encryption-keys)");
            }
            return decrypt(key, decode(parts[2]), associatedData(boundTo));
        }
        // Before key ids and bindings: any key of the ring, no associated data.
        byte[] in = decode(sealed);
        for (Key key : ring.values()) {
            try {
                return decrypt(key, in, null);
            } catch (IllegalArgumentException e) {
                // try the next key
            }
        }
        throw new IllegalArgumentException("the sealed value does not open with any key of this service");
    }

    /** Whether {@code sealed} is in the current format under the current key; if not, seal it again. */
    public boolean isCurrent(String sealed) {
        return sealed.startsWith(VERSION + "." + current.id() + ".");
    }

    private static byte[] associatedData(String boundTo) {
        if (boundTo == null || boundTo.isEmpty()) {
            throw new IllegalArgumentException("a sealed value must be bound to its place");
        }
        return ("vigil:" + boundTo).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the sealed value is not base64");
        }
    }

    private static String decrypt(Key key, byte[] in, byte[] associatedData) {
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("sealed value too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            if (associatedData != null) {
                cipher.updateAAD(associatedData);
            }
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the sealed value does not open with this key for this place", e);
        }
    }

    @Override
    public String toString() {
        return "SecretBox[AES-256-GCM, current key " + current.id() + ", " + ring.size() + " key(s)]";
    }
}
