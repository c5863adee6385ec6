package dev.vigil.common.artifact;

import java.util.Optional;
import java.util.UUID;

/**
 * An object store for screenshots of failed browser checks, used when {@code vigil.artifacts.store} is not the
 * database. Keys name the workspace and monitor, so a store's listing shows whose picture each object is; every read
 * still goes through the row in {@code check_artifacts}, which the api finds only for the caller's workspace.
 */
public interface ScreenshotStore {

    /** The key a result's screenshot is kept under. */
    String key(UUID workspaceId, UUID monitorId, UUID jobId);

    /** Stores {@code png} under {@code key}, replacing what was there (a redelivered message stores the same). */
    void put(String key, byte[] png);

    /** The object under {@code key}; empty when there is none (expired, or deleted by hand). */
    Optional<byte[]> get(String key);

    /** Deletes the object under {@code key}; deleting one that is gone is no error. */
    void delete(String key);
}
