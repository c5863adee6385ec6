package dev.vigil.api.result;

import dev.vigil.common.artifact.ScreenshotStore;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One result in full — its assertion outcomes and, for multi-step checks, each step with its timing and the first
 * failing one — and a failed browser check's screenshot and HTML. The caller has already checked that the monitor
 * belongs to the workspace; every query also names the monitor, so a job id of another monitor finds nothing.
 */
@Component
public class ResultDetails {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final ResultQueries results;
    private final ScreenshotStore store;

    /** @param store the object store screenshots are kept in when not in their rows ({@code vigil.artifacts.*}) */
    ResultDetails(JdbcClient jdbc, ResultQueries results, ObjectProvider<ScreenshotStore> store) {
        this.jdbc = jdbc;
        this.results = results;
        this.store = store.getIfAvailable();
    }

    /**
     * A result with what the check reported beyond the list's fields.
     *
     * @param result      the result as the list shows it
     * @param assertions  each assertion's outcome
     * @param synthetic   the steps of an API_STEPS or BROWSER check: timings, the failing step, page metrics
     * @param screenshot  whether a screenshot is stored (GET .../screenshot)
     * @param html        whether the page's HTML is stored (GET .../html)
     */
    public record Detail(ResultView result, JsonNode assertions, JsonNode synthetic, boolean screenshot,
                         boolean html) {
    }

    public Optional<Detail> find(UUID monitorId, UUID jobId) {
        Optional<Instant> time = jdbc.sql("SELECT time FROM check_results WHERE monitor_id = ? AND job_id = ? LIMIT 1")
                .params(monitorId, jobId).query((rs, row) -> rs.getTimestamp(1).toInstant()).optional();
        if (time.isEmpty()) {
            return Optional.empty();
        }
        ResultView view = results.recent(monitorId, time.get(), time.get().plusNanos(1000), 50).stream()
                .filter(r -> r.jobId().equals(jobId)).findFirst().orElse(null);
        if (view == null) {
            return Optional.empty();
        }
        String details = jdbc.sql("SELECT details::text FROM check_results WHERE monitor_id = ? AND job_id = ? "
                        + "AND time = ?")
                .params(monitorId, jobId, Timestamp.from(time.get())).query(String.class).optional().orElse(null);
        JsonNode node = details == null ? null : JSON.readTree(details);
        Artifacts artifacts = artifacts(monitorId, jobId);
        return Optional.of(new Detail(view, node == null ? null : node.get("assertions"),
                node == null ? null : node.get("synthetic"), artifacts.screenshot, artifacts.html));
    }

    /**
     * The screenshot, from its row or, when the row holds a key, from the object store (a row written while the store
     * was configured; with none configured now, the picture cannot be read and is reported missing).
     */
    public Optional<byte[]> screenshot(UUID monitorId, UUID jobId) {
        Optional<Stored> stored = jdbc.sql("SELECT screenshot_png, screenshot_key FROM check_artifacts "
                        + "WHERE monitor_id = ? AND job_id = ? "
                        + "AND (screenshot_png IS NOT NULL OR screenshot_key IS NOT NULL)")
                .params(monitorId, jobId).query((rs, row) -> new Stored(rs.getBytes(1), rs.getString(2))).optional();
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        if (stored.get().png() != null) {
            return Optional.of(stored.get().png());
        }
        return store == null ? Optional.empty() : store.get(stored.get().key());
    }

    private record Stored(byte[] png, String key) {
    }

    /**
     * The run whose screenshot an incident of the monitor shows: the newest failed browser check with a screenshot
     * from shortly before the incident started (its first failing round) to its end, as the alert chose it.
     */
    public Optional<UUID> screenshotOfIncident(UUID monitorId, Instant startedAt, Instant resolvedAt) {
        return jdbc.sql("""
                        SELECT job_id FROM check_artifacts
                        WHERE monitor_id = ? AND time >= ? AND time <= ?
                          AND (screenshot_png IS NOT NULL OR screenshot_key IS NOT NULL)
                        ORDER BY time DESC LIMIT 1""")
                .params(monitorId, Timestamp.from(startedAt.minus(java.time.Duration.ofHours(1))),
                        Timestamp.from(resolvedAt == null ? Instant.now().plus(java.time.Duration.ofDays(1))
                                : resolvedAt))
                .query((rs, row) -> rs.getObject(1, UUID.class)).optional();
    }

    public Optional<String> html(UUID monitorId, UUID jobId) {
        return jdbc.sql("SELECT html FROM check_artifacts WHERE monitor_id = ? AND job_id = ? AND html IS NOT NULL")
                .params(monitorId, jobId).query(String.class).optional();
    }

    private Artifacts artifacts(UUID monitorId, UUID jobId) {
        return jdbc.sql("SELECT screenshot_png IS NOT NULL OR screenshot_key IS NOT NULL, html IS NOT NULL "
                        + "FROM check_artifacts "
                        + "WHERE monitor_id = ? AND job_id = ?")
                .params(monitorId, jobId).query((rs, row) -> new Artifacts(rs.getBoolean(1), rs.getBoolean(2)))
                .optional().orElse(new Artifacts(false, false));
    }

    private record Artifacts(boolean screenshot, boolean html) {
    }
}
