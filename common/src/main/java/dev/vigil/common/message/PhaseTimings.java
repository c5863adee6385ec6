package dev.vigil.common.message;

/** Where a check's time went, in milliseconds; a phase that did not happen (no TLS on http) is null. */
public record PhaseTimings(Long dnsMs, Long connectMs, Long tlsMs, Long firstByteMs) {

    public static final PhaseTimings NONE = new PhaseTimings(null, null, null, null);
}
