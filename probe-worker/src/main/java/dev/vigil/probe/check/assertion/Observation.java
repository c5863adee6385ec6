package dev.vigil.probe.check.assertion;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a check saw, in the form assertions read it. Fields a check type does not produce are null; the body is
 * decoded only when an assertion asks for it.
 *
 * @param statusCode     HTTP status
 * @param header         header values by name (case-insensitive), empty list when absent
 * @param body           the response body as text, decoded on first use
 * @param bodyTruncated  whether the body was longer than the probe reads
 * @param responseTimeMs the check's duration
 * @param dnsAnswers     DNS answer records as text
 */
public record Observation(Integer statusCode, Function<String, List<String>> header, Supplier<String> body,
                          boolean bodyTruncated, long responseTimeMs, List<String> dnsAnswers) {

    public static Observation http(int statusCode, Function<String, List<String>> header, Supplier<String> body,
                                   boolean bodyTruncated, long responseTimeMs) {
        return new Observation(statusCode, header, body, bodyTruncated, responseTimeMs, null);
    }

    public static Observation dns(List<String> answers, long responseTimeMs) {
        return new Observation(null, null, null, false, responseTimeMs, List.copyOf(answers));
    }
}
