package dev.vigil.api.channel;

import dev.vigil.common.channel.ChannelType;
import dev.vigil.api.web.ConflictException;
import dev.vigil.common.crypto.SealedColumns;
import dev.vigil.common.crypto.SecretBox;
import dev.vigil.common.json.WireJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

/**
 * The {@code alert_channels} rows of a workspace. Every query names the workspace, so another workspace's channel is
 * simply not found. The configuration is sealed on the way in; only {@link #config} opens it (to keep secrets on PUT).
 */
@Component
class ChannelStore {

    private static final String COLUMNS =
            "id, name, type, config_view::text AS view, is_default, healthy, created_at, updated_at";
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final SecretBox box;

    ChannelStore(JdbcClient jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
    }

    long count(UUID workspaceId) {
        return jdbc.sql("SELECT count(*) FROM alert_channels WHERE workspace_id = ?").param(workspaceId)
                .query(Long.class).single();
    }

    void insert(UUID id, UUID workspaceId, String name, ChannelType type, Map<String, String> config,
                boolean isDefault, Instant now) {
        jdbc.sql("""
                        INSERT INTO alert_channels (id, workspace_id, name, type, config_sealed, config_view,
                                                    is_default, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""")
                .params(id, workspaceId, name, type.name(), seal(id, config),
                        WireJson.write(ChannelConfigRules.redact(type, config)), isDefault, Timestamp.from(now),
                        Timestamp.from(now))
                .update();
    }

    void update(UUID id, UUID workspaceId, String name, ChannelType type, Map<String, String> config,
                boolean isDefault, Instant now) {
        jdbc.sql("""
                        UPDATE alert_channels SET name = ?, type = ?, config_sealed = ?, config_view = ?::jsonb,
                               is_default = ?, updated_at = ?
                        WHERE id = ? AND workspace_id = ?""")
                .params(name, type.name(), seal(id, config),
                        WireJson.write(ChannelConfigRules.redact(type, config)), isDefault, Timestamp.from(now), id,
                        workspaceId)
                .update();
    }

    boolean delete(UUID id, UUID workspaceId) {
        return jdbc.sql("DELETE FROM alert_channels WHERE id = ? AND workspace_id = ?").params(id, workspaceId)
                .update() > 0;
    }

    /** Locks the row, so concurrent edits of one channel apply one after the other. */
    Optional<ChannelView> find(UUID id, UUID workspaceId, boolean lock) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_channels WHERE id = ? AND workspace_id = ?"
                        + (lock ? " FOR UPDATE" : ""))
                .params(id, workspaceId).query(ChannelStore::view).optional();
    }

    List<ChannelView> list(UUID workspaceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_channels WHERE workspace_id = ? ORDER BY created_at, id")
                .param(workspaceId).query(ChannelStore::view).list();
    }

    /**
     * The stored configuration in clear; empty for a channel that has none (rows written before issue 7). Never
     * shown: it keeps secrets on a replace that does not give them again.
     */
    Map<String, String> config(UUID id, UUID workspaceId) {
        return jdbc.sql("SELECT config_sealed FROM alert_channels WHERE id = ? AND workspace_id = ?")
                .params(id, workspaceId).query(String.class).list().stream()
                .filter(java.util.Objects::nonNull).findFirst()
                .map(sealed -> WireJson.mapper().readValue(open(id, sealed), STRINGS))
                .orElseGet(LinkedHashMap::new);
    }

    /** A SLACK channel's workspace and configuration in clear, by id alone (for Slack's signed requests). */
    Optional<Map.Entry<UUID, Map<String, String>>> slack(UUID id) {
        return jdbc.sql("SELECT workspace_id, config_sealed FROM alert_channels WHERE id = ? AND type = 'SLACK'")
                .param(id).query((rs, row) -> Map.entry(rs.getObject("workspace_id", UUID.class),
                        rs.getString("config_sealed")))
                .optional().filter(row -> row.getValue() != null)
                .map(row -> Map.entry(row.getKey(), WireJson.mapper().readValue(open(id, row.getValue()), STRINGS)));
    }

    /** Sealed with the current key, bound to this channel's row: a copy in another row does not open. */
    private String seal(UUID id, Map<String, String> config) {
        return box.seal(WireJson.write(config), SealedColumns.alertChannelConfig(id));
    }

    private String open(UUID id, String sealed) {
        try {
            return box.open(sealed, SealedColumns.alertChannelConfig(id));
        } catch (IllegalArgumentException e) {
            // Copied from another row, tampered with, or sealed with a key this service no longer holds.
            throw new ConflictException("Channel configuration unreadable", "The stored configuration of this "
                    + "channel cannot be opened; give the whole config again.");
        }
    }

    private static ChannelView view(ResultSet rs, int row) throws SQLException {
        return new ChannelView(rs.getObject("id", UUID.class).toString(), rs.getString("name"), rs.getString("type"),
                WireJson.mapper().readValue(rs.getString("view"), STRINGS), rs.getBoolean("is_default"),
                rs.getBoolean("healthy"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
