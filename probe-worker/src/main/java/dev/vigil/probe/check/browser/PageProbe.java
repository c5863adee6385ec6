package dev.vigil.probe.check.browser;

import dev.vigil.common.message.SyntheticRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * What the page itself reports after the steps: load metrics through the Performance APIs, read by our own fixed
 * script (never the tenant's), responses the page got with an error status, and the console's errors. Any of it may be
 * missing (a page that never loaded); reading it never fails the check.
 */
final class PageProbe {

    private static final int MAX_ENTRIES = 20;
    private static final int MAX_ENTRY_LENGTH = 300;

    /**
     * TTFB from Navigation Timing, FCP from Paint Timing, LCP and CLS from buffered PerformanceObservers (which deliver
     * their entries asynchronously, hence the short wait), and resources answered with 400 or above.
     */
    private static final String METRICS_SCRIPT = """
            const done = arguments[arguments.length - 1];
            const out = {ttfb: null, fcp: null, lcp: null, cls: null, failed: []};
            try {
              const nav = performance.getEntriesByType('navigation')[0];
              if (nav) { out.ttfb = nav.responseStart; }
              const fcp = performance.getEntriesByName('first-contentful-paint')[0];
              if (fcp) { out.fcp = fcp.startTime; }
              for (const r of performance.getEntriesByType('resource')) {
                if (r.responseStatus >= 400) { out.failed.push(r.responseStatus + ' ' + r.name); }
              }
              let lcp = null; let cls = 0;
              const lo = new PerformanceObserver(l => { for (const e of l.getEntries()) { lcp = e.startTime; } });
              lo.observe({type: 'largest-contentful-paint', buffered: true});
              const co = new PerformanceObserver(l => {
                for (const e of l.getEntries()) { if (!e.hadRecentInput) { cls += e.value; } }
              });
              co.observe({type: 'layout-shift', buffered: true});
              setTimeout(() => { lo.disconnect(); co.disconnect(); out.lcp = lcp; out.cls = cls; done(out); }, 100);
            } catch (e) { done(out); }
            """;

    private PageProbe() {
    }

    record Reading(SyntheticRun.PageMetrics metrics, List<String> failedResponses, List<String> consoleErrors) {
    }

    static Reading read(ChromeDriver driver) {
        SyntheticRun.PageMetrics metrics = null;
        List<String> failed = new ArrayList<>();
        try {
            Object result = driver.executeAsyncScript(METRICS_SCRIPT);
            if (result instanceof Map<?, ?> map) {
                metrics = new SyntheticRun.PageMetrics(number(map.get("ttfb")), number(map.get("fcp")),
                        number(map.get("lcp")), number(map.get("cls")));
                if (map.get("failed") instanceof List<?> list) {
                    list.stream().limit(MAX_ENTRIES).forEach(f -> failed.add(clip(String.valueOf(f))));
                }
            }
        } catch (WebDriverException e) {
            // no page, or a page that would not answer: no metrics
        }
        List<String> console = new ArrayList<>();
        try {
            for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && console.size() < MAX_ENTRIES) {
                    console.add(clip(entry.getMessage()));
                }
            }
        } catch (WebDriverException e) {
            // the log is not available: none recorded
        }
        return new Reading(metrics, failed, console);
    }

    private static Double number(Object value) {
        return value instanceof Number n ? Math.round(n.doubleValue() * 1000) / 1000.0 : null;
    }

    private static String clip(String text) {
        return text.length() <= MAX_ENTRY_LENGTH ? text : text.substring(0, MAX_ENTRY_LENGTH - 1) + "…";
    }
}
