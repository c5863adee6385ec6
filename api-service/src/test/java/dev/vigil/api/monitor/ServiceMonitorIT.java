package dev.vigil.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** WEBSOCKET, GRPC and DATABASE monitors through the API: what is stored, what is refused field by field. */
@ApiServiceTest
class ServiceMonitorIT {

    @LocalServerPort
    int port;

    private ApiClient api;

    @BeforeEach
    void signUp() {
        api = new ApiClient(port).signUp();
    }

    private static Map<String, Object> monitor(String type, Object... fields) {
        Map<String, Object> body = new HashMap<>(Map.of("name", type + " monitor", "type", type));
        for (int i = 0; i < fields.length; i += 2) {
            body.put((String) fields[i], fields[i + 1]);
        }
        return body;
    }

    private List<String> refused(Map<String, Object> body) {
        ApiClient.Response response = api.post("/api/v1/monitors", body);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).contains("application/problem+json");
        return response.errorFields();
    }

    @Test
    void aWebSocketMonitorIsStoredAndReadBack() {
        ApiClient.Response created = api.post("/api/v1/monitors", monitor("WEBSOCKET",
                "url", "wss://stream.example.com/live", "headers", Map.of("Authorization", "Bearer {{vars.TOKEN}}"),
                "send", "{\"subscribe\":\"prices\"}", "expect", "\"type\":\\s*\"snapshot\""));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("url").asString()).isEqualTo("wss://stream.example.com/live");
        assertThat(created.json().path("send").asString()).isEqualTo("{\"subscribe\":\"prices\"}");
        assertThat(created.json().path("expect").asString()).isEqualTo("\"type\":\\s*\"snapshot\"");
        assertThat(created.json().has("engine")).isFalse();
    }

    @Test
    void badWebSocketFieldsAreRefusedFieldByField() {
        assertThat(refused(monitor("WEBSOCKET", "url", "https://example.com/"))).containsExactly("url");
        assertThat(refused(monitor("WEBSOCKET", "url", "ws://user:pw@example.com/"))).containsExactly("url");
        assertThat(refused(monitor("WEBSOCKET", "url", "ws://example.com/", "expect", "(unclosed")))
                .containsExactly("expect");
        assertThat(refused(monitor("WEBSOCKET", "url", "ws://example.com/",
                "headers", Map.of("Sec-WebSocket-Key", "x")))).containsExactly("headers.Sec-WebSocket-Key");
        assertThat(refused(monitor("WEBSOCKET", "url", "ws://example.com/", "query", "SELECT 1")))
                .containsExactly("query");
    }

    @Test
    void aGrpcMonitorIsStoredAndReadBack() {
        ApiClient.Response created = api.post("/api/v1/monitors", monitor("GRPC", "host", "grpc.example.com",
                "port", 443, "service", "payments.v1.Payments", "tls", true));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("service").asString()).isEqualTo("payments.v1.Payments");
        assertThat(created.json().path("tls").asBoolean()).isTrue();
        assertThat(created.json().path("port").asInt()).isEqualTo(443);
    }

    @Test
    void badGrpcFieldsAreRefusedFieldByField() {
        assertThat(refused(monitor("GRPC", "host", "grpc.example.com"))).containsExactly("port");
        assertThat(refused(monitor("GRPC", "host", "bad host", "port", 50051))).containsExactly("host");
        assertThat(refused(monitor("GRPC", "host", "grpc.example.com", "port", 50051, "service", "a b")))
                .containsExactly("service");
        assertThat(refused(monitor("TCP", "host", "db.example.com", "port", 5432, "tls", true)))
                .containsExactly("tls");
    }

    @Test
    void aDatabaseMonitorKeepsOnlyAReferenceToItsPassword() {
        ApiClient.Response created = api.post("/api/v1/monitors", monitor("DATABASE", "engine", "postgresql",
                "host", "db.example.com", "database", "shop", "username", "monitor",
                "password", "{{ vars.DB_PASSWORD }}", "query", "SELECT count(*) FROM orders", "expect", "^\\d+$"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("engine").asString()).isEqualTo("POSTGRESQL");
        assertThat(created.json().path("port").asInt()).isEqualTo(5432);
        assertThat(created.json().path("password").asString()).isEqualTo("{{vars.DB_PASSWORD}}");

        ApiClient.Response redis = api.post("/api/v1/monitors", monitor("DATABASE", "engine", "REDIS",
                "host", "cache.example.com", "database", "2"));
        assertThat(redis.status()).as(redis.body()).isEqualTo(201);
        assertThat(redis.json().path("port").asInt()).isEqualTo(6379);
    }

    @Test
    void aPasswordTypedInIsRefusedWithoutBeingRepeated() {
        ApiClient.Response response = api.post("/api/v1/monitors", monitor("DATABASE", "engine", "MYSQL",
                "host", "db.example.com", "username", "app", "password", "hunter2-typed-in"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("password");
        assertThat(response.body()).doesNotContain("hunter2-typed-in");
        assertThat(api.get("/api/v1/monitors").json().path("total").asInt()).isZero();
    }

    @Test
    void badDatabaseFieldsAreRefusedFieldByField() {
        assertThat(refused(monitor("DATABASE", "host", "db.example.com"))).containsExactly("engine");
        assertThat(refused(monitor("DATABASE", "engine", "ORACLE", "host", "db.example.com")))
                .containsExactly("engine");
        assertThat(refused(monitor("DATABASE", "engine", "POSTGRESQL", "host", "db.example.com")))
                .containsExactly("username");
        assertThat(refused(monitor("DATABASE", "engine", "POSTGRESQL", "host", "db.example.com",
                "username", "u", "query", "DELETE FROM orders"))).containsExactly("query");
        assertThat(refused(monitor("DATABASE", "engine", "POSTGRESQL", "host", "db.example.com",
                "username", "u", "query", "SELECT 1; DROP TABLE orders"))).containsExactly("query");
        assertThat(refused(monitor("DATABASE", "engine", "REDIS", "host", "cache.example.com",
                "query", "FLUSHALL"))).containsExactly("query");
        assertThat(refused(monitor("DATABASE", "engine", "REDIS", "host", "cache.example.com",
                "database", "zero"))).containsExactly("database");
        assertThat(refused(monitor("DATABASE", "engine", "MYSQL", "host", "db.example.com", "username", "u",
                "database", "shop?allowLocalInfile=true"))).containsExactly("database");
        assertThat(refused(monitor("DATABASE", "engine", "MYSQL", "host", "db.example.com", "username", "u",
                "port", 70000))).containsExactly("port");
        assertThat(api.get("/api/v1/monitors").json().path("total").asInt()).isZero();
    }
}
