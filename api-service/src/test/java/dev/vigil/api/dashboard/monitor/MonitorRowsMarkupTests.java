package dev.vigil.api.dashboard.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.dashboard.DashboardTimes;
import dev.vigil.api.monitor.MonitorResponse.TagLabel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.thymeleaf.expression.Numbers;

class MonitorRowsMarkupTests {

    private static final String HOSTILE = "<script>alert(1)</script> \"q\" & 'a'";
    private static final String HOSTILE_ESCAPED =
            "&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; &amp; &#39;a&#39;";
    private static final Instant AT = Instant.parse("2026-03-02T09:00:05Z");

    @Test
    void everythingATenantTypedOrATargetAnsweredStaysText() {
        MonitorRow row = row(HOSTILE, HOSTILE, HOSTILE, List.of(new TagLabel(UUID.randomUUID(), HOSTILE,
                "#fff\" onmouseover=\"alert(1)")), List.of(beat(AT, false, HOSTILE)), 99.5, false);

        String html = markup(true, Locale.ENGLISH).html(List.of(row));

        assertThat(html).doesNotContain("<script").doesNotContain("\" onmouseover=\"");
        assertThat(count(html, HOSTILE_ESCAPED)).as("name, select label, group, tag, target, beat's tooltip")
                .isEqualTo(6);
        assertThat(html).contains("data-color=\"#fff&quot; onmouseover=&quot;alert(1)\"")
                .contains("aria-label=\"Select " + HOSTILE_ESCAPED + "\"");
    }

    @Test
    void aRowCarriesWhatThePageScriptTheBulkFormAndTheBrowserTestsRead() {
        UUID id = UUID.randomUUID();
        List<Beat> beats = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            beats.add(beat(AT.plusSeconds(30L * i), i % 10 != 0, i % 10 == 0 ? "connection refused" : null));
        }
        MonitorRow row = new MonitorRow(id, "Shop", "HTTP", "GET https://shop.example.com/", "DEGRADED",
                List.of(new TagLabel(UUID.randomUUID(), "prod", "#7c3aed")), "EU / Checkout", beats.getLast().time(),
                99.951, beats, Sparkline.of(List.of(new Sparkline.Sample(120, true), new Sparkline.Sample(0, false))),
                true);

        String html = markup(true, Locale.ENGLISH).html(List.of(row));

        assertThat(html).startsWith("<tr data-monitor=\"" + id + "\">").endsWith("</tr>\n")
                .contains("<input type=\"checkbox\" name=\"ids\" form=\"bulk-form\" value=\"" + id
                        + "\" class=\"select-monitor\" aria-label=\"Select Shop\">")
                .contains("<span class=\"status status-degraded\">DEGRADED</span>")
                .contains("<a href=\"/app/monitors/" + id + "\">Shop</a>")
                .contains("<span class=\"folder muted\">EU / Checkout</span>")
                .contains("<span class=\"tag\" data-color=\"#7c3aed\">prod</span>")
                .contains("<div class=\"muted target\">GET https://shop.example.com/</div>")
                .contains("class=\"alert not-checked\"")
                .contains("aria-label=\"50 recent checks, 5 failed\"")
                .contains("<time datetime=\"2026-03-02T09:24:35Z\" data-relative=\"checked\" "
                        + "title=\"2026-03-02 09:24:35 UTC\">2026-03-02 09:24:35 UTC</time>")
                .contains("<td data-label=\"Uptime 24 h\">99.95 %</td>")
                .contains("<circle cx=\"0.0\" cy=\"25\" r=\"2\"></circle>");
        assertThat(count(html, "class=\"beat ")).isEqualTo(50);
        assertThat(count(html, "beat-down")).isEqualTo(5);
    }

    @Test
    void aViewerGetsNoCheckboxAndAMonitorWithoutChecksSaysSo() {
        MonitorRow row = row("Blog", null, "GET https://blog.example.com/", List.of(), List.of(), null, false);

        String html = markup(false, Locale.ENGLISH).html(List.of(row));

        assertThat(html).doesNotContain("select-monitor").doesNotContain("folder").doesNotContain("not-checked")
                .contains("<span class=\"muted\">no checks yet</span>")
                .contains("<span class=\"muted\">never</span>")
                .contains("<td data-label=\"Uptime 24 h\">–</td>");
    }

    @Test
    void timesAreWrittenInTheReadersZone() {
        MonitorRow row = row("Shop", null, "t", List.of(), List.of(beat(AT, true, null)), 100.0, false);

        String html = new MonitorRowsMarkup(DashboardTimes.of("Europe/Berlin"), false, Locale.ENGLISH)
                .html(List.of(row));

        assertThat(html).contains(">2026-03-02 10:00:05 CET</time>").contains("datetime=\"2026-03-02T09:00:05Z\"");
    }

    @Test
    void theUptimeIsWrittenAsTheTemplatesNumbersWroteItInEveryLocale() {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH, Locale.forLanguageTag("ar-EG"),
                Locale.forLanguageTag("hi-IN"), Locale.forLanguageTag("tr"))) {
            for (double uptime : new double[] {100.0, 99.995, 99.994, 99.125, 0.0, 7.5, 12_345.678}) {
                MonitorRow row = row("m", null, "t", List.of(), List.of(), uptime, false);
                String expected = new Numbers(locale).formatDecimal(uptime, 1, 2) + " %";

                assertThat(markup(false, locale).html(List.of(row)))
                        .as("%s in %s", uptime, locale)
                        .contains("<td data-label=\"Uptime 24 h\">" + HtmlText.escape(expected) + "</td>");
            }
        }
    }

    @Test
    void aStatusBadgeIsTheSameInEveryLocale() {
        Locale.setDefault(Locale.forLanguageTag("tr"));
        try {
            assertThat(MonitorRowsMarkup.status("PENDING"))
                    .isEqualTo("<span class=\"status status-pending\">PENDING</span>");
        } finally {
            Locale.setDefault(Locale.ROOT);
        }
    }

    private static MonitorRowsMarkup markup(boolean selectable, Locale locale) {
        return new MonitorRowsMarkup(DashboardTimes.utc(), selectable, locale);
    }

    private static MonitorRow row(String name, String group, String target, List<TagLabel> tags, List<Beat> beats,
                                  Double uptime, boolean unchecked) {
        List<Sparkline.Sample> samples = beats.stream()
                .map(b -> new Sparkline.Sample(b.latencyMs(), !b.result().equals("DOWN"))).toList().reversed();
        return new MonitorRow(UUID.randomUUID(), name, "HTTP", target, "UP", tags, group,
                beats.isEmpty() ? null : beats.getLast().time(), uptime, beats, Sparkline.of(samples), unchecked);
    }

    private static Beat beat(Instant at, boolean ok, String error) {
        return Beat.of(at, "local-a", 120, ok, false, error);
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
