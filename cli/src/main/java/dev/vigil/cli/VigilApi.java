package dev.vigil.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public HTTP API as the CLI uses it: JSON in and out, the key as a bearer token, and every problem+json answer
 * turned into a {@link CliException} with the exit code of its status and the fields it names.
 */
public final class VigilApi {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String baseUrl;
    private final String apiKey;

    VigilApi(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
    }

    String baseUrl() {
        return baseUrl;
    }

    JsonNode get(String path) {
        return send(request(path).GET());
    }

    JsonNode post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    JsonNode put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    JsonNode patch(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    JsonNode delete(String path) {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new CliException(ExitCodes.UNAUTHENTICATED,
                    "not logged in: run `vigil login` or set VIGIL_API_KEY");
        }
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + apiKey).header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CliException(ExitCodes.ERROR, "cannot connect to " + baseUrl + " (set --url or VIGIL_URL)");
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "request to " + baseUrl + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.ERROR, "interrupted");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body().isEmpty() ? JSON.nullNode() : parse(response.body());
        }
        throw problem(status, response.body());
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new CliException(ExitCodes.ERROR, "the API answered something that is not JSON");
        }
    }

    /** The problem+json of docs/api.md as a message and one line per invalid field. */
    static CliException problem(int status, String body) {
        String message = "HTTP " + status;
        List<String> details = new ArrayList<>();
        try {
            JsonNode problem = JSON.readTree(body);
            String title = problem.path("title").asString("");
            String detail = problem.path("detail").asString("");
            message = (title.isEmpty() ? message : title + " (" + status + ")") + (detail.isEmpty() ? "" : ": " + detail);
            for (JsonNode error : problem.path("errors")) {
                details.add(error.path("field").asString("") + ": " + error.path("message").asString(""));
            }
        } catch (JacksonException e) {
            // Not a problem document (a proxy's page, say): the status says enough.
        }
        return new CliException(ExitCodes.forStatus(status), message, details);
    }
}
