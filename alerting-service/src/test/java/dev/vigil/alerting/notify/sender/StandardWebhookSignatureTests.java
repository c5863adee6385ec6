package dev.vigil.alerting.notify.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class StandardWebhookSignatureTests {

    @Test
    void reproducesTheStandardWebhooksSpecificationTestVector() {
        // The test vector published with the Standard Webhooks reference libraries (and quoted in docs/api.md).
        String signature = StandardWebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aPlainSecretSignsAsWhsecOfItsBase64() {
        String plain = "webhook-secret-000000001";
        String asStandard = "whsec_" + Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));

        assertThat(StandardWebhookSignature.sign(plain, "d1", 1700000000, "{}"))
                .isEqualTo(StandardWebhookSignature.sign(asStandard, "d1", 1700000000, "{}"));
    }

    @Test
    void theIdTimestampAndBodyAreAllSigned() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String base = StandardWebhookSignature.sign(secret, "a", 1, "{}");

        assertThat(StandardWebhookSignature.sign(secret, "b", 1, "{}")).isNotEqualTo(base);
        assertThat(StandardWebhookSignature.sign(secret, "a", 2, "{}")).isNotEqualTo(base);
        assertThat(StandardWebhookSignature.sign(secret, "a", 1, "{ }")).isNotEqualTo(base);
    }
}
