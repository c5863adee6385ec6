package dev.vigil.local.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local stack ({@code vigil-local-exec.jar}, what {@code bin/vigil-local} runs) as a child process on a database of
 * the benchmark's, with free ports, so its CPU and memory are its own.
 */
final class StackProcess implements AutoCloseable {

    private final Process process;
    private final int apiPort;
    private final int sqsPort;

    private StackProcess(Process process, int apiPort, int sqsPort) {
        this.process = process;
        this.apiPort = apiPort;
        this.sqsPort = sqsPort;
    }

    /**
     * The stack's JVM options as the bench's {@code run.sh} passes them ({@code bench.stackOpts}): the scripts hold
     * the defaults beside {@code bin/vigil-local}'s, so a bench class started otherwise fails rather than guess.
     */
    static List<String> jvmOptions() {
        String options = System.getProperty("bench.stackOpts");
        if (options == null) {
            throw new IllegalStateException(
                    "bench.stackOpts: run through its bench/*/run.sh, which sets the stack's options");
        }
        return Arrays.stream(options.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    static StackProcess start(Path java, Path jar, List<String> jvmOptions, String databaseUrl, Path home, Path log,
                              Map<String, String> environment) throws IOException, InterruptedException {
        int apiPort = freePort();
        int sqsPort = freePort();
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().put("VIGIL_DB_URL", databaseUrl);
        builder.environment().put("VIGIL_HOME", home.toString());
        builder.environment().put("SERVER_PORT", Integer.toString(apiPort));
        builder.environment().put("VIGIL_SQS_PORT", Integer.toString(sqsPort));
        builder.environment().putAll(environment);
        StackProcess stack = new StackProcess(builder.start(), apiPort, sqsPort);
        stack.awaitReady(Duration.ofMinutes(10));
        return stack;
    }

    long pid() {
        return process.pid();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    URI sqsEndpoint() {
        return URI.create("http://127.0.0.1:" + sqsPort);
    }

    private void awaitReady(Duration atMost) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(atMost);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the stack exited with " + process.exitValue() + "; see its log");
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(apiUrl()
                        + "/readyz")).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the stack was not ready within " + atMost);
    }

    /** SIGTERM and the stack's own orderly stop, then SIGKILL if it takes too long. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
