package dev.vigil.alerting.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;

/**
 * A loopback HTTP receiver (JDK HttpServer) that records every request and answers with the status its policy gives
 * for the n-th request (1-based), like a webhook endpoint that is down for a while.
 */
final class Receiver implements AutoCloseable {

    /** {@code query} is the raw query string, null without one. */
    record Request(String path, Map<String, String> headers, String body, String method, String query) {

        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final IntUnaryOperator status;
    private final long delayMs;

    private Receiver(IntUnaryOperator status) throws IOException {
        this(status, 0);
    }

    private Receiver(IntUnaryOperator status, long delayMs) throws IOException {
        this.status = status;
        this.delayMs = delayMs;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream().collect(Collectors.toMap(
                    e -> e.getKey().toLowerCase(java.util.Locale.ROOT), e -> e.getValue().getFirst(), (a, b) -> a));
            requests.add(new Request(exchange.getRequestURI().getPath(), headers, body, exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawQuery()));
            int code = this.status.applyAsInt(count.incrementAndGet());
            if (delayMs > 0) {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        server.start();
    }

    static Receiver ok() throws IOException {
        return new Receiver(n -> 200);
    }

    /** Answers 503 to the first {@code failures} requests, then 200. */
    static Receiver failingFirst(int failures) throws IOException {
        return new Receiver(n -> n <= failures ? 503 : 200);
    }

    /** Answers 200, but only after {@code delay}: slower than a channel's timeout. */
    static Receiver slow(java.time.Duration delay) throws IOException {
        return new Receiver(n -> 200, delay.toMillis());
    }

    static Receiver answering(int code) throws IOException {
        return new Receiver(n -> code);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests received so far. */
    int count() {
        return count.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
