package dev.vigil.api.heartbeat;

import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stores a ping of a heartbeat monitor, found by its token, in one statement. The alerting service evaluates it (a
 * trigger marks the monitor due): a FAIL opens an incident, a BEAT resolves one.
 */
@Component
class PingRecorder {

    /** Tokens are URL-safe random strings; anything else cannot be one, and is not looked up. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{8,128}");
    private static final int MAX_BODY = 10_000;
    private static final int MAX_USER_AGENT = 300;

    enum Kind {
        BEAT, FAIL
    }

    private final JdbcClient jdbc;

    PingRecorder(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False when no heartbeat monitor has this token. */
    boolean record(String token, Kind kind, String body, String sourceIp, String userAgent) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return false;
        }
        return jdbc.sql("""
                        INSERT INTO heartbeat_pings (monitor_id, kind, source_ip, user_agent, body)
                        SELECT id, ?, ?, ?, ? FROM monitors WHERE ping_token = ? AND type = 'HEARTBEAT'""")
                .params(kind.name(), sourceIp, truncate(userAgent, MAX_USER_AGENT), truncate(body, MAX_BODY), token)
                .update() > 0;
    }

    private static String truncate(String value, int max) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return (value.length() > max ? value.substring(0, max) : value).replace("\0", "");
    }
}
