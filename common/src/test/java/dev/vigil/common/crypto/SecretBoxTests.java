package dev.vigil.common.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SecretBoxTests {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String ROW_A = SealedColumns.alertChannelConfig(UUID.randomUUID());
    private static final String ROW_B = SealedColumns.alertChannelConfig(UUID.randomUUID());
    private final SecretBox box = SecretBox.ofBase64Key(KEY);

    @Test
    void sealedValuesOpenToThePlaintextAndNeverRepeat() {
        String first = box.seal("{\"secret\":\"hunter2-hunter2\"}", ROW_A);
        String second = box.seal("{\"secret\":\"hunter2-hunter2\"}", ROW_A);
        assertThat(first).isNotEqualTo(second).doesNotContain("hunter2").startsWith("v2." + box.currentKeyId() + ".");
        assertThat(box.open(first, ROW_A)).isEqualTo("{\"secret\":\"hunter2-hunter2\"}");
        assertThat(box.open(second, ROW_A)).isEqualTo("{\"secret\":\"hunter2-hunter2\"}");
    }

    @Test
    void aValueCopiedToAnotherRowDoesNotOpenThere() {
        String a = box.seal("{\"url\":\"https://a.example/hook\"}", ROW_A);
        String b = box.seal("{\"url\":\"https://b.example/hook\"}", ROW_B);

        assertThatThrownBy(() -> box.open(a, ROW_B)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.open(b, ROW_A)).isInstanceOf(IllegalArgumentException.class);
        System.out.println("attack: swap two rows' sealed channel configurations -> refused (bound to their rows)");
        assertThatThrownBy(() -> box.seal("x", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTamperedValueOrAnotherKeyDoesNotOpen() {
        String sealed = box.seal("routing-key", ROW_A);
        String prefix = sealed.substring(0, sealed.lastIndexOf('.') + 1);
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(prefix.length()));
        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> box.open(prefix + Base64.getEncoder().encodeToString(bytes), ROW_A))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] other = new byte[32];
        other[0] = 1;
        SecretBox stranger = SecretBox.ofBase64Key(Base64.getEncoder().encodeToString(other));
        assertThatThrownBy(() -> stranger.open(sealed, ROW_A)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not hold");
    }

    @Test
    void aRotatedKeyStillOpensOldValuesWhileNewOnesUseTheNewKeyId() {
        String oldKey = HexFormat.of().formatHex(random32());
        String newKey = HexFormat.of().formatHex(random32());
        SecretBox before = SecretBox.ofKey(oldKey);
        String sealedBefore = before.seal("webhook secret", ROW_A);

        SecretBox rotated = SecretBox.ofKeys(newKey, List.of(oldKey));

        assertThat(rotated.currentKeyId()).isNotEqualTo(before.currentKeyId());
        assertThat(rotated.open(sealedBefore, ROW_A)).isEqualTo("webhook secret");
        assertThat(rotated.isCurrent(sealedBefore)).isFalse();
        String sealedAfter = rotated.seal("webhook secret", ROW_A);
        assertThat(sealedAfter).startsWith("v2." + rotated.currentKeyId() + ".");
        assertThat(rotated.isCurrent(sealedAfter)).isTrue();
        assertThatThrownBy(() -> before.open(sealedAfter, ROW_A)).isInstanceOf(IllegalArgumentException.class);
        // Once the old key is dropped, what it sealed no longer opens.
        assertThatThrownBy(() -> SecretBox.ofKey(newKey).open(sealedBefore, ROW_A))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesSealedBeforeKeyIdsAndBindingsStillOpenAndAreNotCurrent() throws Exception {
        byte[] key = random32();
        String legacy = legacySeal(key, "{\"secret\":\"from before\"}");
        SecretBox box = SecretBox.ofKey(Base64.getEncoder().encodeToString(key));
        assertThat(box.open(legacy, ROW_A)).isEqualTo("{\"secret\":\"from before\"}");
        assertThat(box.isCurrent(legacy)).isFalse();
        SecretBox rotated = SecretBox.ofKeys(HexFormat.of().formatHex(random32()),
                List.of(Base64.getEncoder().encodeToString(key)));
        assertThat(rotated.open(legacy, ROW_B)).isEqualTo("{\"secret\":\"from before\"}");
    }

    @Test
    void keysMustBe32BytesOfBase64AndAreNeverShown() {
        assertThatThrownBy(() -> SecretBox.ofBase64Key(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> SecretBox.ofBase64Key("not base64!")).hasMessage("the key is not valid base64");
        assertThat(box.toString()).doesNotContain(KEY);
    }

    @Test
    void aKeyOf64HexDigitsIsTheSame32BytesAsItsBase64() {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 3);
        }
        SecretBox hex = SecretBox.ofKey(HexFormat.of().formatHex(key));
        SecretBox base64 = SecretBox.ofKey(Base64.getEncoder().encodeToString(key));
        assertThat(base64.currentKeyId()).isEqualTo(hex.currentKeyId());
        assertThat(base64.open(hex.seal("webhook secret", ROW_A), ROW_A)).isEqualTo("webhook secret");
        assertThatThrownBy(() -> SecretBox.ofKey("ab".repeat(24))).hasMessageContaining("32 bytes");
    }

    private static byte[] random32() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** The format before issue 14: base64 of nonce, ciphertext and tag, no key id, no associated data. */
    private static String legacySeal(byte[] key, String plaintext) throws GeneralSecurityException {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] out = Arrays.copyOf(nonce, 12 + sealed.length);
        System.arraycopy(sealed, 0, out, 12, sealed.length);
        return Base64.getEncoder().encodeToString(out);
    }
}
