package dev.vigil.api.dashboard.monitor;

import dev.vigil.api.dashboard.DashboardTimes;
import java.util.List;
import java.util.Locale;
import org.springframework.web.util.HtmlUtils;

/**
 * A row's beat bar written as markup in one pass. The monitor list shows 50 rows of 50 beats; written by the template
 * that was 2,500 elements with three expressions each, and rendering them was most of the page's CPU at 100,000
 * monitors (bench/README.md, "Runs of 2026-12-07"). Every value that reaches the markup is escaped here, the
 * region and the error above all: the error is what a tenant's target answered.
 */
final class BeatBar {

    private BeatBar() {
    }

    /** {@code <span class="beat beat-up" data-time=".." title=".."></span>} per beat, oldest first. */
    static String html(List<Beat> beats, DashboardTimes times) {
        StringBuilder html = new StringBuilder(beats.size() * 140);
        for (Beat beat : beats) {
            html.append("<span class=\"beat beat-").append(beat.result().toLowerCase(Locale.ROOT))
                    .append("\" data-time=\"").append(beat.time())
                    .append("\" title=\"").append(escape(times.second(beat.time()) + " · " + beat.summary()))
                    .append("\"></span>");
        }
        return html.toString();
    }

    /** How many of the beats failed, for the bar's label. */
    static long failed(List<Beat> beats) {
        return beats.stream().filter(b -> b.result().equals("DOWN")).count();
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
