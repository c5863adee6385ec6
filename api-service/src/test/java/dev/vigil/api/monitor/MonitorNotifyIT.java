package dev.vigil.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.common.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The scheduler learns of monitor changes by LISTENing on {@code monitor_changed}: every change made through the API
 * that matters to scheduling must reach it at once, and a rename must not wake it.
 */
@ApiServiceTest
class MonitorNotifyIT {

    @LocalServerPort
    int port;

    private Connection listener;

    @BeforeEach
    void listen() throws SQLException {
        listener = TestDatabase.shared().connect();
        try (Statement statement = listener.createStatement()) {
            statement.execute("LISTEN monitor_changed");
        }
    }

    @AfterEach
    void close() throws SQLException {
        listener.close();
    }

    @Test
    void everyScheduleRelevantChangeNotifiesTheScheduler() throws SQLException {
        ApiClient api = new ApiClient(port).signUp();
        Map<String, Object> monitor = Map.of("name", "Site", "type", "HTTP", "url", "https://example.com");

        String id = api.post("/api/v1/monitors", monitor).json().get("id").asString();
        assertThat(notifications()).containsExactly(id);

        api.put("/api/v1/monitors/" + id, MonitorApiIT.withEntry(monitor, "intervalSeconds", 300));
        assertThat(notifications()).as("PUT with a new interval").containsExactly(id);

        api.put("/api/v1/monitors/" + id, Map.of("name", "Renamed", "type", "HTTP", "url", "https://example.com",
                "intervalSeconds", 300));
        assertThat(notifications()).as("a rename").isEmpty();

        api.post("/api/v1/monitors/" + id + "/pause");
        assertThat(notifications()).as("pause").containsExactly(id);

        api.post("/api/v1/monitors/" + id + "/pause");
        assertThat(notifications()).as("pausing a paused monitor").isEmpty();

        api.post("/api/v1/monitors/" + id + "/resume");
        assertThat(notifications()).as("resume").containsExactly(id);

        api.delete("/api/v1/monitors/" + id);
        assertThat(notifications()).as("delete").containsExactly(id);
    }

    /** The payloads that arrived; each API call above commits before it answers, so they are there already. */
    private List<String> notifications() throws SQLException {
        List<String> payloads = new ArrayList<>();
        PGNotification[] arrived = listener.unwrap(PGConnection.class).getNotifications(500);
        while (arrived != null && arrived.length > 0) {
            for (PGNotification notification : arrived) {
                payloads.add(notification.getParameter());
            }
            arrived = listener.unwrap(PGConnection.class).getNotifications(200);
        }
        return payloads;
    }
}
