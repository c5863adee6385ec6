package dev.vigil.alerting.notify.sender;

import dev.vigil.common.net.BlockedAddressException;
import dev.vigil.common.net.GuardedHttpClient;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sends a channel's request (JSON, text or a form) to its URL through the one {@link GuardedHttpClient}: the host is resolved once at send time
 * (whatever was vetted when the channel was created), refused when any of its addresses is, and the connection is
 * pinned to the vetted address. Redirects are never followed (a 3xx is a failed attempt): a receiver has no reason to
 * redirect a webhook, and following would send the payload and its signature somewhere else. Errors name the host
 * at most, never the URL, whose path may be the secret (chat webhooks, Telegram's bot token).
 */
public final class GuardedHttp {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final GuardedHttpClient http;

    public GuardedHttp(GuardedHttpClient http) {
        this.http = http;
    }

    public SendResult postJson(URI url, String body, Map<String, String> headers, Duration timeout) {
        return send("POST", url, RequestBody.create(body, JSON), headers, timeout);
    }

    /** PUT of a JSON body (Matrix's idempotent send). */
    public SendResult putJson(URI url, String body, Map<String, String> headers, Duration timeout) {
        return send("PUT", url, RequestBody.create(body, JSON), headers, timeout);
    }

    /** A plain-text body (ntfy's message). */
    public SendResult postText(URI url, String body, Map<String, String> headers, Duration timeout) {
        return send("POST", url, RequestBody.create(body, TEXT), headers, timeout);
    }

    /** An {@code application/x-www-form-urlencoded} body (Pushover, Zulip, Twilio), fields in the given order. */
    public SendResult postForm(URI url, Map<String, String> fields, Map<String, String> headers, Duration timeout) {
        FormBody.Builder form = new FormBody.Builder(StandardCharsets.UTF_8);
        fields.forEach(form::add);
        return send("POST", url, form.build(), headers, timeout);
    }

    private SendResult send(String method, URI url, RequestBody body, Map<String, String> headers,
                            Duration timeout) {
        HttpUrl target = url == null ? null : HttpUrl.parse(url.toString());
        if (target == null) {
            return SendResult.failed(null, "the channel URL is not an http(s) URL");
        }
        String host = target.host();
        // A client per call shares the guarded client's pool and threads; only the timeouts are this call's.
        OkHttpClient client = http.newBuilder().callTimeout(timeout)
                .connectTimeout(timeout.compareTo(CONNECT_TIMEOUT) < 0 ? timeout : CONNECT_TIMEOUT).build();
        Request.Builder request = new Request.Builder().url(target).header("User-Agent", "Vigil-Alerts/1")
                .method(method, body);
        headers.forEach(request::header);
        try (Response response = client.newCall(request.build()).execute()) {
            int code = response.code();
            return code >= 200 && code < 300 ? SendResult.delivered(code)
                    : SendResult.failed(code, "HTTP " + code + " from " + host);
        } catch (IOException e) {
            return failure(e, host, timeout);
        }
    }

    /** An {@code Authorization: Basic} value. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static SendResult failure(IOException error, String host, Duration timeout) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof BlockedAddressException blocked) {
                return SendResult.failed(null, "refused by the SSRF guard: " + blocked.getMessage());
            }
        }
        if (error instanceof UnknownHostException) {
            return SendResult.failed(null, "unknown host " + host);
        }
        if (error instanceof InterruptedIOException) {
            return SendResult.failed(null, "timed out after " + timeout.toMillis() + " ms (" + host + ")");
        }
        return SendResult.failed(null, error.getClass().getSimpleName() + " talking to " + host);
    }
}
