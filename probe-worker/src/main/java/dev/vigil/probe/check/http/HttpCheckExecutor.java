package dev.vigil.probe.check.http;

import dev.vigil.common.check.HttpCheck;
import dev.vigil.common.check.MonitorType;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.PhaseTimings;
import dev.vigil.probe.check.CheckExecutor;
import dev.vigil.probe.check.CheckOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/** An HTTP request; up on a 2xx or 3xx status. The body is read up to {@link #MAX_BODY_BYTES}. */
@Component
class HttpCheckExecutor implements CheckExecutor {

    static final int MAX_BODY_BYTES = 1 << 20;

    @Override
    public MonitorType type() {
        return MonitorType.HTTP;
    }

    @Override
    public CheckOutcome execute(CheckJob job) {
        HttpCheck check = (HttpCheck) job.check();
        Duration timeout = Duration.ofMillis(job.timeoutMs());
        long start = System.nanoTime();
        // A client per check: no pooled connection, so every check pays (and measures) its own connect.
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(check.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                .build()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(check.url())).timeout(timeout)
                    .method(check.method(), check.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(check.body()));
            check.headers().forEach(request::header);
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            long firstByteMs = elapsedMs(start);
            long size;
            try (InputStream body = response.body()) {
                size = body.readNBytes(MAX_BODY_BYTES).length;
            }
            long latency = elapsedMs(start);
            int status = response.statusCode();
            boolean ok = status >= 200 && status < 400;
            boolean degraded = ok && job.degradedAboveMs() != null && latency > job.degradedAboveMs();
            return new CheckOutcome(ok, degraded, latency, new PhaseTimings(null, null, null, firstByteMs), status,
                    ok ? null : ErrorKind.HTTP_STATUS, ok ? null : "HTTP status " + status, List.of(), List.of(),
                    null, size);
        } catch (HttpConnectTimeoutException e) {
            return CheckOutcome.failed(ErrorKind.TIMEOUT, "connect timed out after " + job.timeoutMs() + " ms",
                    elapsedMs(start));
        } catch (HttpTimeoutException e) {
            return CheckOutcome.failed(ErrorKind.TIMEOUT, "no response within " + job.timeoutMs() + " ms",
                    elapsedMs(start));
        } catch (ConnectException e) {
            return CheckOutcome.failed(ErrorKind.CONNECTION, "connection failed: " + e.getMessage(), elapsedMs(start));
        } catch (IOException | IllegalArgumentException e) {
            return CheckOutcome.failed(ErrorKind.CONNECTION, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    elapsedMs(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckOutcome.failed(ErrorKind.INTERNAL, "interrupted", elapsedMs(start));
        }
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
