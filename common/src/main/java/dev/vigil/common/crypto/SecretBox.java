package dev.vigil.common.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals small secrets (alert channel configurations) with AES-256-GCM, so the api-service, which writes them, and the
 * alerting-service, which reads them, share one format: base64 of a random 12-byte nonce, the ciphertext and the
 * 16-byte tag. GCM authenticates, so a tampered or foreign value fails to open rather than decrypting to garbage.
 * {@link #toString()} never shows the key.
 */
public final class SecretBox {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the key must be 32 bytes (AES-256), it has " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * A box for a 32-byte key written as base64 ({@code openssl rand -base64 32}) or as 64 hex digits
     * ({@code openssl rand -hex 32}, and what the AWS stack's Secrets Manager generates: it can draw characters from an
     * alphabet, not bytes), as {@code VIGIL_CHANNEL_ENCRYPTION_KEY} holds it. The two cannot be confused: 64 hex
     * digits read as base64 are 48 bytes.
     */
    public static SecretBox ofKey(String key) {
        String text = key.strip();
        if (text.length() == 64 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return new SecretBox(java.util.HexFormat.of().parseHex(text));
        }
        return ofBase64Key(text);
    }

    /** A box for a base64-encoded 32-byte key. */
    public static SecretBox ofBase64Key(String base64Key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key is not valid base64");
        }
        return new SecretBox(bytes);
    }

    public String seal(String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** The plaintext of a value {@link #seal} produced with the same key. */
    public String open(String sealed) {
        try {
            byte[] in = Base64.getDecoder().decode(sealed);
            if (in.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new IllegalArgumentException("sealed value too short");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the sealed value does not open with this key", e);
        }
    }

    @Override
    public String toString() {
        return "SecretBox[AES-256-GCM]";
    }
}
