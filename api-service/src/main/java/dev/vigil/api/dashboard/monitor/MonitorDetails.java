package dev.vigil.api.dashboard.monitor;

import dev.vigil.api.uptime.UptimeHistories;
import dev.vigil.api.uptime.UptimeHistory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the monitor page shows beyond the API's reads: latency percentiles per region over time for the chart, the
 * 90-day uptime bar (by the one definition of {@link UptimeHistory}, as on status pages) and the last known
 * certificate expiry. The caller has already checked the monitor is theirs.
 */
@Component
class MonitorDetails {

    /** The chart's ranges and the bucket each is drawn with. */
    enum ChartRange {
        H24("24h", Duration.ofHours(24), "15 minutes"), D7("7d", Duration.ofDays(7), "2 hours"),
        D30("30d", Duration.ofDays(30), "6 hours");

        final String label;
        final Duration length;
        final String bucket;

        ChartRange(String label, Duration length, String bucket) {
            this.label = label;
            this.length = length;
            this.bucket = bucket;
        }

        static ChartRange of(String label) {
            for (ChartRange range : values()) {
                if (range.label.equals(label)) {
                    return range;
                }
            }
            return H24;
        }

        public String getLabel() {
            return label;
        }
    }

    /** One line of the chart: a region's percentile, as [epoch ms, ms] points. */
    record Series(String label, List<double[]> points) {
    }

    /** A day of the 90-day bar; {@code percent} is null for a day without monitored time. */
    record Day(LocalDate day, Double percent) {

        public String getCss() {
            if (percent == null) {
                return "u-none";
            }
            return percent >= 100 ? "u-full" : percent >= 99 ? "u-high" : percent >= 95 ? "u-mid" : "u-low";
        }

        public String getLabel() {
            return day + ": " + (percent == null ? "no data" : String.format(java.util.Locale.ROOT, "%.2f %%",
                    percent));
        }
    }

    /** The certificate's days left as last seen by a check. */
    record TlsExpiry(int daysLeft, Instant seenAt) {
    }

    private final JdbcClient jdbc;
    private final UptimeHistories histories;
    private final Clock clock;

    MonitorDetails(JdbcClient jdbc, UptimeHistories histories, Clock clock) {
        this.jdbc = jdbc;
        this.histories = histories;
        this.clock = clock;
    }

    List<Series> latency(UUID monitorId, ChartRange range) {
        Map<String, Series> series = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT region, date_bin(CAST(? AS interval), time, TIMESTAMPTZ '2000-01-01') AS bucket,
                               percentile_cont(0.50) WITHIN GROUP (ORDER BY latency_ms) AS p50,
                               percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95,
                               percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms) AS p99
                        FROM check_results
                        WHERE monitor_id = ? AND time >= ? AND kind = 'SCHEDULED' AND ok
                        GROUP BY 1, 2 ORDER BY 1, 2""")
                .params(range.bucket, monitorId, Timestamp.from(clock.instant().minus(range.length)))
                .query((rs, row) -> {
                    String region = rs.getString("region");
                    double at = rs.getTimestamp("bucket").getTime();
                    for (String p : List.of("p50", "p95", "p99")) {
                        series.computeIfAbsent(region + " " + p, l -> new Series(l, new ArrayList<>())).points()
                                .add(new double[] {at, Math.round(rs.getDouble(p) * 10) / 10.0});
                    }
                    return null;
                }).list();
        return List.copyOf(series.values());
    }

    /** The last 90 UTC days, oldest first. */
    List<Day> uptimeBar(UUID monitorId) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = today.minusDays(89);
        return histories.of(monitorId, first.atStartOfDay(ZoneOffset.UTC).toInstant(), now).days(first, today)
                .stream().map(d -> new Day(d.date(), d.percent())).toList();
    }

    TlsExpiry tlsExpiry(UUID monitorId) {
        return jdbc.sql("""
                        SELECT tls_days_left, time FROM check_results
                        WHERE monitor_id = ? AND tls_days_left IS NOT NULL AND time >= ?
                        ORDER BY time DESC LIMIT 1""")
                .params(monitorId, Timestamp.from(clock.instant().minus(Duration.ofDays(30))))
                .query((rs, row) -> new TlsExpiry(rs.getInt("tls_days_left"), rs.getTimestamp("time").toInstant()))
                .optional().orElse(null);
    }
}
