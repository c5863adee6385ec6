package dev.vigil.api.apply;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code managed_objects} rows: which objects of a workspace a document manages, under which key. Every query
 * names the workspace; the table names come from {@link ObjectKind}, never from input.
 */
@Component
class ManagedKeys {

    private final JdbcTemplate jdbc;

    ManagedKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Forgets keys whose object was deleted through the rest of the API since the last apply. */
    void forgetDeleted(UUID workspaceId) {
        for (ObjectKind kind : ObjectKind.values()) {
            jdbc.update("DELETE FROM managed_objects m WHERE m.workspace_id = ? AND m.kind = ? AND NOT EXISTS "
                    + "(SELECT 1 FROM " + kind.table + " o WHERE o.id = m.object_id)", workspaceId, kind.name());
        }
    }

    /** Key → object id of the managed objects of one kind. */
    Map<String, UUID> managed(UUID workspaceId, ObjectKind kind) {
        Map<String, UUID> keys = new LinkedHashMap<>();
        jdbc.query("SELECT key, object_id FROM managed_objects WHERE workspace_id = ? AND kind = ? ORDER BY key",
                rs -> {
                    keys.put(rs.getString(1), rs.getObject(2, UUID.class));
                }, workspaceId, kind.name());
        return keys;
    }

    /** The ids of every object of one kind in the workspace, managed or not. */
    Set<UUID> existing(UUID workspaceId, ObjectKind kind) {
        return new HashSet<>(jdbc.queryForList("SELECT id FROM " + kind.table + " WHERE workspace_id = ?",
                UUID.class, workspaceId));
    }

    /** Records (or moves) keys. */
    void put(UUID workspaceId, ObjectKind kind, Map<String, UUID> keys) {
        List<Object[]> rows = new ArrayList<>();
        keys.forEach((key, id) -> rows.add(new Object[]{workspaceId, kind.name(), key, id}));
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO managed_objects (workspace_id, kind, key, object_id) VALUES (?, ?, ?, ?)
                    ON CONFLICT (workspace_id, kind, key) DO UPDATE SET object_id = EXCLUDED.object_id""", rows);
        }
    }

    void remove(UUID workspaceId, ObjectKind kind, Collection<String> keys) {
        if (!keys.isEmpty()) {
            jdbc.batchUpdate("DELETE FROM managed_objects WHERE workspace_id = ? AND kind = ? AND key = ?",
                    keys.stream().map(k -> new Object[]{workspaceId, kind.name(), k}).toList());
        }
    }
}
