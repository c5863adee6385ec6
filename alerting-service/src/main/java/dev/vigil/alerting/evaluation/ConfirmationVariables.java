package dev.vigil.alerting.evaluation;

import dev.vigil.common.check.MonitorType;
import dev.vigil.common.json.WireJson;
import dev.vigil.common.message.CheckJob;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gives CONFIRM jobs of multi-step checks the sealed workspace variables their steps name, as the scheduler gives the
 * scheduled jobs (scheduler {@code MonitorCatalog}): without them the confirming region could not fill
 * {@code {{vars.X}}}, its check would fail on the missing variable, and that failure would confirm an outage the
 * target never had. The values stay sealed: only probes open them.
 */
@Component
class ConfirmationVariables {

    /** The types whose checks may name workspace variables (steps; WebSocket headers; database credentials). */
    private static final Set<MonitorType> NAMING_VARIABLES = EnumSet.of(MonitorType.API_STEPS,
            MonitorType.WEBSOCKET, MonitorType.DATABASE);

    private final JdbcClient jdbc;

    ConfirmationVariables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The jobs, those of checks naming workspace variables with the variables attached. */
    List<CheckJob> attach(List<CheckJob> jobs) {
        String[] monitors = jobs.stream().filter(job -> job.check() != null
                        && NAMING_VARIABLES.contains(job.check().type()))
                .map(job -> job.monitorId().toString()).distinct().toArray(String[]::new);
        if (monitors.length == 0) {
            return jobs;
        }
        Map<UUID, Map<String, String>> sealed = new HashMap<>();
        jdbc.sql("""
                        SELECT m.id,
                               (SELECT jsonb_object_agg(v.name, v.value_sealed)::text FROM workspace_variables v
                                WHERE v.workspace_id = m.workspace_id
                                  AND m.check_spec::text ~ ('\\{\\{\\s*vars\\.' || v.name || '\\s*\\}\\}')) AS variables
                        FROM monitors m WHERE m.id = ANY(CAST(? AS uuid[]))
                          AND m.type IN ('API_STEPS', 'WEBSOCKET', 'DATABASE')""")
                .param(monitors)
                .query(rs -> {
                    String json = rs.getString("variables");
                    if (json != null) {
                        sealed.put(rs.getObject("id", UUID.class), variables(json));
                    }
                });
        return jobs.stream().map(job -> sealed.containsKey(job.monitorId())
                ? job.withVariables(sealed.get(job.monitorId())) : job).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> variables(String json) {
        return (Map<String, String>) WireJson.read(json, Map.class);
    }
}
