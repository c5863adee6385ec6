package dev.vigil.api.dashboard.monitor;

import dev.vigil.api.dashboard.DashboardTimes;
import java.util.List;
import java.util.Locale;

/**
 * A row's beat bar written as markup in one pass. The monitor list shows 50 rows of 50 beats; written by the template
 * that was 2,500 elements with three expressions each, and rendering them was most of the page's CPU at 100,000
 * monitors (bench/README.md, "Runs of 2026-12-07"). Every value but our own digits and the JVM's zone names is
 * escaped here, the region and the error above all: the error is what a tenant's target answered.
 */
final class BeatBar {

    private BeatBar() {
    }

    /**
     * {@code <span class="beat beat-up" data-time=".." title=".."></span>} per beat, oldest first, appended to the
     * row being written. The time in the tooltip is the reader's zone (the page's script rewrites it into the
     * browser's); digits and the zone's name from the JVM's time-zone data are not escaped, everything after them is.
     */
    static void appendTo(StringBuilder html, List<Beat> beats, DashboardTimes times) {
        for (Beat beat : beats) {
            html.append("<span class=\"beat beat-").append(cssName(beat.result())).append("\" data-time=\"");
            DashboardTimes.appendInstant(html, beat.time());
            html.append("\" title=\"");
            times.appendSecond(html, beat.time());
            HtmlText.escape(html.append(" · "), beat.summary()).append("\"></span>");
        }
    }

    /** How many of the beats failed, for the bar's label. */
    static long failed(List<Beat> beats) {
        return beats.stream().filter(b -> b.result().equals("DOWN")).count();
    }

    private static String cssName(String result) {
        return switch (result) {
            case "UP" -> "up";
            case "DEGRADED" -> "degraded";
            case "DOWN" -> "down";
            default -> HtmlText.escape(result.toLowerCase(Locale.ROOT));
        };
    }
}
