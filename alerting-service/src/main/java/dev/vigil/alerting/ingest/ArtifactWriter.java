package dev.vigil.alerting.ingest;

import dev.vigil.common.artifact.ScreenshotStore;
import dev.vigil.common.message.CheckArtifacts;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Stores a failed browser check's screenshot and HTML ({@link CheckArtifacts}) in {@code check_artifacts}, once per
 * job whatever the redeliveries, and only when the monitor exists in the workspace the message names: like results,
 * the queue is writable by every probe, so a forged message must never put a picture into another workspace.
 */
@Component
class ArtifactWriter {

    private static final Logger log = LoggerFactory.getLogger(ArtifactWriter.class);
    /** A PNG starts with these bytes; anything else is not stored as a screenshot (the api serves it as image/png). */
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static final String INSERT = """
            INSERT INTO check_artifacts (job_id, monitor_id, workspace_id, time, region, failed_step, screenshot_png,
                                         html, screenshot_key)
            SELECT ?, m.id, m.workspace_id, ?, ?, ?, ?, ?, ? FROM monitors m WHERE m.id = ? AND m.workspace_id = ?
            ON CONFLICT (job_id) DO NOTHING""";

    private final JdbcTemplate jdbc;
    private final ScreenshotStore store;

    /**
     * @param store where screenshots go when not in the row ({@code vigil.artifacts.store=s3}); null keeps them in
     *              PostgreSQL
     */
    ArtifactWriter(JdbcTemplate jdbc, ObjectProvider<ScreenshotStore> store) {
        this.jdbc = jdbc;
        this.store = store.getIfAvailable();
    }

    void write(CheckArtifacts artifacts) {
        byte[] png = png(artifacts.screenshotPng());
        String key = null;
        if (store != null && png != null) {
            // Into the object store only for a monitor of the workspace named, and once: a forged message must not
            // put a picture under another workspace's prefix, and a redelivery must not write it again.
            Boolean wanted = jdbc.queryForObject("""
                            SELECT EXISTS (SELECT 1 FROM monitors WHERE id = ? AND workspace_id = ?)
                               AND NOT EXISTS (SELECT 1 FROM check_artifacts WHERE job_id = ?)""", Boolean.class,
                    artifacts.monitorId(), artifacts.workspaceId(), artifacts.jobId());
            if (!Boolean.TRUE.equals(wanted)) {
                log.debug("check artifacts not stored (duplicate, or no such monitor in the workspace) job={}",
                        artifacts.jobId());
                return;
            }
            key = store.key(artifacts.workspaceId(), artifacts.monitorId(), artifacts.jobId());
            // A failure here fails the message, which comes back: the key is the same, so the retry replaces it.
            store.put(key, png);
            png = null;
        }
        String screenshotKey = key;
        byte[] inRow = png;
        String html = artifacts.html();
        if (html != null && html.length() > CheckArtifacts.MAX_HTML_CHARS) {
            html = html.substring(0, CheckArtifacts.MAX_HTML_CHARS);
        }
        String stored = html == null ? null : html.replace("\0", "");
        int rows = jdbc.update(INSERT, ps -> {
            ps.setObject(1, artifacts.jobId());
            ps.setTimestamp(2, Timestamp.from(artifacts.scheduledAt()));
            ps.setString(3, artifacts.region());
            if (artifacts.failedStep() == null) {
                ps.setNull(4, Types.INTEGER);
            } else {
                ps.setInt(4, artifacts.failedStep());
            }
            ps.setBytes(5, inRow);
            ps.setString(6, stored);
            ps.setString(7, screenshotKey);
            ps.setObject(8, artifacts.monitorId());
            ps.setObject(9, artifacts.workspaceId());
        });
        if (rows == 0) {
            log.debug("check artifacts not stored (duplicate, or no such monitor in the workspace) job={} monitor={}",
                    artifacts.jobId(), artifacts.monitorId());
        }
    }

    private static byte[] png(String base64) {
        if (base64 == null) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (bytes.length < PNG_SIGNATURE.length) {
            return null;
        }
        for (int i = 0; i < PNG_SIGNATURE.length; i++) {
            if (bytes[i] != PNG_SIGNATURE[i]) {
                return null;
            }
        }
        return bytes;
    }
}
