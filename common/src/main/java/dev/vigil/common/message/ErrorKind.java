package dev.vigil.common.message;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** The class of a failed check, for grouping and alert text; the message says the rest. */
public enum ErrorKind {
    /** The check did not finish within its timeout. */
    TIMEOUT,
    /** The name did not resolve. */
    DNS,
    /** The connection was refused, reset or unreachable. */
    CONNECTION,
    /** The TLS handshake or certificate check failed. */
    TLS,
    /** The HTTP status was not acceptable (no assertion on it, not 2xx/3xx). */
    HTTP_STATUS,
    /** An assertion failed; {@code assertions} has which. */
    ASSERTION,
    /** The target resolves to an address probes may not reach (SSRF guard). */
    BLOCKED,
    /** A plugin reported CRITICAL or UNKNOWN, or could not run. */
    PLUGIN,
    /** Something inside the probe went wrong; not the target's fault. */
    @JsonEnumDefaultValue
    INTERNAL
}
