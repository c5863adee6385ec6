package dev.vigil.api.dashboard.monitor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Recent latencies drawn as an inline SVG polyline (no script needed), oldest on the left, with failed checks as
 * red dots on the baseline.
 *
 * @param points   the polyline's points attribute
 * @param failures x positions of failed checks
 */
record Sparkline(String points, List<Double> failures, String summary) {

    static final double WIDTH = 120;
    static final double HEIGHT = 28;

    /** A sample: latency in ms, and whether the check passed. */
    record Sample(long latencyMs, boolean ok) {
    }

    /** @param newestFirst samples as queried, newest first */
    static Sparkline of(List<Sample> newestFirst) {
        List<Sample> samples = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(samples);
        if (samples.isEmpty()) {
            return new Sparkline("", List.of(), "no checks yet");
        }
        long max = Math.max(1, samples.stream().filter(Sample::ok).mapToLong(Sample::latencyMs).max().orElse(1));
        double step = samples.size() == 1 ? 0 : WIDTH / (samples.size() - 1);
        StringBuilder points = new StringBuilder();
        List<Double> failures = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            double x = i * step;
            if (!s.ok()) {
                failures.add(x);
                continue;
            }
            double y = HEIGHT - 2 - (HEIGHT - 4) * Math.min(1.0, (double) s.latencyMs() / max);
            oneDecimal(points, x).append(',');
            oneDecimal(points, y).append(' ');
        }
        long ok = samples.stream().filter(Sample::ok).count();
        String summary = samples.size() + " recent checks, " + (samples.size() - ok) + " failed, slowest " + max
                + " ms";
        return new Sparkline(points.toString().strip(), failures, summary);
    }

    /**
     * {@code value} with one decimal, as {@code String.format(Locale.ROOT, "%.1f", value)} writes it (half up, from the
     * shortest decimal that names the double): a list page draws 1,500 points, and the formatter's parsing of its
     * pattern for each was 7 % of the page's CPU, and a {@link BigDecimal} for each still 4.6 %. Rounding the tenths
     * directly gives the same digit unless they lie within a hair of a half, where the shortest decimal decides: those
     * (and negative or huge values, which a sparkline does not draw) go through {@link BigDecimal}.
     */
    static StringBuilder oneDecimal(StringBuilder out, double value) {
        double tenths = value * 10;
        if (value >= 0 && tenths < 1e15 && Math.abs(tenths - Math.floor(tenths) - 0.5) > 1e-6) {
            long rounded = Math.round(tenths);
            return out.append(rounded / 10).append('.').append(rounded % 10);
        }
        return out.append(BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString());
    }
}
