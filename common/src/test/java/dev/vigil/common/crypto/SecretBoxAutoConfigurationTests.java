package dev.vigil.common.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Outside local mode a service refuses to start with no channel key or with the public development key. */
class SecretBoxAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SecretBoxAutoConfiguration.class));

    @Test
    void noKeyOrTheDevelopmentKeyOutsideLocalModeStopsStartUp() {
        for (String key : new String[] {"", SecretBoxAutoConfiguration.DEVELOPMENT_KEY}) {
            runner.withUserConfiguration(SealsChannels.class).withPropertyValues("vigil.channel.encryption-key=" + key)
                    .run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("Refusing to start")
                        .hasMessageContaining("VIGIL_CHANNEL_ENCRYPTION_KEY");
                System.out.printf("attack: start a service with %s channel key outside local mode -> refused%n",
                        key.isEmpty() ? "no" : "the built-in");
            });
        }
    }

    /** Stands for the api and alerting services, which need the box to start. */
    @Configuration(proxyBeanMethods = false)
    static class SealsChannels {
        SealsChannels(SecretBox box) {
        }
    }

    @Test
    void localModeMayUseTheDevelopmentKey() {
        runner.withUserConfiguration(SealsChannels.class).withPropertyValues("vigil.channel.encryption-key=", "vigil.mode=local").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(SecretBox.class).currentKeyId())
                    .isEqualTo(SecretBox.ofBase64Key(SecretBoxAutoConfiguration.DEVELOPMENT_KEY).currentKeyId());
        });
    }

    @Test
    void aServiceThatNeverSealsStartsWithoutAKey() {
        // The bean is lazy: the scheduler and probes, which hold no channel secrets, need no key.
        runner.withPropertyValues("vigil.channel.encryption-key=").run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void oldKeysAreKeptForOpening() {
        String oldKey = "ab".repeat(32);
        String newKey = "cd".repeat(32);
        String sealed = SecretBox.ofKey(oldKey).seal("secret", "place/1");
        runner.withPropertyValues("vigil.channel.encryption-key=" + newKey,
                "vigil.channel.old-encryption-keys=" + oldKey + ", ").run(context -> {
                    SecretBox box = context.getBean(SecretBox.class);
                    assertThat(box.open(sealed, "place/1")).isEqualTo("secret");
                    assertThat(box.currentKeyId()).isEqualTo(SecretBox.ofKey(newKey).currentKeyId());
                });
    }
}
