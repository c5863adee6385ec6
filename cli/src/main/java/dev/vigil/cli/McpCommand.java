package dev.vigil.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code vigil mcp}: the MCP server at the API's {@code /mcp} as a local stdio server, for desktop assistants that
 * start MCP servers as processes. Each JSON-RPC message read from stdin (one per line, the stdio transport) is posted
 * to {@code /mcp} with the CLI's key, and the answer written to stdout as one line; notifications get none. When the
 * API cannot be reached or refuses the key, a request is answered with a JSON-RPC error saying so, so the assistant
 * shows the reason. Nothing but JSON-RPC goes to stdout; diagnostics go to stderr.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = {"Serve Vigil's MCP tools on stdin/stdout, for AI assistants (bridged to the API's /mcp).",
                "Configure the assistant to run: vigil mcp (with VIGIL_API_KEY, or after vigil login)."})
final class McpCommand implements Callable<Integer> {

    /** JSON-RPC's code for an error of the server's own (the API refused or could not be reached). */
    private static final int SERVER_ERROR = -32000;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final CliEnvironment environment;

    @Option(names = "--url", paramLabel = "URL", description = "The API's base URL (default: VIGIL_URL, else the "
            + "one saved by login)")
    String url;

    McpCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException {
        GlobalOptions options = new GlobalOptions();
        options.url = url;
        CliConfig saved = CliConfig.load(environment.configDir());
        String base = options.baseUrl(environment, saved);
        URI endpoint = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/mcp");
        String key = environment.env().get("VIGIL_API_KEY");
        key = key != null && !key.isBlank() ? key : saved.apiKey();
        if (key == null || key.isBlank()) {
            throw new CliException(ExitCodes.UNAUTHENTICATED, "not logged in: run `vigil login` or set VIGIL_API_KEY");
        }
        PrintWriter out = environment.out();
        BufferedReader in = new BufferedReader(new InputStreamReader(environment.in(), StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            String answer = forward(endpoint, key, line);
            if (answer != null) {
                out.println(answer);
                out.flush();
            }
        }
        return ExitCodes.OK;
    }

    /** The answer to one message as one line, or null when there is none (a notification). */
    private String forward(URI endpoint, String key, String message) {
        JsonNode id = idOf(message);
        HttpResponse<String> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofMinutes(2))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(message)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            environment.err().println("vigil mcp: cannot reach " + endpoint + ": " + e.getMessage());
            environment.err().flush();
            return error(id, "cannot reach Vigil at " + endpoint + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(id, "interrupted");
        }
        int status = response.statusCode();
        String body = response.body();
        if (status >= 200 && status < 300) {
            if (body == null || body.isBlank()) {
                return null;
            }
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            return compact(contentType.startsWith("text/event-stream") ? lastEvent(body) : body);
        }
        CliException problem = VigilApi.problem(status, body);
        environment.err().println("vigil mcp: " + problem.getMessage());
        environment.err().flush();
        return error(id, problem.getMessage());
    }

    /** The request's id, or null for a notification (or a message that is not JSON: the server will say so). */
    private static JsonNode idOf(String message) {
        try {
            JsonNode id = VigilApi.JSON.readTree(message).get("id");
            return id == null || id.isNull() ? null : id;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String error(JsonNode id, String text) {
        if (id == null) {
            return null;
        }
        ObjectNode answer = VigilApi.JSON.createObjectNode();
        answer.put("jsonrpc", "2.0");
        answer.set("id", id);
        answer.set("error", VigilApi.JSON.valueToTree(Map.of("code", SERVER_ERROR, "message", text)));
        return VigilApi.JSON.writeValueAsString(answer);
    }

    /** An event stream's last {@code data:} message (a stateless answer carries one). */
    private static String lastEvent(String stream) {
        String last = null;
        StringBuilder data = new StringBuilder();
        for (String line : stream.split("\r?\n")) {
            if (line.startsWith("data:")) {
                data.append(line.substring(5).strip());
            } else if (line.isEmpty() && !data.isEmpty()) {
                last = data.toString();
                data.setLength(0);
            }
        }
        return !data.isEmpty() ? data.toString() : last;
    }

    /** One line, as the stdio transport needs: JSON re-written without line breaks. */
    private static String compact(String json) {
        if (json == null) {
            return null;
        }
        try {
            return VigilApi.JSON.writeValueAsString(VigilApi.JSON.readTree(json));
        } catch (JacksonException e) {
            return json.replace('\n', ' ').replace('\r', ' ');
        }
    }
}
