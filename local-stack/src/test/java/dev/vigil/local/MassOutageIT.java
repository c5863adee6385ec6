package dev.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.common.testing.TestDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The mass outage (issue 21) at a size CI affords, the whole pipeline real: 500 HTTP monitors in three regions share one
 * loopback target that starts failing at once, while 20 other monitors stay healthy; later the target comes back.
 * The benchmark ({@code bench/pipeline/run.sh} with {@code OUTAGE=1}) runs the same scenario at 10,000 monitors.
 *
 * <ul>
 *   <li>every monitor is confirmed DOWN within its interval + 10 s, with exactly one incident, and is UP again within
 *       its interval + 10 s after the target returns, its incident resolved;</li>
 *   <li>alerts go through the outbox: an {@code incident.opened} and an {@code incident.resolved} per monitor, of which
 *       the webhook receives no more than the workspace's rate limit, the rest held back for the digest;</li>
 *   <li>confirmations stay bounded: a round that every region saw fail asks no confirmation; only a round straddling
 *       the moment of failure may ask, at most once per other region;</li>
 *   <li>the healthy monitors keep their schedule: every round of theirs scheduled during the outage is stored.</li>
 * </ul>
 */
@OwnStack
class MassOutageIT {

    private static final int MONITORS = 500;
    private static final int HEALTHY = 20;
    private static final int INTERVAL = 20;
    private static final int RATE_LIMIT = 30;
    private static final Duration DEADLINE = Duration.ofSeconds(INTERVAL + 10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestDatabase database;
    private static LocalStack stack;
    private static HttpServer target;
    private static JdbcClient jdbc;
    private static final AtomicBoolean failing = new AtomicBoolean();
    private static final AtomicInteger webhooks = new AtomicInteger();

    @BeforeAll
    static void startEverything() throws IOException {
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        target.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        byte[] page = "v".repeat(600).getBytes(StandardCharsets.UTF_8);
        target.createContext("/target", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (failing.get()) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
            }
            exchange.close();
        });
        target.createContext("/healthy", exchange -> {
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        target.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            webhooks.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        target.start();
        database = TestDatabase.create();
        stack = LocalStack.start(new LocalStackOptions(database.jdbcUrl(), Path.of("unused"), 0, 0,
                LocalStackOptions.LOCAL_REGIONS, Map.of("vigil.sqs.wait-time", "1s",
                "vigil.rate-limits.api-key.capacity", "100000",
                "vigil.notify.rate-limit", Integer.toString(RATE_LIMIT),
                "vigil.notify.rate-window", "10m")));
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(database.jdbcUrl());
        jdbc = JdbcClient.create(source);
    }

    @AfterAll
    static void stopEverything() {
        if (stack != null) {
            stack.close();
        }
        if (target != null) {
            target.stop(0);
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void everyMonitorIsConfirmedDownOnceAlertedThroughTheOutboxAndRecoversWithinItsIntervalPlusTenSeconds()
            throws Exception {
        String key = call("POST", "/api/v1/signup", null, Map.of("email", "outage-" + UUID.randomUUID()
                + "@example.com", "password", "mass outage password", "workspace", "Outage")).get("apiKey").asString();
        String base = "http://127.0.0.1:" + target.getAddress().getPort();
        String channel = call("POST", "/api/v1/alert-channels", key, Map.of("name", "hook", "type", "WEBHOOK",
                "config", Map.of("url", base + "/hook", "secret", "mass-outage-secret"))).get("id").asString();
        List<String> failingIds = create(key, MONITORS, i -> Map.of("name", "m" + i, "type", "HTTP",
                "url", base + "/target?m=" + i, "intervalSeconds", INTERVAL, "alertChannelIds", List.of(channel)));
        List<String> healthyIds = create(key, HEALTHY, i -> Map.of("name", "h" + i, "type", "HTTP",
                "url", base + "/healthy?m=" + i, "intervalSeconds", INTERVAL));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> count("SELECT count(*) FROM monitors WHERE status = 'UP'") == MONITORS + HEALTHY);

        // 1. The target fails for everyone at once.
        Instant down = Instant.now();
        failing.set(true);
        Map<String, Instant> seenDown = watch(failingIds, "DOWN", Duration.ofSeconds(INTERVAL + 60));
        Thread.sleep(Duration.ofSeconds(INTERVAL));  // a further failed round for every monitor
        double asked = asked();

        // 2. It comes back.
        Instant up = Instant.now();
        failing.set(false);
        Map<String, Instant> seenUp = watch(failingIds, "UP", Duration.ofSeconds(INTERVAL + 60));

        assertThat(seenDown).as("monitors confirmed DOWN").hasSize(MONITORS);
        assertThat(seenDown.values()).as("DOWN within interval + 10 s of the failure")
                .allSatisfy(at -> assertThat(Duration.between(down, at)).isLessThanOrEqualTo(DEADLINE));
        assertThat(seenUp).as("monitors UP again").hasSize(MONITORS);
        assertThat(seenUp.values()).as("UP within interval + 10 s of the target's return")
                .allSatisfy(at -> assertThat(Duration.between(up, at)).isLessThanOrEqualTo(DEADLINE));

        // One incident per monitor, resolved; each announced through the outbox.
        Timestamp since = Timestamp.from(down.minusSeconds(INTERVAL));
        assertThat(count("SELECT count(*) FROM incidents WHERE started_at >= ?", since)).isEqualTo(MONITORS);
        assertThat(count("SELECT count(DISTINCT monitor_id) FROM incidents WHERE started_at >= ?", since))
                .isEqualTo(MONITORS);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("SELECT count(*) FROM incidents WHERE status = 'OPEN'") == 0);
        assertThat(count("SELECT count(*) FROM notification_outbox WHERE event = 'incident.opened'"))
                .isEqualTo(MONITORS);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("SELECT count(*) FROM notification_outbox WHERE event = 'incident.resolved'") == MONITORS
                        && count("SELECT count(*) FROM notification_outbox WHERE processed_at IS NULL") == 0);
        // The rate limit holds: the channel gets at most its share, the rest waits for the digest.
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM notification_deliveries "
                + "WHERE status IN ('PENDING', 'SENDING')") == 0);
        assertThat(count("SELECT count(*) FROM notification_deliveries WHERE status = 'DELIVERED'"))
                .isEqualTo(RATE_LIMIT);
        assertThat(webhooks.get()).isEqualTo(RATE_LIMIT);
        assertThat(count("SELECT count(*) FROM notification_deliveries WHERE reason = 'rate_limited'"))
                .isEqualTo(2L * MONITORS - RATE_LIMIT);

        // Confirmations: none for rounds every region saw fail; at most one question per other region for the one
        // round of a monitor that may straddle the moment of failure.
        assertThat(asked).as("confirmation jobs asked").isLessThanOrEqualTo(2.0 * MONITORS);
        assertThat(count("SELECT count(*) FROM check_results WHERE kind = 'CONFIRM' AND time >= ?",
                Timestamp.from(down.minusSeconds(INTERVAL)))).isLessThanOrEqualTo(2L * MONITORS);

        // The healthy monitors kept their schedule: every round scheduled while the target was down is stored,
        // from every region, and none of them went DOWN.
        String healthyRounds = """
                SELECT count(*) FROM (SELECT round_id FROM check_results
                                      WHERE kind = 'SCHEDULED' AND monitor_id = ANY(?::uuid[]) AND time >= ? AND time < ?
                                      GROUP BY round_id HAVING count(DISTINCT region) %s 3) r""";
        Object[] during = {healthyIds.toArray(String[]::new), Timestamp.from(down), Timestamp.from(up)};
        assertThat(count(healthyRounds.formatted("="), during)).as("healthy rounds stored from every region")
                .isGreaterThanOrEqualTo(HEALTHY * (Duration.between(down, up).toSeconds() / INTERVAL));
        assertThat(count(healthyRounds.formatted("<"), during)).as("healthy rounds missing a region").isZero();
        assertThat(count("SELECT count(*) FROM monitor_transitions WHERE monitor_id = ANY(?::uuid[]) "
                + "AND to_status = 'DOWN'", (Object) healthyIds.toArray(String[]::new))).isZero();
    }

    /** When each monitor was first seen in {@code status}, polling every half second until all are or time is up. */
    private static Map<String, Instant> watch(List<String> ids, String status, Duration atMost)
            throws InterruptedException {
        Set<String> wanted = Set.copyOf(ids);
        Map<String, Instant> seen = new HashMap<>();
        Instant until = Instant.now().plus(atMost);
        while (seen.size() < ids.size() && Instant.now().isBefore(until)) {
            Instant now = Instant.now();
            jdbc.sql("SELECT id::text FROM monitors WHERE status = ?").param(status).query(String.class).list()
                    .stream().filter(wanted::contains).forEach(id -> seen.putIfAbsent(id, now));
            Thread.sleep(500);
        }
        return seen;
    }

    private static double asked() throws Exception {
        int port = LocalStack.managementPort(stack.alerting());
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(l -> l.startsWith("vigil_evaluation_confirmations_asked_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private static List<String> create(String key, int count, java.util.function.IntFunction<Map<String, Object>> body)
            throws Exception {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                calls.add(pool.submit(() -> ids.add(call("POST", "/api/v1/monitors", key, body.apply(n)).get("id")
                        .asString())));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        }
        return List.copyOf(ids);
    }

    private static JsonNode call(String method, String path, String key, Object body) throws Exception {
        return TestApi.call(stack, method, path, key, body);
    }
}
