package dev.vigil.alerting.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.alerting.AlertingApplication;
import dev.vigil.alerting.ingest.ResultWriter;
import dev.vigil.alerting.support.TestMonitors;
import dev.vigil.common.message.CheckResult;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.JobIds;
import dev.vigil.common.message.JobKind;
import dev.vigil.common.message.PhaseTimings;
import dev.vigil.common.testing.TestDatabase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * One contract for both storages: whatever the database has (TimescaleDB in GitHub Actions, plain PostgreSQL here),
 * results written by the real writer roll up into {@code check_results_hourly} and {@code check_results_daily} with
 * the same names, columns and values. The assertions that differ are guarded by {@link TestDatabase#hasTimescale()}.
 */
@SpringBootTest(properties = {"spring.config.name=" + AlertingApplication.CONFIG_NAMES, "server.port=0"})
@ContextConfiguration(initializers = dev.vigil.common.testing.SharedInfrastructure.class)
class StorageContractIT {

    private static final List<String> REGIONS = List.of("local-a", "local-b");

    @Autowired
    ResultWriter writer;
    @Autowired
    StorageMaintainer maintainer;
    @Autowired
    JdbcClient jdbc;

    @Test
    void resultsRollUpHourlyAndDailyPerMonitorAndRegion() {
        UUID[] ids = new TestMonitors(jdbc).http(REGIONS, 1, 5000, 60);
        UUID workspace = ids[0];
        UUID monitor = ids[1];
        Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2)).plus(Duration.ofHours(2));
        List<CheckResult> results = new ArrayList<>();
        List<Double> okLatenciesFirstHourA = new ArrayList<>();
        for (int minute = 0; minute < 180; minute++) {
            for (String region : REGIONS) {
                boolean ok = minute % 20 != 7;
                long latency = 100 + (minute * 7L) % 50 + (region.equals("local-b") ? 100 : 0);
                results.add(result(workspace, monitor, start.plus(Duration.ofMinutes(minute)), region, JobKind.SCHEDULED, ok,
                        ok ? latency : 10_000));
                if (ok && minute < 60 && region.equals("local-a")) {
                    okLatenciesFirstHourA.add((double) latency);
                }
            }
            if (minute % 20 == 7) {
                // a confirmation run is stored but never counted in the rollups
                results.add(result(workspace, monitor, start.plus(Duration.ofMinutes(minute)), "local-b", JobKind.CONFIRM, true,
                        120));
            }
        }
        assertThat(writer.write(results).stored()).isEqualTo(results.size());
        assertThat(writer.write(results).stored()).as("idempotent").isZero();

        maintainer.refreshRollups(start, start.plus(Duration.ofHours(3)));

        List<Map<String, Object>> hourly = jdbc.sql("""
                        SELECT bucket, region, checks, failures, p50_ms, p95_ms, p99_ms, avg_ms
                        FROM check_results_hourly WHERE monitor_id = ? ORDER BY bucket, region""")
                .param(monitor).query().listOfRows();
        assertThat(hourly).hasSize(6);
        Map<String, Object> firstA = hourly.getFirst();
        assertThat(((Timestamp) firstA.get("bucket")).toInstant()).isEqualTo(start);
        assertThat(firstA.get("region")).isEqualTo("local-a");
        assertThat(((Number) firstA.get("checks")).longValue()).isEqualTo(60);
        assertThat(((Number) firstA.get("failures")).longValue()).isEqualTo(3);
        assertThat(((Number) firstA.get("p50_ms")).doubleValue()).isCloseTo(percentile(okLatenciesFirstHourA, 0.5),
                within(0.001));
        assertThat(((Number) firstA.get("p95_ms")).doubleValue()).isCloseTo(percentile(okLatenciesFirstHourA, 0.95),
                within(0.001));
        assertThat(((Number) firstA.get("p99_ms")).doubleValue()).isLessThan(10_000);

        List<Map<String, Object>> daily = jdbc.sql("""
                        SELECT bucket, region, checks, failures FROM check_results_daily
                        WHERE monitor_id = ? ORDER BY region""")
                .param(monitor).query().listOfRows();
        assertThat(daily).hasSize(2);
        assertThat(((Timestamp) daily.getFirst().get("bucket")).toInstant())
                .isEqualTo(start.truncatedTo(ChronoUnit.DAYS));
        assertThat(daily).allSatisfy(row -> {
            assertThat(((Number) row.get("checks")).longValue()).isEqualTo(180);
            assertThat(((Number) row.get("failures")).longValue()).isEqualTo(9);
        });
    }

    @Test
    void storageIsSetUpForTheDatabaseAtHand() {
        if (TestDatabase.shared().hasTimescale()) {
            assertThat(jdbc.sql("SELECT count(*) FROM timescaledb_information.hypertables "
                    + "WHERE hypertable_name = 'check_results'").query(Integer.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT view_name FROM timescaledb_information.continuous_aggregates")
                    .query(String.class).list()).contains("check_results_hourly", "check_results_daily");
            assertThat(jdbc.sql("SELECT proc_name || ':' || hypertable_name FROM timescaledb_information.jobs")
                    .query(String.class).list())
                    .contains("policy_compression:check_results", "policy_retention:check_results");
            assertThat(jdbc.sql("SELECT count(*) FROM timescaledb_information.jobs WHERE proc_name = "
                    + "'policy_refresh_continuous_aggregate'").query(Integer.class).single()).isEqualTo(2);
        } else {
            assertThat(jdbc.sql("SELECT count(*) FROM pg_partitioned_table WHERE partrelid = 'check_results'::regclass")
                    .query(Integer.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT relkind::text FROM pg_class WHERE relname IN ('check_results_hourly', "
                    + "'check_results_daily')").query(String.class).list()).containsExactly("r", "r");
        }
    }

    @Test
    void rawResultsOlderThanTheRetentionAreDropped() {
        if (TestDatabase.shared().hasTimescale()) {
            return; // TimescaleDB's retention policy drops chunks in the background (its job is asserted above)
        }
        UUID[] ids = new TestMonitors(jdbc).http(REGIONS, 1, 5000, 60);
        UUID workspace = ids[0];
        UUID monitor = ids[1];
        Instant old = Instant.now().minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS);
        writer.write(List.of(result(workspace, monitor, old, "local-a", JobKind.SCHEDULED, true, 50),
                result(workspace, monitor, Instant.now().truncatedTo(ChronoUnit.SECONDS), "local-a", JobKind.SCHEDULED, true,
                        50)));

        maintainer.applyRetention();

        assertThat(jdbc.sql("SELECT count(*) FROM check_results WHERE monitor_id = ?").param(monitor)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(maintainer.rollUpRecent()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM check_results_hourly WHERE monitor_id = ?").param(monitor)
                .query(Integer.class).single()).isEqualTo(1);
    }

    /** PostgreSQL's percentile_cont: linear interpolation between the closest ranks. */
    private static double percentile(List<Double> values, double fraction) {
        List<Double> sorted = values.stream().sorted().toList();
        double rank = fraction * (sorted.size() - 1);
        int lower = (int) Math.floor(rank);
        int upper = (int) Math.ceil(rank);
        return sorted.get(lower) + (rank - lower) * (sorted.get(upper) - sorted.get(lower));
    }

    private static CheckResult result(UUID workspace, UUID monitor, Instant at, String region, JobKind kind, boolean ok,
                                      long latency) {
        UUID round = JobIds.round(monitor, at);
        return new CheckResult(JobIds.job(round, region, kind), round, monitor, workspace, region, kind, at,
                at.plusMillis(1), ok, false, latency, PhaseTimings.NONE, ok ? 200 : null,
                ok ? null : ErrorKind.TIMEOUT, ok ? null : "timed out", List.of(), List.of(), null, null, 1);
    }
}
