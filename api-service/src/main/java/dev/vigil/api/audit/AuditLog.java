package dev.vigil.api.audit;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records changes to a workspace's monitors, channels, keys and members. An entry is written in the transaction of
 * the change it describes, so there is never a change without its entry or an entry for a change that rolled back.
 * Summaries name what changed and never carry secrets: callers pass key prefixes, not keys, and mark header values
 * and bodies as changed without their content (see {@link #REDACTED}).
 */
@Component
public class AuditLog {

    /** Stands in for a value that may be a secret (a header value, a request body, a channel's config). */
    public static final String REDACTED = "(redacted)";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Clock clock;
    private final JdbcTemplate batch;

    AuditLog(JdbcClient jdbc, JdbcTemplate batch, JsonMapper json, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * Appends an entry; must run inside the transaction of the change.
     *
     * @param action       what happened, {@code <resource>.<past-tense verb>}, e.g. {@code monitor.updated}
     * @param resourceType e.g. {@code MONITOR}, {@code API_KEY}, {@code MEMBER}, {@code ALERT_CHANNEL}
     * @param summary      what changed, e.g. {@code {"changes":{"name":{"from":"a","to":"b"}}}}; no secrets
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(UUID workspaceId, Actor actor, String action, String resourceType, UUID resourceId,
                       Map<String, ?> summary) {
        jdbc.sql("""
                        INSERT INTO audit_events (id, workspace_id, occurred_at, actor_user_id, actor_key_id,
                                                  actor_label, action, resource_type, resource_id, summary)
                        VALUES (:id, :workspace, :at, :user, :key, :label, :action, :type, :resource,
                                :summary::jsonb)""")
                .param("id", UUID.randomUUID())
                .param("workspace", workspaceId)
                .param("at", java.sql.Timestamp.from(clock.instant()))
                .param("user", actor.userId())
                .param("key", actor.apiKeyId())
                .param("label", actor.label())
                .param("action", action)
                .param("type", resourceType)
                .param("resource", resourceId)
                .param("summary", json.writeValueAsString(summary == null ? Map.of() : summary))
                .update();
        meters.counter("vigil.api.changes", "action", action).increment();
    }

    /** One entry of {@link #recordAll}. */
    public record Entry(String action, String resourceType, UUID resourceId, Map<String, ?> summary) {
    }

    /**
     * Appends many entries by one actor in one JDBC batch (a declarative apply of thousands of monitors would
     * otherwise spend most of its time on round trips); must run inside the transaction of the changes.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(UUID workspaceId, Actor actor, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        java.sql.Timestamp at = java.sql.Timestamp.from(clock.instant());
        List<Object[]> rows = entries.stream().map(e -> new Object[]{UUID.randomUUID(), workspaceId, at,
                actor.userId(), actor.apiKeyId(), actor.label(), e.action(), e.resourceType(), e.resourceId(),
                json.writeValueAsString(e.summary() == null ? Map.of() : e.summary())}).toList();
        batch.batchUpdate("""
                INSERT INTO audit_events (id, workspace_id, occurred_at, actor_user_id, actor_key_id, actor_label,
                                          action, resource_type, resource_id, summary)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""", rows);
        entries.stream().collect(java.util.stream.Collectors.groupingBy(Entry::action,
                        java.util.stream.Collectors.counting()))
                .forEach((action, n) -> meters.counter("vigil.api.changes", "action", action).increment(n));
    }
}
