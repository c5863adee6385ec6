package dev.vigil.api.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.common.artifact.ScreenshotStore;
import dev.vigil.common.testing.LoopbackS3;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The api serving a screenshot kept in an S3-compatible store (its row holds the key, as the alerting service writes
 * it with {@code vigil.artifacts.store=s3}): fetched from the loopback S3 with a signed GET, served as a PNG with
 * nosniff to the monitor's workspace, a 404 to any other, and a 404 when the object is gone.
 */
@ApiServiceTest
@TestPropertySource(properties = {"vigil.artifacts.store=s3", "vigil.artifacts.s3.bucket=vigil-shots",
        "vigil.artifacts.s3.path-style=true", "vigil.artifacts.s3.access-key-id=test-key",
        "vigil.artifacts.s3.secret-access-key=test-secret"})
class S3ScreenshotApiIT {

    private static final LoopbackS3 S3 = LoopbackS3.start("vigil-shots");
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 9, 9};

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ScreenshotStore store;

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        registry.add("vigil.artifacts.s3.endpoint", () -> S3.endpoint().toString());
    }

    @AfterAll
    static void stop() {
        S3.close();
    }

    @Test
    void aScreenshotInTheBucketIsServedToItsWorkspaceOnly() throws Exception {
        ApiClient api = new ApiClient(port).signUp();
        ApiClient.Response created = api.post("/api/v1/monitors", Map.of("name", "Shop", "type", "BROWSER",
                "intervalSeconds", 300, "steps", List.of(Map.of("action", "goto", "value", "https://shop.example/"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        UUID monitor = UUID.fromString(created.json().path("id").asString());
        UUID workspace = jdbc.sql("SELECT workspace_id FROM monitors WHERE id = ?").param(monitor)
                .query(UUID.class).single();
        UUID job = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        String key = store.key(workspace, monitor, job);
        store.put(key, PNG);
        for (UUID id : List.of(job, gone)) {
            jdbc.sql("""
                            INSERT INTO check_artifacts (job_id, monitor_id, workspace_id, time, region, failed_step,
                                                         screenshot_key)
                            VALUES (?, ?, ?, now(), 'local-a', 0, ?)""")
                    .params(id, monitor, workspace, store.key(workspace, monitor, id)).update();
        }
        String path = "/api/v1/monitors/" + monitor + "/results/" + job + "/screenshot";

        HttpResponse<byte[]> own = HttpClient.newHttpClient().send(api.request(path).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).isEqualTo(PNG);
        assertThat(own.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(own.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(S3.requests()).filteredOn(r -> r.method().equals("GET"))
                .allSatisfy(r -> assertThat(r.path()).isEqualTo("/vigil-shots/" + key));

        assertThat(new ApiClient(port).signUp().get(path).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/monitors/" + monitor + "/results/" + gone + "/screenshot").status())
                .isEqualTo(404);
    }
}
