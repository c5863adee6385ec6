package dev.vigil.probe.check;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/** Certificate facts checks report. */
public final class Certificates {

    private Certificates() {
    }

    /** Whole days until {@code certificate} expires; negative once it has (rounded down: 23 hours left is 0). */
    public static int daysLeft(X509Certificate certificate, Instant now) {
        Duration left = Duration.between(now, certificate.getNotAfter().toInstant());
        return (int) Math.floorDiv(left.toSeconds(), 86_400L);
    }
}
