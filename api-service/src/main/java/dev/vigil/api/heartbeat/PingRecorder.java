package dev.vigil.api.heartbeat;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stores a ping of a heartbeat monitor, found by its token, in one statement. The alerting service evaluates it (a
 * trigger marks the monitor due): a FAIL opens an incident, a BEAT resolves one, a START begins a run whose length
 * is measured (the BEAT or FAIL ending it carries the duration) and limited by the monitor's {@code maxRunSeconds}.
 */
@Component
class PingRecorder {

    /** Tokens are URL-safe random strings; anything else cannot be one, and is not looked up. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{8,128}");
    /** The body kept as the ping's log: at most 10 KB (UTF-8), cut at a character boundary. */
    static final int MAX_BODY_BYTES = 10_240;
    private static final int MAX_USER_AGENT = 300;

    enum Kind {
        BEAT, FAIL, START
    }

    /** What a ping says: its kind, the job's exit code if it gave one. */
    record Signal(Kind kind, Integer exitCode) {

        static Signal of(Kind kind) {
            return new Signal(kind, null);
        }

        /** Exit code 0 is success, anything else (1-255) a failure. */
        static Signal exitCode(int code) {
            return new Signal(code == 0 ? Kind.BEAT : Kind.FAIL, code);
        }
    }

    private final JdbcClient jdbc;

    PingRecorder(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * False when no heartbeat monitor has this token. The duration of a BEAT or FAIL is measured from the latest START
     * that no BEAT or FAIL has ended yet (none: no duration), by the database's clock like {@code received_at}.
     *
     * @param body the request body's first bytes, up to {@link #MAX_BODY_BYTES} + 1 (more means it was cut)
     */
    boolean record(String token, Signal signal, byte[] body, String sourceIp, String userAgent) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return false;
        }
        boolean truncated = body != null && body.length > MAX_BODY_BYTES;
        return jdbc.sql("""
                        WITH m AS (SELECT id FROM monitors WHERE ping_token = ? AND type = 'HEARTBEAT'),
                             started AS (
                                 SELECT s.id, s.received_at FROM heartbeat_pings s JOIN m ON s.monitor_id = m.id
                                 WHERE s.kind = 'START' ORDER BY s.id DESC LIMIT 1)
                        INSERT INTO heartbeat_pings (monitor_id, kind, exit_code, duration_ms, source_ip, user_agent,
                                                     body, body_truncated)
                        SELECT m.id, ?, ?,
                               CASE WHEN ? <> 'START' THEN (
                                   SELECT greatest(0, (extract(epoch FROM now() - st.received_at) * 1000)::bigint)
                                   FROM started st
                                   WHERE NOT EXISTS (SELECT 1 FROM heartbeat_pings e
                                                     WHERE e.monitor_id = m.id AND e.id > st.id
                                                       AND e.kind <> 'START')) END,
                               ?, ?, ?, ?
                        FROM m""")
                .params(token, signal.kind().name(), signal.exitCode(), signal.kind().name(), sourceIp,
                        truncate(userAgent, MAX_USER_AGENT), text(body), truncated)
                .update() > 0;
    }

    /** The body as text, cut to {@link #MAX_BODY_BYTES} without splitting a character; NULs dropped. */
    static String text(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        int end = Math.min(body.length, MAX_BODY_BYTES);
        // Back off over UTF-8 continuation bytes so a multi-byte character is kept whole or left out.
        if (end < body.length) {
            while (end > 0 && (body[end] & 0xC0) == 0x80) {
                end--;
            }
        }
        return new String(body, 0, end, StandardCharsets.UTF_8).replace("\0", "");
    }

    private static String truncate(String value, int max) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return (value.length() > max ? value.substring(0, max) : value).replace("\0", "");
    }
}
