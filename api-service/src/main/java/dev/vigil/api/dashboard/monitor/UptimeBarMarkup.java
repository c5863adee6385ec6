package dev.vigil.api.dashboard.monitor;

import java.util.List;

/**
 * A monitor page's 90-day bar written in one pass: 90 elements of three expressions each were a quarter of the
 * page's template work (bench/README.md, "The API and dashboard at 100,000 monitors"). Only our own values reach it
 * (dates, percentages and fixed class names), so nothing needs escaping.
 */
final class UptimeBarMarkup {

    private UptimeBarMarkup() {
    }

    /** {@code <span role="listitem" class="u-full" title="2026-03-02: 100.00 %" aria-label="..."></span>} a day. */
    static String html(List<MonitorDetails.Day> days) {
        StringBuilder html = new StringBuilder(days.size() * 110);
        for (MonitorDetails.Day day : days) {
            String label = day.getLabel();
            html.append("<span role=\"listitem\" class=\"").append(day.getCss()).append("\" title=\"").append(label)
                    .append("\" aria-label=\"").append(label).append("\"></span>");
        }
        return html.toString();
    }
}
