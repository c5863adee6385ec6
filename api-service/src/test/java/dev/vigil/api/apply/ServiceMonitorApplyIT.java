package dev.vigil.api.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** WEBSOCKET, GRPC and DATABASE monitors as code: applied, exported, applied again unchanged, reproduced elsewhere. */
@ApiServiceTest
class ServiceMonitorApplyIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void serviceMonitorsKeepTheirFieldsThroughExportAndApply() {
        Tenant source = Tenant.create(port);
        String document = """
                {"version": 1, "monitors": [
                  {"key": "stream", "name": "Stream", "type": "WEBSOCKET", "url": "wss://stream.example.com/live",
                   "headers": {"Authorization": "Bearer {{vars.TOKEN}}"}, "send": "subscribe", "expect": "^ok"},
                  {"key": "payments", "name": "Payments", "type": "GRPC", "host": "grpc.example.com", "port": 443,
                   "service": "payments.v1.Payments", "tls": true},
                  {"key": "orders", "name": "Orders", "type": "DATABASE", "engine": "POSTGRESQL",
                   "host": "db.example.com", "database": "shop", "username": "monitor",
                   "password": "{{vars.DB_PASSWORD}}", "query": "SELECT 1", "expect": "^1$"}]}
                """;
        ApiClient.Response applied = source.owner().postRaw("/api/v1/apply", document);
        assertThat(applied.status()).as("%s", applied).isEqualTo(200);

        JsonNode exported = JSON.readTree(source.owner().get("/api/v1/export").body());
        JsonNode monitors = exported.get("monitors");
        assertThat(monitors).hasSize(3);
        assertThat(monitors.valueStream().map(m -> m.get("type").asString()))
                .containsExactlyInAnyOrder("WEBSOCKET", "GRPC", "DATABASE");
        JsonNode database = monitors.valueStream().filter(m -> m.get("type").asString().equals("DATABASE"))
                .findFirst().orElseThrow();
        assertThat(database.get("password").asString()).isEqualTo("{{vars.DB_PASSWORD}}");
        assertThat(database.get("engine").asString()).isEqualTo("POSTGRESQL");

        assertThat(source.owner().postRaw("/api/v1/apply?dryRun=true", exported.toString()).json().get("changes")
                .size()).isZero();
        Tenant target = Tenant.create(port);
        assertThat(target.owner().postRaw("/api/v1/apply", exported.toString()).status()).isEqualTo(200);
        assertThat(JSON.readTree(target.owner().get("/api/v1/export").body()).get("monitors")).isEqualTo(monitors);
    }
}
