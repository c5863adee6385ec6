package dev.vigil.scheduler.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.common.region.RegionProperties;
import dev.vigil.common.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Self-monitoring against a real probe fleet table and a loopback heartbeat receiver: the active scheduler pings for
 * itself and for each region with live probes; a standby pings nothing; a region whose probes went quiet is left out,
 * so its heartbeat monitor goes overdue.
 */
class SelfHeartbeatsIT {

    private final TestDatabase database = TestDatabase.createMigrated();
    private final JdbcClient jdbc = JdbcClient.create(database.dataSource());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<String> pings = new CopyOnWriteArrayList<>();
    private final AtomicBoolean leader = new AtomicBoolean();
    private HttpServer receiver;
    private FleetState fleet;
    private SelfHeartbeats heartbeats;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        receiver.createContext("/ping/", exchange -> {
            pings.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/ping/";
        SelfMonitoringProperties settings = new SelfMonitoringProperties(URI.create(base + "scheduler-token"),
                Map.of("local-a", URI.create(base + "a-token"), "local-b", URI.create(base + "b-token")),
                Duration.ofSeconds(2));
        fleet = new FleetState(jdbc, new RegionProperties(null), meters);
        heartbeats = new SelfHeartbeats(settings, fleet, leader::get, meters);
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        database.close();
    }

    @Test
    void theLeaderPingsForItselfAndForEveryRegionWithLiveProbes() {
        probe("a-1", "local-a", Instant.now().plusSeconds(60));
        probe("b-1", "local-b", Instant.now().minusSeconds(5));
        fleet.refresh();

        heartbeats.afterRefresh();
        assertThat(pings).as("a standby stays silent").isEmpty();

        leader.set(true);
        heartbeats.afterRefresh();
        assertThat(pings).containsExactlyInAnyOrder("POST /ping/scheduler-token", "POST /ping/a-token");
        assertThat(meters.get("vigil.self.heartbeats").tags("part", "local-a", "outcome", "sent").counter().count())
                .isEqualTo(1);

        pings.clear();
        probe("b-2", "local-b", Instant.now().plusSeconds(60));
        fleet.refresh();
        heartbeats.afterRefresh();
        assertThat(pings).as("region b's fleet is back").contains("POST /ping/b-token");
    }

    @Test
    void anUnreachableReceiverIsCountedNotThrown() {
        receiver.stop(0);
        leader.set(true);
        heartbeats.afterRefresh();
        assertThat(meters.get("vigil.self.heartbeats").tags("part", "scheduler", "outcome", "failed").counter()
                .count()).isEqualTo(1);
    }

    private void probe(String instance, String region, Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO probe_instances (instance_id, region, started_at, last_seen_at, expires_at,
                                                     in_flight, max_in_flight, stopping)
                        VALUES (?, ?, now(), now(), ?, 0, 10, false)""")
                .params(instance, region, Timestamp.from(expiresAt)).update();
    }
}
