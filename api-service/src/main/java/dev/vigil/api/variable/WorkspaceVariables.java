package dev.vigil.api.variable;

import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.ForbiddenException;
import dev.vigil.api.web.NotFoundException;
import dev.vigil.common.crypto.SealedColumns;
import dev.vigil.common.crypto.SecretBox;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A workspace's variables: values sealed (bound to the workspace and name, so a sealed value copied to another row
 * does not open), names listed, values never returned nor logged nor put in the audit log.
 */
@Service
public class WorkspaceVariables {

    static final int MAX_PER_WORKSPACE = 100;
    static final int MAX_VALUE_LENGTH = 4096;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private final JdbcClient jdbc;
    private final SecretBox box;
    private final AuditLog audit;

    WorkspaceVariables(JdbcClient jdbc, SecretBox box, AuditLog audit) {
        this.jdbc = jdbc;
        this.box = box;
        this.audit = audit;
    }

    /** A variable as the API lists it: its name and when it was set, never its value. */
    public record VariableView(String name, Instant createdAt, Instant updatedAt) {
    }

    @Transactional(readOnly = true)
    public List<VariableView> list(ApiPrincipal caller) {
        return jdbc.sql("SELECT name, created_at, updated_at FROM workspace_variables WHERE workspace_id = ? "
                        + "ORDER BY name")
                .param(caller.workspaceId())
                .query((rs, row) -> new VariableView(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3).toInstant()))
                .list();
    }

    /** Sets (creates or replaces) a variable; answers whether it was new. */
    @Transactional
    public boolean set(ApiPrincipal caller, String name, String value) {
        requireWriter(caller);
        FieldProblems problems = new FieldProblems();
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add("name", "name must be letters, digits and _ (not starting with a digit), at most 64");
        }
        if (value == null) {
            problems.add("value", "value is required");
        } else {
            problems.multiLine("value", value, MAX_VALUE_LENGTH);
        }
        problems.throwIfAny();
        UUID workspace = caller.workspaceId();
        // The workspace row is locked so two concurrent sets cannot both pass the count.
        jdbc.sql("SELECT id FROM workspaces WHERE id = ? FOR UPDATE").param(workspace).query(UUID.class).single();
        boolean exists = jdbc.sql("SELECT count(*) FROM workspace_variables WHERE workspace_id = ? AND name = ?")
                .params(workspace, name).query(Integer.class).single() > 0;
        if (!exists) {
            int count = jdbc.sql("SELECT count(*) FROM workspace_variables WHERE workspace_id = ?")
                    .param(workspace).query(Integer.class).single();
            if (count >= MAX_PER_WORKSPACE) {
                FieldProblems full = new FieldProblems();
                full.add("name", "a workspace may have at most " + MAX_PER_WORKSPACE + " variables");
                full.throwIfAny();
            }
        }
        String sealed = box.seal(value, SealedColumns.workspaceVariable(workspace, name));
        jdbc.sql("""
                        INSERT INTO workspace_variables (workspace_id, name, value_sealed) VALUES (?, ?, ?)
                        ON CONFLICT (workspace_id, name)
                        DO UPDATE SET value_sealed = EXCLUDED.value_sealed, updated_at = now()""")
                .params(workspace, name, sealed).update();
        audit.record(workspace, Actor.of(caller), exists ? "variable.updated" : "variable.created",
                "WORKSPACE_VARIABLE", null, Map.of("name", name));
        return !exists;
    }

    @Transactional
    public void delete(ApiPrincipal caller, String name) {
        requireWriter(caller);
        int rows = jdbc.sql("DELETE FROM workspace_variables WHERE workspace_id = ? AND name = ?")
                .params(caller.workspaceId(), name).update();
        if (rows == 0) {
            throw new NotFoundException("variable");
        }
        audit.record(caller.workspaceId(), Actor.of(caller), "variable.deleted", "WORKSPACE_VARIABLE", null,
                Map.of("name", name));
    }

    private static void requireWriter(ApiPrincipal caller) {
        if (!caller.canWrite()) {
            throw new ForbiddenException("viewers cannot change workspace variables");
        }
    }
}
