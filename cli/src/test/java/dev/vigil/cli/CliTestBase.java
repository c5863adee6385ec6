package dev.vigil.cli;

import dev.vigil.api.ApiApplication;
import dev.vigil.common.testing.SharedInfrastructure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the CLI's integration tests share: a real api-service on a random port (shared test database, limits lifted),
 * a private home directory, and the real commands run in-process with their own environment and streams.
 */
@SpringBootTest(classes = ApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + ApiApplication.CONFIG_NAMES,
                "vigil.rate-limits.signup.capacity=1000000", "vigil.rate-limits.api-key.capacity=1000000",
                "vigil.api.public-url=https://vigil.test"})
@ContextConfiguration(initializers = SharedInfrastructure.class)
abstract class CliTestBase {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @TempDir
    Path home;

    record Run(int exit, String out, String err) {

        JsonNode json() {
            return JSON.readTree(out);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    Run vigil(Map<String, String> env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = VigilCli.run(new CliEnvironment(env, home.resolve("config"),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out),
                new PrintWriter(err)), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** A run with a key in VIGIL_API_KEY and the URL in VIGIL_URL, as in CI. */
    Run vigil(String key, Map<String, String> extra, String... args) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("VIGIL_API_KEY", key);
        env.put("VIGIL_URL", url());
        return vigil(env, "", args);
    }

    String signUp() throws IOException, InterruptedException {
        return post("/api/v1/signup", null, "{\"email\":\"cli-" + UUID.randomUUID() + "@example.com\","
                + "\"password\":\"a long enough password\",\"workspace\":\"CLI workspace\"}").get("apiKey").asString();
    }

    JsonNode post(String path, String key, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return JSON.readTree(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    Path file(String name, String content) throws IOException {
        Path file = home.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    /** A run as on a terminal (colour, progress), with the key and URL in the environment. */
    Run onTerminal(String key, Map<String, String> extra, String... args) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("VIGIL_API_KEY", key);
        env.put("VIGIL_URL", url());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = VigilCli.run(new CliEnvironment(env, home.resolve("config"), new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out), new PrintWriter(err), true), args);
        return new Run(exit, out.toString(), err.toString());
    }
}
