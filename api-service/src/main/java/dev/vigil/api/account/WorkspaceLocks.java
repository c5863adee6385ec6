package dev.vigil.api.account;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Serialises changes that check a count of a workspace before writing: "is this the last owner?", "is the monitor
 * quota full?". Without the lock two requests can both read "two owners" and each demote one, leaving none; or both
 * read "999 of 1000 monitors" and both insert. Locking the workspace row makes the check and the write one step for
 * everyone touching the same workspace, and costs nothing to other workspaces.
 */
@Component
public class WorkspaceLocks {

    private final JdbcClient jdbc;

    WorkspaceLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the workspace row until the surrounding transaction ends. {@code FOR NO KEY UPDATE}: holders exclude each
     * other as with {@code FOR UPDATE}, but rows that merely reference the workspace (their foreign key takes
     * {@code FOR KEY SHARE}) may be inserted meanwhile. That lets a transaction insert first and lock last (a monitor
     * create checks its quota at the end) without a deadlock against one that locked first and waits for those
     * inserts to finish: with {@code FOR UPDATE} that one would wait on the inserter's key-share lock while the
     * inserter waited on it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lock(UUID workspaceId) {
        jdbc.sql("SELECT id FROM workspaces WHERE id = ? FOR NO KEY UPDATE").param(workspaceId).query(UUID.class)
                .optional();
    }
}
