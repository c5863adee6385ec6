package dev.vigil.common.tracing;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * A W3C Trace Context ({@code traceparent}: {@code 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>}), the
 * format OpenTelemetry propagates, so traces started or continued here join those of any OpenTelemetry-instrumented
 * component. The current context lives in the logging MDC under {@code traceId} and {@code spanId}, the keys
 * Micrometer Tracing uses too, so every log line (plain or JSON) carries it.
 */
public record TraceContext(String traceId, String spanId, boolean sampled) {

    /** The message attribute (and HTTP header) name of the W3C format. */
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACE_ID_KEY = "traceId";
    public static final String SPAN_ID_KEY = "spanId";

    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String INVALID_TRACE = "0".repeat(32);
    private static final String INVALID_SPAN = "0".repeat(16);

    /** A new trace, sampled. */
    public static TraceContext newRoot() {
        return new TraceContext(randomHex(16), randomHex(8), true);
    }

    /** A new span of this trace, e.g. the consumer's handling of a message this context was sent with. */
    public TraceContext child() {
        return new TraceContext(traceId, randomHex(8), sampled);
    }

    public String traceparent() {
        return "00-" + traceId + "-" + spanId + "-" + (sampled ? "01" : "00");
    }

    /** The context of a {@code traceparent} value; empty when absent or malformed (then a new trace starts). */
    public static Optional<TraceContext> parse(String traceparent) {
        if (traceparent == null) {
            return Optional.empty();
        }
        var matcher = FORMAT.matcher(traceparent.trim());
        if (!matcher.matches() || matcher.group(1).equals(INVALID_TRACE) || matcher.group(2).equals(INVALID_SPAN)) {
            return Optional.empty();
        }
        boolean sampled = (Integer.parseInt(matcher.group(3), 16) & 1) == 1;
        return Optional.of(new TraceContext(matcher.group(1), matcher.group(2), sampled));
    }

    /** The context of the current thread (from the MDC), if any. */
    public static Optional<TraceContext> current() {
        String traceId = MDC.get(TRACE_ID_KEY);
        String spanId = MDC.get(SPAN_ID_KEY);
        if (traceId == null || spanId == null || traceId.length() != 32 || spanId.length() != 16) {
            return Optional.empty();
        }
        return Optional.of(new TraceContext(traceId, spanId, true));
    }

    /** The current context, or a new trace when there is none (work that starts here, e.g. a scheduled check). */
    public static TraceContext currentOrNew() {
        return current().orElseGet(TraceContext::newRoot);
    }

    /** Makes this the current context until the scope closes, which restores the previous one. */
    public Scope open() {
        String previousTrace = MDC.get(TRACE_ID_KEY);
        String previousSpan = MDC.get(SPAN_ID_KEY);
        MDC.put(TRACE_ID_KEY, traceId);
        MDC.put(SPAN_ID_KEY, spanId);
        return () -> {
            restore(TRACE_ID_KEY, previousTrace);
            restore(SPAN_ID_KEY, previousSpan);
        };
    }

    /** A scope that closes without checked exceptions. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never all zero, which W3C reserves for "invalid"
        return HexFormat.of().formatHex(random);
    }
}
