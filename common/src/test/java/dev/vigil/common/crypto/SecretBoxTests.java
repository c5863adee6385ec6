package dev.vigil.common.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTests {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private final SecretBox box = SecretBox.ofBase64Key(KEY);

    @Test
    void sealedValuesOpenToThePlaintextAndNeverRepeat() {
        String first = box.seal("{\"secret\":\"hunter2-hunter2\"}");
        String second = box.seal("{\"secret\":\"hunter2-hunter2\"}");
        assertThat(first).isNotEqualTo(second).doesNotContain("hunter2");
        assertThat(box.open(first)).isEqualTo("{\"secret\":\"hunter2-hunter2\"}");
        assertThat(box.open(second)).isEqualTo("{\"secret\":\"hunter2-hunter2\"}");
    }

    @Test
    void aTamperedValueOrAnotherKeyDoesNotOpen() {
        String sealed = box.seal("routing-key");
        byte[] bytes = Base64.getDecoder().decode(sealed);
        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> box.open(Base64.getEncoder().encodeToString(bytes)))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] other = new byte[32];
        other[0] = 1;
        assertThatThrownBy(() -> SecretBox.ofBase64Key(Base64.getEncoder().encodeToString(other)).open(sealed))
                .isInstanceOf(IllegalArgumentException.class);
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
        SecretBox hex = SecretBox.ofKey(java.util.HexFormat.of().formatHex(key));
        SecretBox base64 = SecretBox.ofKey(Base64.getEncoder().encodeToString(key));
        assertThat(base64.open(hex.seal("webhook secret"))).isEqualTo("webhook secret");
        assertThatThrownBy(() -> SecretBox.ofKey("ab".repeat(24))).hasMessageContaining("32 bytes");
    }
}
