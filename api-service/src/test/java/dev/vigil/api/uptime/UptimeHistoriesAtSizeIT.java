package dev.vigil.api.uptime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiServiceTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A workspace's overview asks for the uptime history of every monitor it has. At 100,000 monitors the ids passed as
 * an {@code IN} list were 100,000 bind parameters, past the 65,535 the PostgreSQL protocol carries, and the monitor
 * list's page failed; they go as one array now.
 */
@ApiServiceTest
class UptimeHistoriesAtSizeIT {

    @Autowired
    UptimeHistories histories;

    @Autowired
    JdbcClient jdbc;

    @Test
    void readsTheHistoriesOfMoreMonitorsThanTheProtocolHasBindParameters() {
        UUID workspace = jdbc.sql("INSERT INTO workspaces (id, name) VALUES (gen_random_uuid(), 'Large') RETURNING id")
                .query(UUID.class).single();
        UUID monitor = jdbc.sql("""
                        INSERT INTO monitors (id, workspace_id, name, type, check_spec, interval_seconds, timeout_ms,
                                              regions, confirmations, created_at, updated_at)
                        VALUES (gen_random_uuid(), ?, 'Shop', 'HTTP', '{"url": "https://example.com"}', 60, 10000,
                                '{local-a}', 0, now() - interval '2 days', now())
                        RETURNING id""")
                .param(workspace).query(UUID.class).single();
        Instant now = Instant.now();
        jdbc.sql("""
                        INSERT INTO monitor_transitions (monitor_id, workspace_id, from_status, to_status, at, reason)
                        VALUES (?, ?, 'PENDING', 'UP', ?, 'test'), (?, ?, 'UP', 'DOWN', ?, 'test')""")
                .params(monitor, workspace, Timestamp.from(now.minus(Duration.ofDays(2))), monitor, workspace,
                        Timestamp.from(now.minus(Duration.ofHours(6))))
                .update();
        List<UUID> ids = new ArrayList<>();
        ids.add(monitor);
        for (int i = 0; i < 70_000; i++) {
            ids.add(UUID.randomUUID());
        }

        Map<UUID, UptimeHistory> all = histories.of(ids, now.minus(Duration.ofDays(1)), now);

        assertThat(all).hasSize(ids.size());
        assertThat(all.get(monitor).over(now.minus(Duration.ofDays(1)), now).percent()).isCloseTo(75.0,
                org.assertj.core.data.Offset.offset(0.01));
    }
}
