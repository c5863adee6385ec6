package dev.vigil.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiServiceTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Metrics and build info name internals (pool sizes, library versions, route names) and are served on the management
 * port, which deployments never publish; the public port has only the two probes a load balancer needs.
 */
@ApiServiceTest
class ManagementPortIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void actuatorIsNotFoundOnThePublicPort() throws Exception {
        for (String path : List.of("/actuator/prometheus", "/actuator/info", "/actuator/health",
                "/actuator/health/readiness")) {
            int status = get(port, path).statusCode();
            System.out.printf("attack: GET %s on the public port -> %d, refused%n", path, status);
            assertThat(status).as(path).isEqualTo(404);
        }
        // Not public routes at all: refused before routing.
        for (String path : List.of("/actuator", "/actuator/env", "/actuator/heapdump")) {
            int status = get(port, path).statusCode();
            System.out.printf("attack: GET %s on the public port -> %d, refused%n", path, status);
            assertThat(status).as(path).isIn(401, 403, 404);
        }
    }

    @Test
    void theManagementPortServesMetricsInfoAndHealth() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        HttpResponse<String> metrics = get(managementPort, "/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        assertThat(get(managementPort, "/actuator/info").statusCode()).isEqualTo(200);
        assertThat(get(managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void theLoadBalancerProbesStayOnThePublicPort() throws Exception {
        assertThat(get(port, "/readyz").statusCode()).isEqualTo(200);
        assertThat(get(port, "/livez").statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
