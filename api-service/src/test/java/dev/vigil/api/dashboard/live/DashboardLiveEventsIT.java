package dev.vigil.api.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.DashboardSession;
import dev.vigil.api.support.EventStream;
import dev.vigil.api.support.EventStream.Event;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The dashboard's live stream against the real database: changes made in PostgreSQL (status, results, incidents,
 * monitors added) reach the open streams of their workspace and no other, a page reconnecting with Last-Event-ID gets
 * what it missed (or a resync when it cannot), idle streams get heartbeat comments, and a workspace's open streams are
 * bounded.
 */
@ApiServiceTest
@TestPropertySource(properties = {"vigil.dashboard.live.max-streams-per-workspace=3",
        "vigil.dashboard.live.heartbeat=1s"})
class DashboardLiveEventsIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DashboardEventListener listener;

    @BeforeEach
    void listenerIsListening() {
        await().atMost(WAIT).until(listener::listening);
    }

    @Test
    void changesReachTheStreamsOfTheirWorkspaceOnly() throws Exception {
        Owner owner = signUp("live");
        Owner outsider = signUp("outsider");
        try (EventStream stream = owner.browser.events("/app/events", null);
             EventStream outsiders = outsider.browser.events("/app/events", null)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            assertThat(stream.next(WAIT).name()).isEqualTo("hello");
            assertThat(outsiders.next(WAIT).name()).isEqualTo("hello");

            String monitor = monitor(owner.api, "Shop");
            assertThat(stream.await(e -> e.name().equals("added"), WAIT).data()).contains(monitor);

            jdbc.sql("UPDATE monitors SET status = 'DOWN' WHERE id = ?").param(UUID.fromString(monitor)).update();
            Event down = stream.await(e -> e.name().equals("status"), WAIT);
            assertThat(down.data()).contains(monitor).contains("\"s\":\"DOWN\"");
            assertThat(down.id()).matches("[0-9a-z]+-[0-9]+");

            result(owner.workspace, UUID.fromString(monitor), false);
            Event result = stream.await(e -> e.name().equals("result"), WAIT);
            assertThat(result.data()).contains(monitor).contains("\"r\":\"local-a\"").contains("\"ok\":false");

            new Tenant(owner.workspace, null, owner.api, null, null, null).addOpenIncident(jdbc,
                    UUID.fromString(monitor));
            assertThat(stream.await(e -> e.name().equals("incident"), WAIT).data()).contains(monitor);

            // Paused through the API: the stream says PAUSED.
            owner.api.post("/api/v1/monitors/" + monitor + "/pause");
            assertThat(stream.await(e -> e.name().equals("status") && e.data().contains("PAUSED"), WAIT))
                    .isNotNull();

            // Nothing of it went to the other workspace's page; heartbeats did. (The outsider's own probe monitor of
            // signUp, added and removed just before its page opened, may still reach that page: the listener hands
            // events on asynchronously, and on a busy machine they can arrive after the stream opened.)
            assertThat(outsiders.drain(Duration.ofMillis(1500))).extracting(Event::data)
                    .allMatch(data -> data.contains(outsider.workspace.toString()))
                    .noneMatch(data -> data.contains(owner.workspace.toString()) || data.contains(monitor));
            assertThat(outsiders.comments()).isPositive();
        }
    }

    @Test
    void aReconnectingPageGetsWhatItMissedOrIsToldToRefetch() throws Exception {
        Owner owner = signUp("resume");
        String monitor = monitor(owner.api, "Resumed");
        String lastSeen;
        try (EventStream stream = owner.browser.events("/app/events", null)) {
            lastSeen = stream.next(WAIT).id();
            jdbc.sql("UPDATE monitors SET status = 'UP' WHERE id = ?").param(UUID.fromString(monitor)).update();
            lastSeen = stream.await(e -> e.name().equals("status"), WAIT).id();
        }
        // While the page is away (a laptop asleep), the monitor goes down and a result is stored.
        jdbc.sql("UPDATE monitors SET status = 'DOWN' WHERE id = ?").param(UUID.fromString(monitor)).update();
        result(owner.workspace, UUID.fromString(monitor), false);
        Thread.sleep(500); // the listener hands them on asynchronously

        try (EventStream resumed = owner.browser.events("/app/events", lastSeen)) {
            List<Event> missed = resumed.drain(Duration.ofSeconds(1));
            assertThat(missed).extracting(Event::name).containsExactly("status", "result");
            assertThat(missed.getFirst().data()).contains("DOWN");
        }
        try (EventStream foreign = owner.browser.events("/app/events", "otherinstance-12")) {
            assertThat(foreign.next(WAIT).name()).isEqualTo("resync");
        }
        // The query parameter a page uses when it opens a new stream itself (after waking up) works the same way.
        try (EventStream byParam = owner.browser.events("/app/events?lastEventId=" + lastSeen, null)) {
            assertThat(byParam.drain(Duration.ofSeconds(1))).extracting(Event::name)
                    .containsExactly("status", "result");
        }
    }

    @Test
    void aWorkspaceHoldsABoundedNumberOfStreamsAndStrangersNone() throws Exception {
        Owner owner = signUp("bounded");
        List<EventStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(owner.browser.events("/app/events", null));
                assertThat(open.getLast().status()).isEqualTo(200);
                assertThat(open.getLast().next(WAIT).name()).isEqualTo("hello");
            }
            try (EventStream refused = owner.browser.events("/app/events", null)) {
                assertThat(refused.status()).isEqualTo(429);
            }
            open.removeFirst().close();
            // The server notices the closed stream at its next write (a heartbeat at the latest).
            await().atMost(WAIT).untilAsserted(() -> {
                try (EventStream again = owner.browser.events("/app/events", null)) {
                    assertThat(again.status()).isEqualTo(200);
                }
            });
        } finally {
            for (EventStream stream : open) {
                stream.close();
            }
        }
        try (EventStream anonymous = new DashboardSession(port).events("/app/events", null)) {
            assertThat(anonymous.status()).isNotEqualTo(200);
        }
    }

    private record Owner(DashboardSession browser, ApiClient api, UUID workspace) {
    }

    private Owner signUp(String who) {
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp(who + "-" + UUID.randomUUID() + "@example.com"));
        String probe = monitor(api, "Probe");
        UUID workspace = jdbc.sql("SELECT workspace_id FROM monitors WHERE id = ?").param(UUID.fromString(probe))
                .query(UUID.class).single();
        api.delete("/api/v1/monitors/" + probe);
        return new Owner(browser, api, workspace);
    }

    private static String monitor(ApiClient api, String name) {
        return Tenant.require(api.post("/api/v1/monitors", Map.of("name", name, "type", "HTTP",
                "url", "https://" + name.toLowerCase() + ".example.com/")), 201).json().get("id").asString();
    }

    private void result(UUID workspace, UUID monitor, boolean ok) {
        Instant now = Instant.now();
        jdbc.sql("""
                        INSERT INTO check_results (time, job_id, round_id, monitor_id, workspace_id, region, kind,
                                                   started_at, ok, latency_ms, error)
                        VALUES (?, ?, ?, ?, ?, 'local-a', 'SCHEDULED', ?, ?, 120, ?)""")
                .params(Timestamp.from(now), UUID.randomUUID(), UUID.randomUUID(), monitor, workspace,
                        Timestamp.from(now), ok, ok ? null : "connection refused")
                .update();
    }
}
