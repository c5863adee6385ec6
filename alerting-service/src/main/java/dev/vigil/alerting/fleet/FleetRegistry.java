package dev.vigil.alerting.fleet;

import dev.vigil.common.message.ProbeHeartbeat;
import dev.vigil.common.message.ProbeHeartbeat.OfferedPlugin;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Stores the latest heartbeat of each probe instance and the plugins it offers. */
@Component
class FleetRegistry {

    /** Plugin rows an instance may have: a heartbeat offering more is cut here. */
    static final int MAX_PLUGINS = 500;

    private final JdbcClient jdbc;

    FleetRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a heartbeat received at {@code now}; answers false when a newer one was already recorded.
     *
     * <ol>
     *   <li>Upsert the instance, but only over an older heartbeat: the {@code WHERE} on the conflict update is a
     *       compare-and-set on {@code last_seen_at}, so a delayed or redelivered heartbeat (SQS standard queues
     *       reorder) cannot bring back a stale state, e.g. un-stop a stopped instance.</li>
     *   <li>When the plugin set differs from the stored one (by fingerprint), replace the instance's plugin rows.</li>
     * </ol>
     */
    @Transactional
    public boolean record(ProbeHeartbeat beat, Instant now, int missedHeartbeats) {
        Instant expires = beat.stopping() ? now
                : now.plus(Duration.ofSeconds((long) Math.max(beat.intervalSeconds(), 1) * missedHeartbeats));
        List<OfferedPlugin> plugins = beat.plugins().stream().limit(MAX_PLUGINS).toList();
        String hash = fingerprint(plugins);
        List<String> previousHash = jdbc.sql("""
                        INSERT INTO probe_instances (instance_id, region, version, started_at, last_seen_at, expires_at,
                                                     stopping, monitor_types, in_flight, max_in_flight, plugins_hash)
                        VALUES (:id, :region, :version, :started, :seen, :expires, :stopping, :types, :inFlight,
                                :maxInFlight, :hash)
                        ON CONFLICT (instance_id) DO UPDATE SET
                            region = EXCLUDED.region, version = EXCLUDED.version, started_at = EXCLUDED.started_at,
                            last_seen_at = EXCLUDED.last_seen_at, expires_at = EXCLUDED.expires_at,
                            stopping = EXCLUDED.stopping, monitor_types = EXCLUDED.monitor_types,
                            in_flight = EXCLUDED.in_flight, max_in_flight = EXCLUDED.max_in_flight,
                            plugins_hash = EXCLUDED.plugins_hash
                        WHERE probe_instances.last_seen_at <= EXCLUDED.last_seen_at
                        RETURNING (SELECT p.plugins_hash FROM probe_instances p WHERE p.instance_id = :id)""")
                .param("id", beat.instanceId())
                .param("region", beat.region())
                .param("version", beat.version())
                .param("started", Timestamp.from(beat.startedAt() == null ? beat.sentAt() : beat.startedAt()))
                .param("seen", Timestamp.from(beat.sentAt()))
                .param("expires", Timestamp.from(expires))
                .param("stopping", beat.stopping())
                .param("types", beat.monitorTypes().stream().map(Enum::name).toArray(String[]::new))
                .param("inFlight", beat.inFlight())
                .param("maxInFlight", beat.maxInFlight())
                .param("hash", hash)
                .query(String.class).list();
        if (previousHash.isEmpty()) {
            return false;
        }
        // The sub-select sees the row as it was before this statement: null for a new instance.
        if (!hash.equals(previousHash.getFirst())) {
            jdbc.sql("DELETE FROM probe_plugins WHERE instance_id = :id").param("id", beat.instanceId()).update();
            for (OfferedPlugin plugin : plugins) {
                jdbc.sql("""
                                INSERT INTO probe_plugins (instance_id, name, kind, description)
                                VALUES (:id, :name, :kind, :description) ON CONFLICT DO NOTHING""")
                        .param("id", beat.instanceId())
                        .param("name", plugin.name())
                        .param("kind", plugin.kind().name())
                        .param("description", plugin.description())
                        .update();
            }
        }
        return true;
    }

    /** Deletes instances gone since before {@code cutoff}; answers how many. */
    public int forgetGoneBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM probe_instances WHERE expires_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff)).update();
    }

    private static String fingerprint(List<OfferedPlugin> plugins) {
        Map<String, String> sorted = new TreeMap<>();
        for (OfferedPlugin plugin : plugins) {
            sorted.put(plugin.name(), plugin.kind() + "|" + plugin.description());
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(sorted.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
