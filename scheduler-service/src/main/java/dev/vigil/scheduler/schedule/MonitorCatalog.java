package dev.vigil.scheduler.schedule;

import dev.vigil.common.check.CheckSpec;
import dev.vigil.common.json.WireJson;
import dev.vigil.scheduler.round.ScheduledMonitor;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the monitors that are scheduled: probed types, not paused. */
@Component
public class MonitorCatalog {

    private static final String VARIABLES = """
            CASE WHEN type IN ('API_STEPS', 'WEBSOCKET', 'DATABASE') THEN
                (SELECT jsonb_object_agg(v.name, v.value_sealed)::text FROM workspace_variables v
                 WHERE v.workspace_id = monitors.workspace_id
                   AND monitors.check_spec::text ~ ('\\{\\{\\s*vars\\.' || v.name || '\\s*\\}\\}'))
            END""";
    private static final String WHERE_SCHEDULABLE = " WHERE NOT paused AND type <> 'HEARTBEAT'";
    private static final String SCHEDULABLE = """
            SELECT id, workspace_id, check_spec::text AS check_spec, interval_seconds, timeout_ms,
                   degraded_above_ms, regions, confirmations,
            """ + VARIABLES + " AS variables FROM monitors" + WHERE_SCHEDULABLE;
    /**
     * A 64-bit hash of everything {@link #monitor} reads: equal fingerprints, equal {@link ScheduledMonitor}s (but for
     * a collision, which the monitor's next change or notification mends).
     */
    private static final String FINGERPRINTS = """
            SELECT id, hashtextextended(concat_ws('|', workspace_id, check_spec::text, interval_seconds, timeout_ms,
                                                  coalesce(degraded_above_ms, -1), regions::text, confirmations,
                                                  coalesce(""" + VARIABLES + """
            , '')), 0) AS fingerprint
            FROM monitors""" + WHERE_SCHEDULABLE;

    private final JdbcClient jdbc;

    public MonitorCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<ScheduledMonitor> loadAll() {
        return jdbc.sql(SCHEDULABLE).query(MonitorCatalog::monitor).list();
    }

    /**
     * Each schedulable monitor's fingerprint: what a resync reads of all of them. Reading and parsing every monitor
     * each minute (100,000 check specs) made 100+ MB of objects that lived past young collections, and the stack's
     * pages waited out 100-500 ms pauses every minute (bench/README.md); this is two numbers a monitor.
     */
    public Map<UUID, Long> fingerprints() {
        Map<UUID, Long> fingerprints = new HashMap<>();
        jdbc.sql(FINGERPRINTS).query(rs -> {
            fingerprints.put(rs.getObject("id", UUID.class), rs.getLong("fingerprint"));
        });
        return fingerprints;
    }

    /** Those of {@code ids} that exist and are schedulable now. */
    public List<ScheduledMonitor> load(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SCHEDULABLE + " AND id = ANY(:ids)").param("ids", ids.toArray(UUID[]::new))
                .query(MonitorCatalog::monitor).list();
    }

    /** The monitor if it exists and is schedulable now; empty when deleted, paused or not probed. */
    public Optional<ScheduledMonitor> load(UUID id) {
        return jdbc.sql(SCHEDULABLE + " AND id = :id").param("id", id).query(MonitorCatalog::monitor).optional();
    }

    private static ScheduledMonitor monitor(ResultSet rs, int row) throws SQLException {
        Array regions = rs.getArray("regions");
        return new ScheduledMonitor(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
                WireJson.read(rs.getString("check_spec"), CheckSpec.class), rs.getInt("interval_seconds"),
                rs.getInt("timeout_ms"), rs.getObject("degraded_above_ms", Integer.class),
                List.of((String[]) regions.getArray()), rs.getInt("confirmations"), variables(rs.getString("variables")));
    }

    /** The sealed workspace variables an API_STEPS, WEBSOCKET or DATABASE check names, as stored: the scheduler never opens them. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> variables(String json) {
        return json == null ? Map.of() : (Map<String, String>) WireJson.read(json, Map.class);
    }
}
