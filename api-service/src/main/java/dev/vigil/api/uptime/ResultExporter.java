package dev.vigil.api.uptime;

import dev.vigil.common.json.WireJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Streams a monitor's raw results as CSV or JSON, oldest first, without holding them in memory: the query runs in a
 * read-only transaction with a fetch size (PostgreSQL then reads through a cursor), and each row is written out as it
 * comes.
 */
@Component
public class ResultExporter {

    static final String[] COLUMNS = {"jobId", "time", "region", "kind", "ok", "degraded", "latencyMs", "statusCode",
            "errorKind", "error", "dnsMs", "connectMs", "tlsMs", "firstByteMs"};
    private static final int FETCH_SIZE = 1000;
    private static final String QUERY = """
            SELECT job_id, time, region, kind, ok, degraded, latency_ms, status_code, error, message, dns_ms,
                   connect_ms, tls_ms, first_byte_ms
            FROM check_results WHERE monitor_id = ? AND time >= ? AND time < ?
            ORDER BY time, region, kind""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    ResultExporter(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public void csv(UUID monitorId, Instant from, Instant to, OutputStream out) {
        Writer writer = writer(out);
        write(writer, String.join(",", COLUMNS) + "\n");
        each(monitorId, from, to, row -> {
            StringBuilder line = new StringBuilder(160);
            for (int i = 0; i < COLUMNS.length; i++) {
                if (i > 0) {
                    line.append(',');
                }
                line.append(CsvCell.of(row.get(COLUMNS[i])));
            }
            write(writer, line.append('\n').toString());
        });
        flush(writer);
    }

    public void json(UUID monitorId, Instant from, Instant to, OutputStream out) {
        Writer writer = writer(out);
        write(writer, "{\"monitorId\":\"" + monitorId + "\",\"from\":\"" + from + "\",\"to\":\"" + to
                + "\",\"items\":[");
        boolean[] first = {true};
        each(monitorId, from, to, row -> {
            write(writer, (first[0] ? "\n" : ",\n") + WireJson.write(row));
            first[0] = false;
        });
        write(writer, "\n]}\n");
        flush(writer);
    }

    private void each(UUID monitorId, Instant from, Instant to, java.util.function.Consumer<Map<String, Object>> sink) {
        readOnly.executeWithoutResult(status -> jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(QUERY);
            statement.setFetchSize(FETCH_SIZE);
            statement.setObject(1, monitorId);
            statement.setTimestamp(2, Timestamp.from(from));
            statement.setTimestamp(3, Timestamp.from(to));
            return statement;
        }, (ResultSet rs) -> sink.accept(row(rs))));
    }

    private static Map<String, Object> row(ResultSet rs) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("jobId", rs.getObject("job_id", UUID.class).toString());
        row.put("time", rs.getTimestamp("time").toInstant().toString());
        row.put("region", rs.getString("region"));
        row.put("kind", rs.getString("kind"));
        row.put("ok", rs.getBoolean("ok"));
        row.put("degraded", rs.getBoolean("degraded"));
        row.put("latencyMs", rs.getLong("latency_ms"));
        row.put("statusCode", rs.getObject("status_code", Integer.class));
        row.put("errorKind", rs.getString("error"));
        row.put("error", rs.getString("message"));
        row.put("dnsMs", rs.getObject("dns_ms", Integer.class));
        row.put("connectMs", rs.getObject("connect_ms", Integer.class));
        row.put("tlsMs", rs.getObject("tls_ms", Integer.class));
        row.put("firstByteMs", rs.getObject("first_byte_ms", Integer.class));
        return row;
    }

    private static Writer writer(OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    }

    private static void write(Writer writer, String text) {
        try {
            writer.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void flush(Writer writer) {
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
