package dev.vigil.alerting.notify.sender;

import dev.vigil.common.net.BlockedAddressException;
import dev.vigil.common.net.TargetGuard;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Posts JSON to a channel's URL after the SSRF guard has vetted its host (at send time, whatever was vetted when the
 * channel was created). The JDK client has no resolver hook, so the guard resolves first and redirects are never
 * followed (a redirect could lead anywhere): a 3xx is a failed attempt. Errors name the host at most, never the URL,
 * whose path may be the secret (chat webhooks, Telegram's bot token).
 */
public final class GuardedHttp {

    private final TargetGuard guard;
    private final HttpClient client;

    public GuardedHttp(TargetGuard guard) {
        this.guard = guard;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(10)).build();
    }

    public SendResult postJson(URI url, String body, Map<String, String> headers, Duration timeout) {
        String host = url.getHost();
        try {
            if (host == null) {
                return SendResult.failed(null, "the channel URL has no host");
            }
            guard.resolve(host);
        } catch (BlockedAddressException e) {
            return SendResult.failed(null, "refused by the SSRF guard: " + e.getMessage());
        } catch (UnknownHostException e) {
            return SendResult.failed(null, "unknown host " + host);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json").header("User-Agent", "Vigil-Alerts/1")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int code = response.statusCode();
            return code >= 200 && code < 300 ? SendResult.delivered(code)
                    : SendResult.failed(code, "HTTP " + code + " from " + host);
        } catch (HttpTimeoutException e) {
            return SendResult.failed(null, "timed out after " + timeout.toMillis() + " ms (" + host + ")");
        } catch (IOException e) {
            return SendResult.failed(null, e.getClass().getSimpleName() + " talking to " + host);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.failed(null, "interrupted");
        }
    }
}
