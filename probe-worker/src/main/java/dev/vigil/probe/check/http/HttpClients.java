package dev.vigil.probe.check.http;

import dev.vigil.common.check.HttpCheck;
import dev.vigil.common.net.TargetGuard;
import dev.vigil.probe.net.TlsTrust;
import java.net.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * OkHttp clients for checks. One base client holds what every check shares (the guard's resolver and socket
 * factory, no proxy, no cookies, no cache, no silent retries); each check derives its own client with a private
 * connection pool that keeps nothing idle and a fresh TLS context, so every check opens, times and verifies its own
 * connection (and HTTP/2 never multiplexes two checks onto one connection).
 *
 * <p>Why OkHttp: the JDK client exposes neither a resolver hook (no pinning to vetted addresses) nor phase events;
 * Apache HttpClient 5 offers HTTP/2 only in its async client. OkHttp gives a {@code Dns} hook (the guard resolves
 * once; OkHttp connects to exactly those addresses), a socket factory (vets IP-literal URLs, which skip the
 * resolver), an {@code EventListener} with DNS, connect, TLS and first-byte events, and HTTP/2 by ALPN.
 */
final class HttpClients {

    private final OkHttpClient base;
    private final TlsTrust trust;

    HttpClients(TargetGuard guard, TlsTrust trust) {
        this.trust = trust;
        this.base = new OkHttpClient.Builder()
                .dns(guard::resolve)
                .socketFactory(guard.socketFactory())
                .proxy(Proxy.NO_PROXY)
                .retryOnConnectionFailure(false)
                .protocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1))
                .build();
    }

    /** A client for one check, and what it needs cleaned up afterwards. */
    PerCheck forCheck(HttpCheck check, Duration timeout, PhaseTimer timer) {
        ConnectionPool pool = new ConnectionPool(0, 1, TimeUnit.SECONDS);
        TlsTrust.Session tls = trust.newSession();
        OkHttpClient client = base.newBuilder()
                .connectionPool(pool)
                .sslSocketFactory(tls.context().getSocketFactory(), tls.trustManager())
                .followRedirects(check.followRedirects())
                .followSslRedirects(check.followRedirects())
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
