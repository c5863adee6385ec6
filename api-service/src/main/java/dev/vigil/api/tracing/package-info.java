/** Trace context of HTTP requests (W3C {@code traceparent}), for log correlation. */
package dev.vigil.api.tracing;
