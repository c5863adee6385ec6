package dev.vigil.probe.check.websocket;

import dev.vigil.common.check.MonitorType;
import dev.vigil.common.check.WebSocketCheck;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.PhaseTimings;
import dev.vigil.common.net.GuardedHttpClient;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.check.Failures;
import dev.vigil.probe.check.Stopwatch;
import dev.vigil.probe.check.TypedCheckExecutor;
import dev.vigil.probe.check.assertion.TextPattern;
import dev.vigil.probe.check.http.JobSecrets;
import dev.vigil.probe.check.http.WorkspaceVariables;
import dev.vigil.probe.net.TlsTrust;
import java.net.ProtocolException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.springframework.stereotype.Component;

/**
 * A WebSocket check: the handshake through the guarded client (the host resolved and vetted once, the connection
 * pinned to the vetted address, IP literals vetted by the socket factory), then the optional message, then, when the
 * check expects one, received messages matched against its pattern until one matches or the time is up.
 *
 * <p>Each check gets its own dispatcher on virtual threads: OkHttp runs a socket's reader on a dispatcher thread for
 * as long as the socket is open, and the shared dispatcher's per-host limit would queue the checks of several tenants
 * watching the same host behind each other.
 */
@Component
class WebSocketCheckExecutor extends TypedCheckExecutor<WebSocketCheck> {

    /** Only the start of a message is matched: enough for any status frame, and a bound on the regex's work. */
    static final int MAX_MATCHED_CHARS = 64 * 1024;
    private static final int SHOWN_CHARS = 120;
    /** A server flooding messages faster than they are matched loses the excess, not the probe's memory. */
    private static final int MAX_QUEUED_EVENTS = 256;

    private final OkHttpClient base;
    private final TlsTrust trust;
    private final WorkspaceVariables variables;

    WebSocketCheckExecutor(GuardedHttpClient http, TlsTrust trust, WorkspaceVariables variables) {
        super(MonitorType.WEBSOCKET, WebSocketCheck.class);
        this.base = http.newBuilder().protocols(List.of(Protocol.HTTP_1_1)).build();
        this.trust = trust;
        this.variables = variables;
    }

    @Override
    protected CheckOutcome run(CheckJob job, WebSocketCheck check, Stopwatch stopwatch) {
        JobSecrets secrets = new JobSecrets(job, variables);
        Duration timeout = Duration.ofMillis(job.timeoutMs());
        TextPattern expected;
        Request request;
        try {
            expected = check.expect() == null || check.expect().isEmpty() ? null : TextPattern.compile(check.expect());
            Request.Builder builder = new Request.Builder().url(check.url());
            check.headers().forEach((name, value) -> builder.header(name, secrets.fill(value)));
            request = builder.build();
        } catch (TextPattern.Refused | JobSecrets.Missing e) {
            return CheckOutcome.failed(ErrorKind.ASSERTION, secrets.redact(e.getMessage()), stopwatch.elapsedMs());
        } catch (IllegalArgumentException e) {
            return CheckOutcome.failed(ErrorKind.CONNECTION, "invalid request: " + secrets.redact(e.getMessage()),
                    stopwatch.elapsedMs());
        }
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        ConnectionPool pool = new ConnectionPool(0, 1, TimeUnit.SECONDS);
        TlsTrust.Session tls = trust.newSession();
        OkHttpClient client = base.newBuilder()
                .dispatcher(new Dispatcher(threads))
                .connectionPool(pool)
                .sslSocketFactory(tls.context().getSocketFactory(), tls.trustManager())
                .callTimeout(Duration.ZERO)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .build();
        BlockingQueue<WebSocketEvent> events = new LinkedBlockingQueue<>(MAX_QUEUED_EVENTS);
        WebSocket socket = client.newWebSocket(request, new Listener(events, stopwatch));
        try {
            return secretsRedacted(await(job, check, expected, secrets, socket, events, stopwatch), secrets);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckOutcome.failed(ErrorKind.INTERNAL, "interrupted", stopwatch.elapsedMs());
        } finally {
            socket.cancel();
            pool.evictAll();
            threads.shutdownNow();
        }
    }

    private CheckOutcome await(CheckJob job, WebSocketCheck check, TextPattern expected, JobSecrets secrets,
                               WebSocket socket, BlockingQueue<WebSocketEvent> events, Stopwatch stopwatch)
            throws InterruptedException {
        Long handshakeMs = null;
        int received = 0;
        String last = null;
        while (true) {
            long left = job.timeoutMs() - stopwatch.elapsedMs();
            WebSocketEvent event = left <= 0 ? null : events.poll(left, TimeUnit.MILLISECONDS);
            if (event == null) {
                return timedOut(job, check, expected, handshakeMs, received, last, stopwatch);
            }
            switch (event) {
                case WebSocketEvent.Opened opened -> {
                    handshakeMs = opened.handshakeMs();
                    if (check.send() != null && !check.send().isEmpty()) {
                        socket.send(secrets.fill(check.send()));
                    }
                    if (expected == null) {
                        return CheckOutcome.up(job, stopwatch.elapsedMs(), timings(handshakeMs),
                                "WebSocket open after " + handshakeMs + " ms");
                    }
                }
                case WebSocketEvent.Message message -> {
                    received++;
                    String text = message.text().length() > MAX_MATCHED_CHARS
                            ? message.text().substring(0, MAX_MATCHED_CHARS) : message.text();
                    last = text;
                    try {
                        if (expected.foundIn(text)) {
                            return CheckOutcome.up(job, stopwatch.elapsedMs(), timings(handshakeMs),
                                    "message " + received + " matched /" + expected + "/: " + shown(text));
                        }
                    } catch (TextPattern.Refused e) {
                        return CheckOutcome.failed(ErrorKind.ASSERTION, e.getMessage(), stopwatch.elapsedMs(),
                                timings(handshakeMs));
                    }
                }
                case WebSocketEvent.Closed closed -> {
                    return CheckOutcome.failed(ErrorKind.ASSERTION, "the server closed the WebSocket (" + closed.code()
                            + (closed.reason().isEmpty() ? "" : " " + shown(closed.reason())) + ")"
                            + (expected == null ? "" : " before a message matched /" + expected + "/ (" + received
                            + " received)"), stopwatch.elapsedMs(), timings(handshakeMs));
                }
                case WebSocketEvent.Failed failed -> {
                    return failure(job, check, failed, handshakeMs, stopwatch);
                }
            }
        }
    }

    private static CheckOutcome failure(CheckJob job, WebSocketCheck check, WebSocketEvent.Failed failed,
                                        Long handshakeMs, Stopwatch stopwatch) {
        Response response = failed.response();
        if (response != null && response.code() != 101) {
            return new CheckOutcome(false, false, stopwatch.elapsedMs(), timings(handshakeMs), response.code(),
                    ErrorKind.HTTP_STATUS, "WebSocket upgrade refused: HTTP " + response.code()
                    + (response.message().isEmpty() ? "" : " " + shown(response.message())), List.of(), List.of(),
                    null, null);
        }
        if (failed.error() instanceof ProtocolException protocol) {
            return CheckOutcome.failed(ErrorKind.CONNECTION, "WebSocket handshake failed: " + protocol.getMessage(),
                    stopwatch.elapsedMs(), timings(handshakeMs));
        }
        Failures.Failure failure = Failures.classify(failed.error(), check.url(), job.timeoutMs());
        String message = handshakeMs == null ? failure.message() : "the WebSocket failed after opening: "
                + failure.message();
        return CheckOutcome.failed(failure.kind(), message, stopwatch.elapsedMs(), timings(handshakeMs));
    }

    private static CheckOutcome timedOut(CheckJob job, WebSocketCheck check, TextPattern expected, Long handshakeMs,
                                         int received, String last, Stopwatch stopwatch) {
        if (handshakeMs == null) {
            return CheckOutcome.failed(ErrorKind.TIMEOUT, "the WebSocket to " + check.url() + " did not open within "
                    + job.timeoutMs() + " ms", stopwatch.elapsedMs());
        }
        return CheckOutcome.failed(ErrorKind.TIMEOUT, "no message matching /" + expected + "/ within "
                + job.timeoutMs() + " ms (" + received + " received" + (last == null ? "" : ", the last: "
                + shown(last)) + ")", stopwatch.elapsedMs(), timings(handshakeMs));
    }

    private static CheckOutcome secretsRedacted(CheckOutcome outcome, JobSecrets secrets) {
        String redacted = secrets.redact(outcome.message());
        if (redacted == null || redacted.equals(outcome.message())) {
            return outcome;
        }
        return new CheckOutcome(outcome.ok(), outcome.degraded(), outcome.latencyMs(), outcome.timings(),
                outcome.statusCode(), outcome.error(), redacted, outcome.assertions(), outcome.perfData(),
                outcome.tlsDaysLeft(), outcome.responseBytes());
    }

    /** The handshake (TCP, TLS and the HTTP upgrade) as the time to the first byte. */
    private static PhaseTimings timings(Long handshakeMs) {
        return handshakeMs == null ? PhaseTimings.NONE : new PhaseTimings(null, null, null, handshakeMs);
    }

    private static String shown(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return "\"" + (line.length() > SHOWN_CHARS ? line.substring(0, SHOWN_CHARS) + "…" : line) + "\"";
    }

    /** Hands OkHttp's callbacks over to the check's thread. */
    private static final class Listener extends WebSocketListener {

        private final BlockingQueue<WebSocketEvent> events;
        private final Stopwatch stopwatch;

        Listener(BlockingQueue<WebSocketEvent> events, Stopwatch stopwatch) {
            this.events = events;
            this.stopwatch = stopwatch;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            deliver(new WebSocketEvent.Opened(stopwatch.elapsedMs()));
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            events.offer(new WebSocketEvent.Message(text));
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            events.offer(new WebSocketEvent.Message(bytes.size() > MAX_MATCHED_CHARS
                    ? bytes.substring(0, MAX_MATCHED_CHARS).utf8() : bytes.utf8()));
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            deliver(new WebSocketEvent.Closed(code, reason));
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable error, Response response) {
            deliver(new WebSocketEvent.Failed(error, response));
        }

        /** Opening, closing and failing are never dropped: the reader waits for room (the check keeps taking). */
        private void deliver(WebSocketEvent event) {
            try {
                events.offer(event, 1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
