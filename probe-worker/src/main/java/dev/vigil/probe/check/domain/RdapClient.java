package dev.vigil.probe.check.domain;

import dev.vigil.common.net.GuardedHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * RDAP over the guarded HTTP client: the bootstrap file (fetched from {@link RdapProperties#bootstrapUrl}, kept for
 * {@link RdapProperties#refresh}, the last good copy kept when a refresh fails) and domain lookups. The registry URL
 * comes from IANA's file, not from the tenant, but it still goes through the SSRF guard (a tampered mirror, or a
 * redirect, must not reach the probe's network), and so does every redirect hop.
 */
final class RdapClient {

    private final GuardedHttpClient http;
    private final RdapProperties properties;
    private final Clock clock;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile Cached cached;

    RdapClient(GuardedHttpClient http, RdapProperties properties, Clock clock) {
        this.http = http;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The bootstrap registry, fetched when there is none or it is older than the refresh period. One check fetches
     * while the others wait for it (or use the copy they have), so a probe starting with many DOMAIN checks fetches
     * the file once.
     */
    RdapBootstrap bootstrap(Duration timeout) throws IOException {
        Cached current = cached;
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.fetchedAt().plus(properties.refresh()))) {
            return current.bootstrap();
        }
        refreshing.lock();
        try {
            current = cached;
            if (current != null && now.isBefore(current.fetchedAt().plus(properties.refresh()))) {
                return current.bootstrap();
            }
            try {
                Fetched fetched = get(properties.bootstrapUrl(), timeout, "application/json");
                if (fetched.status() != 200) {
                    throw new IOException("the RDAP bootstrap file " + properties.bootstrapUrl() + " answered HTTP "
                            + fetched.status());
                }
                RdapBootstrap bootstrap = RdapBootstrap.parse(fetched.body());
                cached = new Cached(bootstrap, now);
                return bootstrap;
            } catch (IOException | IllegalArgumentException e) {
                if (current != null) {
                    return current.bootstrap();
                }
                throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
        } finally {
            refreshing.unlock();
        }
    }

    /** GET of an RDAP URL: the status and, for a 2xx, the body (at most the configured size). */
    Fetched get(URI url, Duration timeout, String accept) throws IOException {
        OkHttpClient client = http.newBuilder()
                .followRedirects(true)
                .followSslRedirects(true)
                .callTimeout(timeout)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .build();
        Request request = new Request.Builder().url(url.toString()).header("Accept", accept)
                .header("User-Agent", "Vigil-Probe (RDAP)").build();
        try (Response response = client.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                return new Fetched(response.code(), null);
            }
            return new Fetched(response.code(), read(response.body()));
        }
    }

    private String read(ResponseBody body) throws IOException {
        long limit = properties.maxResponseSize().toBytes();
        try (InputStream in = body.byteStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw new IOException("the RDAP answer is larger than " + limit + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    record Fetched(int status, String body) {
    }

    private record Cached(RdapBootstrap bootstrap, Instant fetchedAt) {
    }
}
