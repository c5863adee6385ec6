package dev.vigil.probe.check;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/** Certificate facts checks report. */
public final class Certificates {

    private Certificates() {
    }

    /**
     * Why {@code certificate} is not valid at {@code now}, or null when it is. Checked by the probe itself because the
     * JDK does not check the validity of a certificate that is its own trust anchor (a self-signed certificate a
     * self-hoster trusts directly would otherwise pass while expired).
     */
    public static String validityProblem(X509Certificate certificate, Instant now) {
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            return "TLS certificate has expired (" + certificate.getNotAfter().toInstant() + ")";
        }
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            return "TLS certificate is not valid yet (from " + certificate.getNotBefore().toInstant() + ")";
        }
        return null;
    }

    /** Whole days until {@code certificate} expires; negative once it has (rounded down: 23 hours left is 0). */
    public static int daysLeft(X509Certificate certificate, Instant now) {
        Duration left = Duration.between(now, certificate.getNotAfter().toInstant());
        return (int) Math.floorDiv(left.toSeconds(), 86_400L);
    }
}
