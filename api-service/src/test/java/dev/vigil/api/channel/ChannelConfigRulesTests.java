package dev.vigil.api.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.web.FieldProblems;
import dev.vigil.common.channel.ChannelType;
import dev.vigil.common.net.TargetGuard;
import dev.vigil.common.net.TargetPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelConfigRulesTests {

    private final ChannelConfigRules rules = new ChannelConfigRules(
            new TargetGuard(TargetPolicy.of(false, List.of(), List.of())));

    private Map<String, String> webhook(String url, String secret, FieldProblems problems) {
        return rules.check(ChannelType.WEBHOOK, Map.of("url", url, "secret", secret), problems);
    }

    @Test
    void aStandardWebhooksSecretIsAccepted() {
        FieldProblems problems = new FieldProblems();

        assertThat(webhook("https://203.0.114.7/hook", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw+a/b=", problems))
                .containsEntry("secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw+a/b=");
        assertThat(problems.list()).isEmpty();
    }

    @Test
    void aUrlToCloudMetadataIsRefusedWhenSaved() {
        FieldProblems problems = new FieldProblems();

        assertThat(webhook("http://169.254.169.254/latest/meta-data/", "s3cr3t-webhook-key-0001", problems)).isNull();
        assertThat(problems.list()).isNotEmpty();
    }
}
