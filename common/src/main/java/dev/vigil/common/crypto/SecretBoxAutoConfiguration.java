package dev.vigil.common.crypto;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@link SecretBox} of alert channel configurations, keyed by {@code vigil.channel.encryption-key} (the
 * environment variable {@code VIGIL_CHANNEL_ENCRYPTION_KEY}, bound in vigil-defaults.yml). Without a key the box uses
 * a fixed development key that is public in this source file, with a warning: fine on a laptop, never in production.
 */
@AutoConfiguration
public class SecretBoxAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecretBoxAutoConfiguration.class);

    /** Known to everyone who reads this file: for local runs and tests only. */
    static final String DEVELOPMENT_KEY = "dmlnaWwtbG9jYWwtZGV2ZWxvcG1lbnQta2V5LTMyYiE=";

    @Bean
    @ConditionalOnMissingBean
    SecretBox channelSecretBox(@Value("${vigil.channel.encryption-key:}") String key) {
        if (key == null || key.isBlank()) {
            log.warn("VIGIL_CHANNEL_ENCRYPTION_KEY is not set: alert channel secrets are sealed with the built-in "
                    + "DEVELOPMENT key, which anyone can read. Set a 32-byte key (base64 or hex) outside local runs.");
            return SecretBox.ofBase64Key(DEVELOPMENT_KEY);
        }
        try {
            return SecretBox.ofKey(key);
        } catch (IllegalArgumentException e) {
            // The message never includes the key itself.
            throw new IllegalStateException("vigil.channel.encryption-key (VIGIL_CHANNEL_ENCRYPTION_KEY) is invalid: "
                    + e.getMessage() + "; expected 32 random bytes as base64 (openssl rand -base64 32) or as 64 hex digits "
                    + "(openssl rand -hex 32)");
        }
    }
}
