package dev.vigil.api.dashboard.monitor;

import static dev.vigil.api.dashboard.monitor.HtmlText.escape;

import dev.vigil.api.dashboard.DashboardTimes;
import dev.vigil.api.monitor.MonitorResponse.TagLabel;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;

/**
 * The monitor list's rows written as markup in one pass, each value escaped on its way in. The list is polled by
 * every open dashboard on every live event; written by the template, its 50 rows were about 1,350 expressions a
 * request, and evaluating them (Thymeleaf's per-expression machinery, not the values) was half of the page's CPU at
 * 100,000 monitors (bench/README.md, "The API and dashboard at 100,000 monitors"). The markup is the template's as it
 * was, element for element: the page's script, the bulk form and the browser tests read these attributes.
 *
 * <p>Everything a tenant typed or a target answered (names, targets, tag names and colours, group paths, errors in
 * the beat bar) goes through {@link HtmlText}; nothing else reaches the markup but our own fixed words, UUIDs, times
 * and numbers.
 */
final class MonitorRowsMarkup {

    private static final String NOT_CHECKED = "not checked: no probe of its regions can run browser checks";

    private final DashboardTimes times;
    private final boolean selectable;
    private final DecimalFormat percent;

    /**
     * @param selectable whether rows carry the bulk form's checkbox (a member who may change monitors)
     * @param locale     the reader's, for the uptime's decimal separator (as the template's {@code #numbers} wrote it)
     */
    MonitorRowsMarkup(DashboardTimes times, boolean selectable, Locale locale) {
        this.times = times;
        this.selectable = selectable;
        this.percent = twoDecimals(locale);
    }

    String html(List<MonitorRow> rows) {
        StringBuilder html = new StringBuilder(rows.size() * 9_000);
        for (MonitorRow row : rows) {
            row(html, row);
        }
        return html.toString();
    }

    private void row(StringBuilder html, MonitorRow m) {
        html.append("<tr data-monitor=\"").append(m.id()).append("\">\n");
        if (selectable) {
            html.append("<td data-label=\"Select\"><input type=\"checkbox\" name=\"ids\" form=\"bulk-form\" value=\"")
                    .append(m.id()).append("\" class=\"select-monitor\" aria-label=\"")
                    .append(escape("Select " + m.name())).append("\"></td>\n");
        }
        html.append("<td data-label=\"Status\">").append(status(m.status())).append("</td>\n");
        name(html, m);
        html.append("<td data-label=\"Last 50 checks\">");
        if (m.beats().isEmpty()) {
            html.append("<span class=\"muted\">no checks yet</span>");
        } else {
            html.append("<span class=\"beats\" role=\"img\" aria-label=\"").append(escape(m.beatLabel()))
                    .append("\">");
            BeatBar.appendTo(html, m.beats(), times);
            html.append("</span>");
        }
        html.append("</td>\n<td data-label=\"Last check\">");
        if (m.lastCheck() == null) {
            html.append("<span class=\"muted\">never</span>");
        } else {
            String written = escape(times.second(m.lastCheck()));
            html.append("<time datetime=\"");
            DashboardTimes.appendInstant(html, m.lastCheck());
            html.append("\" data-relative=\"checked\" title=\"").append(written).append("\">").append(written)
                    .append("</time>");
        }
        html.append("</td>\n<td data-label=\"Uptime 24 h\">")
                .append(m.uptime24h() == null ? "–" : escape(percent.format(m.uptime24h())) + " %")
                .append("</td>\n");
        spark(html, m.spark());
        html.append("</tr>\n");
    }

    private static void name(StringBuilder html, MonitorRow m) {
        html.append("<td data-label=\"Name\"><a href=\"/app/monitors/").append(m.id()).append("\">")
                .append(escape(m.name())).append("</a>\n<span class=\"muted\">").append(escape(m.type()))
                .append("</span>\n");
        if (m.unchecked()) {
            html.append("<span class=\"alert not-checked\" style=\"display:inline-block;padding:0 6px\">")
                    .append(NOT_CHECKED).append("</span>\n");
        }
        if (m.group() != null) {
            html.append("<span class=\"folder muted\">").append(escape(m.group())).append("</span>\n");
        }
        for (TagLabel tag : m.tags()) {
            html.append("<span class=\"tag\" data-color=\"").append(escape(tag.color())).append("\">")
                    .append(escape(tag.name())).append("</span>\n");
        }
        html.append("<div class=\"muted target\">").append(escape(m.target())).append("</div></td>\n");
    }

    private static void spark(StringBuilder html, Sparkline spark) {
        html.append("<td data-label=\"Latency\"><svg class=\"spark\" viewBox=\"0 0 120 28\" role=\"img\" aria-label=\"")
                .append(escape(spark.summary())).append("\"><polyline points=\"").append(escape(spark.points()))
                .append("\"></polyline>");
        for (Double x : spark.failures()) {
            html.append("<circle cx=\"").append(x).append("\" cy=\"25\" r=\"2\"></circle>");
        }
        html.append("</svg></td>\n");
    }

    /** The status badge, as the layout's {@code status} fragment writes it for every other page. */
    static String status(String status) {
        String shown = escape(status);
        return "<span class=\"status status-" + shown.toLowerCase(Locale.ROOT) + "\">" + shown + "</span>";
    }

    /** Two decimals in the reader's locale without grouping ({@code 99.95}, {@code 99,95}): #numbers.formatDecimal(x, 1, 2). */
    private static DecimalFormat twoDecimals(Locale locale) {
        DecimalFormat format = (DecimalFormat) NumberFormat.getNumberInstance(locale);
        format.setMinimumIntegerDigits(1);
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        format.setGroupingUsed(false);
        return format;
    }
}
