package dev.vigil.probe.check.http;

import dev.vigil.common.check.AssertionSource;
import dev.vigil.common.check.HttpCheck;
import dev.vigil.common.check.MonitorType;
import dev.vigil.common.message.AssertionOutcome;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.net.GuardedHttpClient;
import dev.vigil.common.net.TargetGuard;
import dev.vigil.probe.ProbeProperties;
import dev.vigil.probe.check.Certificates;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.check.Failures;
import dev.vigil.probe.check.Stopwatch;
import dev.vigil.probe.check.TypedCheckExecutor;
import dev.vigil.probe.check.assertion.AssertionEvaluator;
import dev.vigil.probe.check.assertion.Observation;
import dev.vigil.probe.net.TlsTrust;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * An HTTP(S) request over a fresh connection, HTTP/1.1 or HTTP/2, judged by the monitor's assertions (with none, or
 * none on the status code, a 2xx or 3xx status is required). The body is read up to {@code vigil.probe.max-body-size};
 * requests go through the one {@link GuardedHttpClient}, so redirects, when followed, are vetted hop by hop.
 */
@Component
class HttpCheckExecutor extends TypedCheckExecutor<HttpCheck> {

    static final String USER_AGENT = "Vigil-Probe/1.0 (uptime monitor)";
    private static final int READ_CHUNK = 8192;
    /** Methods OkHttp insists on sending a body with (an empty one when the monitor has none). */
    private static final Set<String> BODY_REQUIRED = Set.of("POST", "PUT", "PATCH", "PROPPATCH",
            "REPORT");

    private final HttpClients clients;
    private final long maxBodyBytes;
    private final Clock clock;

    @Autowired
    HttpCheckExecutor(GuardedHttpClient http, TlsTrust trust, ProbeProperties properties, Clock clock) {
        this(http, trust, properties.maxBodySize().toBytes(), clock);
    }

    HttpCheckExecutor(TargetGuard guard, TlsTrust trust, long maxBodyBytes, Clock clock) {
        this(new GuardedHttpClient(guard), trust, maxBodyBytes, clock);
    }

    HttpCheckExecutor(GuardedHttpClient http, TlsTrust trust, long maxBodyBytes, Clock clock) {
        super(MonitorType.HTTP, HttpCheck.class);
        this.clients = new HttpClients(http, trust);
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    @Override
    protected CheckOutcome run(CheckJob job, HttpCheck check, Stopwatch stopwatch) {
        PhaseTimer timer = new PhaseTimer();
        Request request;
        try {
            request = request(check);
        } catch (IllegalArgumentException e) {
            return CheckOutcome.failed(ErrorKind.CONNECTION, "invalid request: " + e.getMessage(), 0);
        }
        HttpClients.PerCheck perCheck = clients.forCheck(check, Duration.ofMillis(job.timeoutMs()), timer);
        try (perCheck; Response response = perCheck.client().newCall(request).execute()) {
            Body body = read(response.body());
            long latency = timer.elapsedMs();
            X509Certificate leaf = perCheck.tls().leaf();
            String invalid = leaf == null ? null : Certificates.validityProblem(leaf, clock.instant());
            if (invalid != null) {
                return CheckOutcome.failed(ErrorKind.TLS, invalid, latency, timer.timings())
                        .withTlsDaysLeft(daysLeft(perCheck.tls()));
            }
            return judge(job, check, response, body, latency, timer).withTlsDaysLeft(daysLeft(perCheck.tls()));
        } catch (IOException e) {
            Failures.Failure failure = Failures.classify(e, request.url().host(), job.timeoutMs());
            return CheckOutcome.failed(failure.kind(), failure.message(), timer.elapsedMs(), timer.timings())
                    .withTlsDaysLeft(daysLeft(perCheck.tls()));
        }
    }

    static Request request(HttpCheck check) {
        HttpUrl url = HttpUrl.parse(check.url());
        if (url == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + check.url());
        }
        Request.Builder builder = new Request.Builder().url(url).header("User-Agent", USER_AGENT);
        for (Map.Entry<String, String> header : check.headers().entrySet()) {
            builder.header(header.getKey(), header.getValue());
        }
        String method = check.method().toUpperCase(Locale.ROOT);
        RequestBody body = null;
        if (!method.equals("GET") && !method.equals("HEAD")) {
            String contentType = check.headers().entrySet().stream()
                    .filter(h -> h.getKey().equalsIgnoreCase("Content-Type")).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
            MediaType type = contentType == null ? null : MediaType.parse(contentType);
            if (check.body() != null) {
                body = RequestBody.create(check.body(), type);
            } else if (BODY_REQUIRED.contains(method)) {
                body = RequestBody.create(new byte[0], type);
            }
        }
        // GET and HEAD cannot carry a body in OkHttp: one given with them is not sent.
        return builder.method(method, body).build();
    }

    private Body read(ResponseBody body) throws IOException {
        return read(body, maxBodyBytes);
    }

    /** The body up to {@code maxBodyBytes}; a longer one is cut there. */
    static Body read(ResponseBody body, long maxBodyBytes) throws IOException {
        BufferedSource source = body.source();
        Buffer buffer = new Buffer();
        while (buffer.size() <= maxBodyBytes && source.read(buffer, READ_CHUNK) != -1) {
            // reading up to the limit; a longer body is cut there and its connection closed with the check
        }
        boolean truncated = buffer.size() > maxBodyBytes;
        byte[] bytes = buffer.readByteArray(Math.min(buffer.size(), maxBodyBytes));
        MediaType type = body.contentType();
        Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
        return new Body(bytes, charset, truncated);
    }

    private static CheckOutcome judge(CheckJob job, HttpCheck check, Response response, Body body, long latency,
                                      PhaseTimer timer) {
        int status = response.code();
        Supplier<String> text = new Supplier<>() {
            private String decoded;

            @Override
            public String get() {
                if (decoded == null) {
                    decoded = body.text();
                }
                return decoded;
            }
        };
        Observation observation = Observation.http(status, response::headers, text, body.truncated(), latency);
        List<AssertionOutcome> outcomes = AssertionEvaluator.evaluate(check.assertions(), observation);
        boolean statusAsserted = check.assertions().stream().anyMatch(a -> a.source() == AssertionSource.STATUS_CODE);
        boolean statusOk = statusAsserted || status >= 200 && status < 400;
        boolean assertionsOk = AssertionEvaluator.allPassed(outcomes);
        boolean ok = statusOk && assertionsOk;
        ErrorKind error = null;
        String message = null;
        if (!statusOk) {
            error = ErrorKind.HTTP_STATUS;
            message = "HTTP status " + status + (response.message().isBlank() ? "" : " " + response.message());
        } else if (!assertionsOk) {
            error = ErrorKind.ASSERTION;
            message = outcomes.stream().filter(o -> !o.passed()).findFirst().map(AssertionOutcome::message)
                    .orElse("an assertion failed");
        }
        boolean degraded = ok && CheckOutcome.isSlow(job, latency);
        if (degraded) {
            message = "slower than " + job.degradedAboveMs() + " ms: " + latency + " ms";
        }
        return new CheckOutcome(ok, degraded, latency, timer.timings(), status, error, message, outcomes, List.of(),
                null, (long) body.bytes().length);
    }

    private Integer daysLeft(TlsTrust.Session tls) {
        X509Certificate leaf = tls.leaf();
        return leaf == null ? null : Certificates.daysLeft(leaf, clock.instant());
    }

    /** The body as read: bytes, decoded on demand (most checks never look at it). */
    record Body(byte[] bytes, Charset charset, boolean truncated) {

        String text() {
            return new String(bytes, charset);
        }
    }
}
