package dev.vigil.scheduler.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.common.queue.FrequencyBucket;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.queue.QueueTopology;
import dev.vigil.common.region.RegionProperties;
import dev.vigil.common.sqs.MessagePublisher;
import dev.vigil.common.sqs.QueueDirectory;
import dev.vigil.common.testing.TestDatabase;
import dev.vigil.common.testing.TestSqs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Self-healing against real queues (ElasticMQ), a real probe fleet table and a loopback stand-in for the ECS API
 * that checks what the SDK sends (JSON 1.1 protocol: the operation in {@code X-Amz-Target}, the fields in the body)
 * and keeps each service's desired count. Region a has a backlog, region b no heartbeats, region c is idle.
 */
class ProbeFleetHealerIT {

    private static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record EcsRequest(String operation, JsonNode body) {
    }

    private final TestDatabase database = TestDatabase.createMigrated();
    private final SqsAsyncClient sqs = TestSqs.shared().client();
    private final QueueNames names = new QueueNames("heal-" + UUID.randomUUID().toString().substring(0, 8) + "-");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<EcsRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> desiredCounts = new ConcurrentHashMap<>(
            Map.of("probe-a", 1, "probe-b", 2, "probe-c", 3));
    private final AtomicBoolean leader = new AtomicBoolean();
    private HttpServer ecs;
    private EcsClients clients;
    private FleetWatch watch;

    @BeforeEach
    void start() throws IOException {
        ecs = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        ecs.createContext("/", this::answer);
        ecs.start();
        EcsFleetProperties settings = new EcsFleetProperties(true,
                URI.create("http://127.0.0.1:" + ecs.getAddress().getPort()), Map.of(
                        "local-a", new EcsFleetProperties.ProbeService("us-east-1", "vigil", "probe-a", 1, 4),
                        "local-b", new EcsFleetProperties.ProbeService("eu-west-1", "vigil", "probe-b", 1, 4),
                        "local-c", new EcsFleetProperties.ProbeService("ap-southeast-1", "vigil", "probe-c", 1, 4)),
                100, 0.8, 0.3, Duration.ofMinutes(3), Duration.ZERO, Duration.ofMinutes(15));
        RegionProperties regions = new RegionProperties(null);
        QueueDirectory queues = new QueueDirectory(sqs);
        queues.provision(QueueTopology.all(names, regions.ids()));
        List<String> backlog = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            backlog.add("job " + i);
        }
        assertThat(new MessagePublisher(sqs, queues).publishAll(names.checks("local-a", FrequencyBucket.M1), backlog)
                .join()).isEmpty();
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        liveProbe(jdbc, "a-1", "local-a", 10);
        liveProbe(jdbc, "c-1", "local-c", 1);
        QueueDepths depths = new QueueDepths(sqs, queues, names, regions, meters);
        FleetState state = new FleetState(jdbc, regions, meters);
        clients = new EcsClients(settings);
        ProbeFleetHealer healer = new ProbeFleetHealer(settings, clients.byRegion(), depths, state, names,
                leader::get, Clock.systemUTC(), meters);
        watch = new FleetWatch(depths, state, List.of(healer), Duration.ofMinutes(1));
    }

    @AfterEach
    void stop() {
        clients.close();
        ecs.stop(0);
        sqs.close();
        database.close();
    }

    @Test
    void theLeaderScalesOnBacklogAndIdlenessAndRedeploysAQuietRegion() {
        watch.runOnce();
        assertThat(requests).as("a standby scheduler leaves ECS alone").isEmpty();
        assertThat(meters.get("vigil.queue.depth").tags("queue", names.checks("local-a", FrequencyBucket.M1)
                .substring(names.prefix().length()), "kind", "main", "state", "visible").gauge().value())
                .isEqualTo(250);
        assertThat(meters.get("vigil.fleet.probes.live").tag("region", "local-b").gauge().value()).isZero();

        leader.set(true);
        watch.runOnce();

        List<EcsRequest> updates = requests.stream().filter(r -> r.operation().equals("UpdateService")).toList();
        assertThat(requests).filteredOn(r -> r.operation().equals("DescribeServices")).hasSize(3)
                .allSatisfy(r -> assertThat(r.body().get("cluster").asString()).isEqualTo("vigil"));
        assertThat(updates).hasSize(3);
        assertThat(update(updates, "probe-a").get("desiredCount").asInt()).as("250 waiting, 100 a task").isEqualTo(3);
        assertThat(update(updates, "probe-a").has("forceNewDeployment")).isFalse();
        assertThat(update(updates, "probe-b").get("forceNewDeployment").asBoolean()).as("no heartbeats").isTrue();
        assertThat(update(updates, "probe-b").has("desiredCount")).isFalse();
        assertThat(update(updates, "probe-c").get("desiredCount").asInt()).as("idle: one fewer").isEqualTo(2);
        assertThat(desiredCounts).containsEntry("probe-a", 3).containsEntry("probe-c", 2);
        assertThat(meters.get("vigil.fleet.actions").tags("action", "redeployed", "region", "local-b").counter()
                .count()).isEqualTo(1);

        requests.clear();
        watch.runOnce();
        assertThat(requests).as("cooldowns: no second change right away")
                .noneMatch(r -> r.operation().equals("UpdateService"));
    }

    private static JsonNode update(List<EcsRequest> updates, String service) {
        return updates.stream().filter(r -> r.body().get("service").asString().equals(service)).findFirst()
                .orElseThrow(() -> new AssertionError("no UpdateService for " + service)).body();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        int status = 200;
        ObjectNode response = JSON.createObjectNode();
        if (target == null || !target.startsWith(TARGET_PREFIX) || !"application/x-amz-json-1.1".equals(contentType)
                || exchange.getRequestHeaders().getFirst("Authorization") == null) {
            status = 400;
            response.put("__type", "InvalidRequest");
        } else {
            String operation = target.substring(TARGET_PREFIX.length());
            requests.add(new EcsRequest(operation, body));
            switch (operation) {
                case "DescribeServices" -> {
                    for (JsonNode name : body.get("services")) {
                        response.withArray("services").add(service(name.asString()));
                    }
                    response.putArray("failures");
                }
                case "UpdateService" -> {
                    String name = body.get("service").asString();
                    if (body.has("desiredCount")) {
                        desiredCounts.put(name, body.get("desiredCount").asInt());
                    }
                    response.set("service", service(name));
                }
                default -> {
                    status = 400;
                    response.put("__type", "UnsupportedOperation");
                }
            }
        }
        byte[] bytes = JSON.writeValueAsString(response).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private ObjectNode service(String name) {
        int desired = desiredCounts.getOrDefault(name, 0);
        return JSON.createObjectNode().put("serviceName", name)
                .put("clusterArn", "arn:aws:ecs:us-east-1:1:cluster/vigil")
                .put("serviceArn", "arn:aws:ecs:us-east-1:1:service/vigil/" + name).put("status", "ACTIVE")
                .put("desiredCount", desired).put("runningCount", desired);
    }

    private static void liveProbe(JdbcClient jdbc, String instance, String region, int inFlight) {
        jdbc.sql("""
                INSERT INTO probe_instances (instance_id, region, started_at, last_seen_at, expires_at, in_flight,
                                             max_in_flight)
                VALUES (?, ?, now(), now(), now() + interval '1 minute', ?, 64)""")
                .params(instance, region, inFlight).update();
    }
}
