package dev.vigil.api.audit;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
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

    AuditLog(JdbcClient jdbc, JsonMapper json, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
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
}
