package dev.vigil.common.net;

import java.net.Proxy;
import okhttp3.OkHttpClient;

/**
 * The one HTTP client for requests Vigil makes on a tenant's behalf: HTTP(S) checks in the probes and every HTTP
 * notification channel (webhook, Slack, Discord, Teams, PagerDuty, Telegram). Built on OkHttp because it offers the
 * hooks pinning needs:
 *
 * <ol>
 *   <li>OkHttp's {@code Dns} is the {@link TargetGuard}: the host name is resolved once, refused when any of its
 *       addresses is, and OkHttp connects to exactly the vetted addresses (no second lookup by the library, so DNS
 *       rebinding between vetting and connecting cannot move the connection). TLS still uses the host name, for SNI
 *       and for certificate verification.</li>
 *   <li>IP-literal URLs skip {@code Dns}; the guard's socket factory vets every connect, so they are refused too.</li>
 *   <li>Every redirect hop opens its connection through the same two hooks, so each hop is vetted again. The shared
 *       client follows no redirects; a caller that wants them (an HTTP check that says so) turns them on.</li>
 *   <li>No proxy (a proxy would resolve the name itself), no silent retries, no cookies, no cache.</li>
 * </ol>
 *
 * Derive per-use clients with {@link #newBuilder()}: they share the guard and the connection pool's threads.
 */
public final class GuardedHttpClient {

    private final TargetGuard guard;
    private final OkHttpClient client;

    public GuardedHttpClient(TargetGuard guard) {
        this.guard = guard;
        this.client = new OkHttpClient.Builder()
                .dns(guard::resolve)
                .socketFactory(guard.socketFactory())
                .proxy(Proxy.NO_PROXY)
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
    }

    public TargetGuard guard() {
        return guard;
    }

    /** The shared client: guarded, no redirects followed. */
    public OkHttpClient client() {
        return client;
    }

    /**
     * A builder of a client with the same guard, for per-use settings (timeouts, TLS context, redirects, event
     * listener). Never replace its {@code dns}, {@code socketFactory} or {@code proxy}: they are the guard.
     */
    public OkHttpClient.Builder newBuilder() {
        return client.newBuilder();
    }
}
