package dev.vigil.api.dashboard.monitor;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The first-run guide on the monitor list: four steps, each ticked off from what the workspace really has (not from
 * clicks remembered somewhere), shown until all are done. One query.
 */
@Component
class FirstRunGuide {

    /** What is done: a monitor, an alert channel, a test alert sent, a status page published. */
    record Steps(boolean monitor, boolean channel, boolean testSent, boolean statusPage) {

        public boolean complete() {
            return monitor && channel && testSent && statusPage;
        }

        public int done() {
            return (monitor ? 1 : 0) + (channel ? 1 : 0) + (testSent ? 1 : 0) + (statusPage ? 1 : 0);
        }
    }

    private final JdbcClient jdbc;

    FirstRunGuide(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Steps of(UUID workspaceId) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM monitors WHERE workspace_id = :w) AS monitor,
                               EXISTS (SELECT 1 FROM alert_channels WHERE workspace_id = :w) AS channel,
                               EXISTS (SELECT 1 FROM notification_outbox WHERE workspace_id = :w AND event = 'test')
                                   AS test_sent,
                               EXISTS (SELECT 1 FROM status_pages WHERE workspace_id = :w) AS status_page""")
                .param("w", workspaceId)
                .query((rs, row) -> new Steps(rs.getBoolean("monitor"), rs.getBoolean("channel"),
                        rs.getBoolean("test_sent"), rs.getBoolean("status_page")))
                .single();
    }
}
