package dev.vigil.probe.check.http;

import dev.vigil.common.check.HttpCheck;
import dev.vigil.common.net.GuardedHttpClient;
import dev.vigil.probe.net.TlsTrust;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * Clients for checks, derived from the one {@link GuardedHttpClient} (the guard's resolver and socket factory, no
 * proxy, no cookies, no cache, no silent retries; every redirect hop vetted again); each check derives its own client
 * with a private connection pool that keeps nothing idle and a fresh TLS context, so every check opens, times and
 * verifies its own connection (and HTTP/2 never multiplexes two checks onto one connection). OkHttp also gives an
 * {@code EventListener} with DNS, connect, TLS and first-byte events, and HTTP/2 by ALPN.
 */
final class HttpClients {

    private final OkHttpClient base;
    private final TlsTrust trust;

    HttpClients(GuardedHttpClient http, TlsTrust trust) {
        this.trust = trust;
        this.base = http.newBuilder()
                .protocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1))
                .build();
    }

    /** A client for one check, and what it needs cleaned up afterwards. */
    PerCheck forCheck(HttpCheck check, Duration timeout, PhaseTimer timer) {
        return forRequest(check.followRedirects(), timeout, timer);
    }

    /** A client for one request of a check (a step of a multi-step check), and what it needs cleaned up. */
    PerCheck forRequest(boolean followRedirects, Duration timeout, PhaseTimer timer) {
        ConnectionPool pool = new ConnectionPool(0, 1, TimeUnit.SECONDS);
        TlsTrust.Session tls = trust.newSession();
        OkHttpClient client = base.newBuilder()
                .connectionPool(pool)
                .sslSocketFactory(tls.context().getSocketFactory(), tls.trustManager())
                .followRedirects(followRedirects)
                .followSslRedirects(followRedirects)
                .callTimeout(timeout)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .eventListener(timer)
                .build();
        return new PerCheck(client, pool, tls);
    }

    record PerCheck(OkHttpClient client, ConnectionPool pool, TlsTrust.Session tls) implements AutoCloseable {

        /** Closes the check's connection now rather than when the pool's cleaner gets to it. */
        @Override
        public void close() {
            pool.evictAll();
        }
    }
}
