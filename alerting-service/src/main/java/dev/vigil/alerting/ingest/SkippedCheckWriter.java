package dev.vigil.alerting.ingest;

import dev.vigil.common.message.ChecksSkipped;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a probe's report of skipped checks ({@link ChecksSkipped}) in {@code skipped_checks}: one JDBC batch, one
 * transaction per report. A run already stored (a redelivered report) is merged, not added twice; runs of monitors
 * deleted meanwhile are ignored. Each skipped check is also counted by region
 * ({@code vigil.overload.checks.skipped}), which sees probes wherever they run, even where nobody scrapes them.
 */
@Component
class SkippedCheckWriter {

    private static final String UPSERT = """
            INSERT INTO skipped_checks (monitor_id, region, first_at, last_at, checks, interval_seconds, workspace_id,
                                        reported_at, reason)
            SELECT m.id, ?, ?, ?, ?, ?, m.workspace_id, now(), ? FROM monitors m WHERE m.id = ?
            ON CONFLICT (monitor_id, region, first_at) DO UPDATE
                SET last_at = GREATEST(skipped_checks.last_at, EXCLUDED.last_at),
                    checks = GREATEST(skipped_checks.checks, EXCLUDED.checks),
                    reported_at = EXCLUDED.reported_at""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Map<String, Counter> byRegion = new ConcurrentHashMap<>();

    SkippedCheckWriter(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.meters = meters;
    }

    void write(ChecksSkipped report) {
        // Sorted, so two instances storing overlapping reports lock the same rows in the same order (no deadlock).
        List<ChecksSkipped.Run> runs = report.runs().stream()
                .sorted(Comparator.comparing(ChecksSkipped.Run::monitorId).thenComparing(ChecksSkipped.Run::firstAt))
                .toList();
        if (runs.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> jdbc.batchUpdate(UPSERT, runs, 500, (ps, run) -> {
            ps.setString(1, report.region());
            ps.setTimestamp(2, Timestamp.from(run.firstAt()));
            ps.setTimestamp(3, Timestamp.from(run.lastAt()));
            ps.setInt(4, run.checks());
            ps.setInt(5, run.intervalSeconds());
            ps.setString(6, ChecksSkipped.Run.UNRUNNABLE.equals(run.reason()) ? ChecksSkipped.Run.UNRUNNABLE
                    : ChecksSkipped.Run.STALE);
            ps.setObject(7, run.monitorId());
        }));
        byRegion.computeIfAbsent(report.region(), region -> Counter.builder("vigil.overload.checks.skipped")
                        .description("Checks probes reported skipped (dropped as stale), by region")
                        .tag("region", region).register(meters))
                .increment(runs.stream().filter(run -> ChecksSkipped.Run.STALE.equals(run.reason()))
                        .mapToInt(ChecksSkipped.Run::checks).sum());
    }
}
