/**
 * Trace context across the SQS hop, in the W3C format OpenTelemetry uses: the publisher puts the current context
 * (or a new trace) into a {@code traceparent} message attribute, the consumer continues it while the handler runs,
 * and the logging MDC carries the trace id into every log line.
 */
package dev.vigil.common.tracing;
