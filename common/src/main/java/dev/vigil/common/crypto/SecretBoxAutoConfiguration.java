package dev.vigil.common.crypto;

import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * The {@link SecretBox} of alert channel configurations: sealing with {@code vigil.channel.encryption-key}
 * ({@code VIGIL_CHANNEL_ENCRYPTION_KEY}, bound in vigil-defaults.yml), opening also with the keys of
 * {@code vigil.channel.old-encryption-keys} ({@code VIGIL_CHANNEL_OLD_ENCRYPTION_KEYS}, comma-separated) while a
 * rotation is under way.
 *
 * <p>Without a key the box would have to use the fixed development key, public in this source file. That is allowed
 * only in local mode ({@code vigil.mode=local}, as {@code bin/vigil-local} runs); anywhere else the service refuses to
 * start, because channel secrets sealed with a public key are not sealed. The bean is lazy, so only the services that
 * seal or open (api and alerting) need a key; the scheduler and probes never ask for one.
 */
@AutoConfiguration
public class SecretBoxAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecretBoxAutoConfiguration.class);

    /** Known to everyone who reads this file: for local runs only. */
    static final String DEVELOPMENT_KEY = "dmlnaWwtbG9jYWwtZGV2ZWxvcG1lbnQta2V5LTMyYiE=";

    @Bean
    @Lazy
    @ConditionalOnMissingBean
    SecretBox channelSecretBox(@Value("${vigil.channel.encryption-key:}") String key,
                               @Value("${vigil.channel.old-encryption-keys:}") String oldKeys,
                               @Value("${vigil.mode:}") String mode) {
        boolean local = "local".equalsIgnoreCase(mode.strip());
        List<String> old = Arrays.stream(oldKeys.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
        boolean development = key == null || key.isBlank() || key.strip().equals(DEVELOPMENT_KEY);
        if (development && !local) {
            throw new IllegalStateException("Refusing to start: vigil.channel.encryption-key "
                    + "(VIGIL_CHANNEL_ENCRYPTION_KEY) is " + (key == null || key.isBlank() ? "not set" : "the built-in "
                    + "development key") + ", which is public, so alert channel secrets would not be secret. Set it "
                    + "to 32 random bytes (openssl rand -hex 32, or -base64 32), the same in the api and alerting "
                    + "services. Only local mode (vigil.mode=local, bin/vigil-local) may use the development key.");
        }
        if (development) {
            log.warn("local mode: alert channel secrets are sealed with the built-in DEVELOPMENT key, which anyone "
                    + "can read. Set VIGIL_CHANNEL_ENCRYPTION_KEY for anything but a local try-out.");
        }
        try {
            SecretBox box = SecretBox.ofKeys(development ? DEVELOPMENT_KEY : key, old);
            log.info("channel secrets sealed with key {} ({} older key(s) kept for opening)", box.currentKeyId(),
                    old.size());
            return box;
        } catch (IllegalArgumentException e) {
            // The message never includes a key itself.
            throw new IllegalStateException("vigil.channel.encryption-key (VIGIL_CHANNEL_ENCRYPTION_KEY) or "
                    + "vigil.channel.old-encryption-keys is invalid: " + e.getMessage() + "; expected 32 random "
                    + "bytes as base64 (openssl rand -base64 32) or as 64 hex digits (openssl rand -hex 32)");
        }
    }
}
