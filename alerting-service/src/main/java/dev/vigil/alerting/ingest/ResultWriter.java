package dev.vigil.alerting.ingest;

import dev.vigil.common.json.WireJson;
import dev.vigil.common.message.CheckResult;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a batch of results to {@code check_results} in one transaction, fast and idempotently:
 *
 * <ol>
 *   <li>{@code COPY} the batch into a session-local staging table (no index, no WAL: the cheapest way into
 *       PostgreSQL, one round trip for the whole batch);</li>
 *   <li>{@code INSERT ... SELECT ... ON CONFLICT DO NOTHING} into {@code check_results}: a result already stored
 *       (a redelivered message, a re-run job) has the same (job_id, time) and is skipped, also within the batch.
 *       Only results whose monitor exists and belongs to the workspace the result names are taken: the results queue
 *       is writable by every probe (and by anyone holding its credentials), so a forged message, or a stale one for a
 *       monitor deleted since, must never be stored, least of all under another workspace; those are counted as
 *       dropped;</li>
 *   <li>mark the batch's monitors due for evaluation ({@code monitor_states.next_evaluation_at}) in the same
 *       transaction, so a crash between storing and evaluating cannot lose an outage: any instance's evaluator picks
 *       the monitor up.</li>
 * </ol>
 */
@Component
public class ResultWriter {

    /** The columns a result is stored in, in the order the writer sends them. */
    public static final String COLUMNS = "time, job_id, round_id, monitor_id, workspace_id, region, kind, started_at, ok, "
            + "degraded, latency_ms, dns_ms, connect_ms, tls_ms, first_byte_ms, status_code, error, message, details, "
            + "tls_days_left, response_bytes, attempts";

    private static final String STAGE = "CREATE TEMP TABLE IF NOT EXISTS check_results_stage "
            + "(LIKE check_results INCLUDING DEFAULTS) ON COMMIT DELETE ROWS";
    private static final String COPY = "COPY check_results_stage (" + COLUMNS + ") FROM STDIN (FORMAT csv)";
    /** A staged result whose monitor exists in the workspace the result names. */
    private static final String KNOWN_MONITOR = "EXISTS (SELECT 1 FROM monitors m WHERE m.id = s.monitor_id "
            + "AND m.workspace_id = s.workspace_id)";
    private static final String MERGE = "INSERT INTO check_results (" + COLUMNS + ") SELECT " + COLUMNS
            + " FROM check_results_stage s WHERE " + KNOWN_MONITOR + " ON CONFLICT DO NOTHING";
    private static final String UNKNOWN = "SELECT s.monitor_id, s.workspace_id, s.region FROM check_results_stage s "
            + "WHERE NOT " + KNOWN_MONITOR;
    // Sorted, so two instances marking overlapping monitors lock their state rows in the same order (no deadlock).
    private static final String MARK_DUE = """
            INSERT INTO monitor_states (monitor_id, next_evaluation_at)
            SELECT m.id, now() FROM monitors m
            WHERE EXISTS (SELECT 1 FROM check_results_stage s WHERE s.monitor_id = m.id
                          AND s.workspace_id = m.workspace_id AND s.kind <> 'ON_DEMAND')
            ORDER BY m.id
            ON CONFLICT (monitor_id) DO UPDATE
                SET next_evaluation_at = LEAST(monitor_states.next_evaluation_at, EXCLUDED.next_evaluation_at)""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public ResultWriter(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Writes the batch in one transaction; answers how many were new and which were dropped. */
    public Written write(List<CheckResult> results) {
        if (results.isEmpty()) {
            return new Written(0, List.of());
        }
        String csv = toCsv(results);
        Written written = transactions.execute(status -> jdbc.execute((ConnectionCallback<Written>) connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(STAGE);
                copy(connection, csv);
                List<Dropped> dropped = new ArrayList<>();
                try (ResultSet unknown = statement.executeQuery(UNKNOWN)) {
                    while (unknown.next()) {
                        dropped.add(new Dropped(unknown.getObject(1, UUID.class), unknown.getObject(2, UUID.class),
                                unknown.getString(3)));
                    }
                }
                int count = statement.executeUpdate(MERGE);
                statement.executeUpdate(MARK_DUE);
                return new Written(count, dropped);
            }
        }));
        return written == null ? new Written(0, List.of()) : written;
    }

    /**
     * What a batch came to.
     *
     * @param stored  results that were new and stored
     * @param dropped results naming a monitor that does not exist in the workspace they name (forged or stale); the
     *                rest of the batch were duplicates
     */
    public record Written(int stored, List<Dropped> dropped) {
    }

    /** A dropped result: what it claimed to be. */
    public record Dropped(UUID monitorId, UUID workspaceId, String region) {
    }

    private static void copy(Connection connection, String csv) throws SQLException {
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(csv));
        } catch (IOException e) {
            throw new DataAccessResourceFailureException("COPY of results failed", e);
        }
    }

    static String toCsv(List<CheckResult> results) {
        StringBuilder csv = new StringBuilder(results.size() * 256);
        for (CheckResult r : results) {
            instant(csv, r.scheduledAt()).append(',');
            uuid(csv, r.jobId()).append(',');
            uuid(csv, r.roundId()).append(',');
            uuid(csv, r.monitorId()).append(',');
            uuid(csv, r.workspaceId()).append(',');
            text(csv, r.region()).append(',');
            text(csv, r.kind().name()).append(',');
            instant(csv, r.startedAt()).append(',');
            csv.append(r.ok() ? 't' : 'f').append(',');
            csv.append(r.degraded() ? 't' : 'f').append(',');
            csv.append(clampInt(r.latencyMs())).append(',');
            number(csv, r.timings().dnsMs()).append(',');
            number(csv, r.timings().connectMs()).append(',');
            number(csv, r.timings().tlsMs()).append(',');
            number(csv, r.timings().firstByteMs()).append(',');
            if (r.statusCode() != null) {
                csv.append(Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r.statusCode())));
            }
            csv.append(',');
            text(csv, r.error() == null ? null : r.error().name()).append(',');
            text(csv, r.message()).append(',');
            text(csv, details(r)).append(',');
            if (r.tlsDaysLeft() != null) {
                csv.append(r.tlsDaysLeft());
            }
            csv.append(',');
            if (r.responseBytes() != null) {
                csv.append(r.responseBytes());
            }
            csv.append(',');
            csv.append(Math.max(1, Math.min(r.attempts(), Short.MAX_VALUE))).append('\n');
        }
        return csv.toString();
    }

    /** Assertion outcomes, plugin perf data and a multi-step check's steps, when there are any. */
    private static String details(CheckResult r) {
        if (r.assertions().isEmpty() && r.perfData().isEmpty() && r.synthetic() == null) {
            return null;
        }
        if (r.synthetic() != null) {
            return WireJson.write(Map.of("assertions", r.assertions(), "perfData", r.perfData(), "synthetic",
                    r.synthetic()));
        }
        return WireJson.write(Map.of("assertions", r.assertions(), "perfData", r.perfData()));
    }

    private static StringBuilder instant(StringBuilder csv, Instant value) {
        return value == null ? csv : csv.append(value);
    }

    private static StringBuilder uuid(StringBuilder csv, UUID value) {
        return value == null ? csv : csv.append(value);
    }

    private static StringBuilder number(StringBuilder csv, Long value) {
        return value == null ? csv : csv.append(clampInt(value));
    }

    private static long clampInt(long value) {
        return Math.max(Integer.MIN_VALUE, Math.min(value, Integer.MAX_VALUE));
    }

    /**
     * A CSV field: null as an empty unquoted field (COPY's NULL in CSV), anything else quoted with quotes doubled.
     * NUL characters, which PostgreSQL text cannot hold, are dropped rather than failing the batch.
     */
    private static StringBuilder text(StringBuilder csv, String value) {
        if (value == null) {
            return csv;
        }
        csv.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                csv.append("\"\"");
            } else if (c != '\0') {
                csv.append(c);
            }
        }
        return csv.append('"');
    }
}
