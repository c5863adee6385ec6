package dev.vigil.api.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A server-sent event stream read as EventSource reads it: {@code id:}, {@code event:} and {@code data:} lines up to
 * a blank line make an event; comment lines ({@code :keep-alive}) are counted. Read on a thread of its own.
 */
public final class EventStream implements AutoCloseable {

    /** One event: its id, name and data (the lines joined, JSON spacing removed so tests can match fields). */
    public record Event(String id, String name, String data, long receivedNanos) {
    }

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private volatile int comments;

    EventStream(HttpResponse<InputStream> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            Thread.ofVirtual().start(this::read);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    public int comments() {
        return comments;
    }

    /** The next event (whatever its name) within the timeout, or null. */
    public Event next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The first event matching within the timeout, skipping others; null if none came. */
    public Event await(Predicate<Event> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Event event = events.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (event != null && wanted.test(event)) {
                return event;
            }
        }
        return null;
    }

    /** Every event received within the wait (the wait is spent whole). */
    public List<Event> drain(Duration wait) throws InterruptedException {
        Thread.sleep(wait.toMillis());
        List<Event> all = new ArrayList<>();
        events.drainTo(all);
        return all;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String name = "message";
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id, name, data.toString().replace(" : ", ":").replace(", ", ","),
                                System.nanoTime()));
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments++;
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).strip());
                }
            }
        } catch (IOException e) {
            // closed by the test or the server
        }
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
