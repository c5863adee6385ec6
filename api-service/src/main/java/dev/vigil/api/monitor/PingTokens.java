package dev.vigil.api.monitor;

import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * Heartbeat ping tokens: 144 random bits, URL-safe, so a ping URL cannot be guessed and is the only secret a job
 * needs. Unique in the database; a collision is as likely as guessing one.
 */
@Component
class PingTokens {

    private static final int RANDOM_BYTES = 18;

    private final SecureRandom random = new SecureRandom();

    String next() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
