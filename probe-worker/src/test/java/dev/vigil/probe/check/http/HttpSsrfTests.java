package dev.vigil.probe.check.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.common.check.HttpCheck;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.net.HostResolver;
import dev.vigil.common.net.IpRange;
import dev.vigil.common.net.TargetGuard;
import dev.vigil.common.net.TargetPolicy;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.net.TlsTrust;
import dev.vigil.probe.support.TestJobs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SSRF guard as HTTP checks apply it, in SaaS mode (public targets only). "Public" servers are stood in
 * for by 127.0.0.2, let through by an allowed range; 127.0.0.1 plays the internal service that must stay unreachable.
 * Every refusal happens before a connection: the internal server never sees a request.
 */
class HttpSsrfTests {

    private HttpServer internal;
    private HttpServer outside;
    private final List<String> internalHits = new CopyOnWriteArrayList<>();
    private final List<String> outsideHits = new CopyOnWriteArrayList<>();
    private String internalUrl;
    private String outsideUrl;

    @BeforeEach
    void startServers() throws IOException {
        internal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        internal.createContext("/", exchange -> {
            internalHits.add(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        internal.start();
        internalUrl = "http://127.0.0.1:" + internal.getAddress().getPort();
        outside = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
        outside.createContext("/", exchange -> {
            outsideHits.add(exchange.getRequestURI().toString());
            String query = exchange.getRequestURI().getQuery();
            if (query != null && query.startsWith("to=")) {
                exchange.getResponseHeaders().add("Location", query.substring(3));
                exchange.sendResponseHeaders(302, -1);
            } else {
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        outside.start();
        outsideUrl = "http://127.0.0.2:" + outside.getAddress().getPort();
    }

    @AfterEach
    void stopServers() {
        internal.stop(0);
        outside.stop(0);
    }

    private static TargetGuard saas(HostResolver resolver) {
        return new TargetGuard(TargetPolicy.publicOnly().withAllowedRanges(List.of(IpRange.parse("127.0.0.2/32"))),
                resolver);
    }

    private static CheckOutcome http(TargetGuard guard, String url) {
        return new HttpCheckExecutor(guard, TlsTrust.withExtraCertificates(null), 1 << 20, Clock.systemUTC())
                .execute(TestJobs.job(HttpCheck.get(url), 3000));
    }

    @Test
    void anInternalAddressIsRefusedBeforeConnecting() {
        TargetGuard guard = saas(HostResolver.SYSTEM);

        for (String url : List.of(internalUrl + "/", internalUrl.replace("127.0.0.1", "[::ffff:127.0.0.1]") + "/",
                internalUrl.replace("127.0.0.1", "0.0.0.0") + "/")) {
            CheckOutcome outcome = http(guard, url);
            assertThat(outcome.error()).as(url).isEqualTo(ErrorKind.BLOCKED);
        }
        assertThat(internalHits).isEmpty();
    }

    @Test
    void aNameResolvingToLoopbackIsRefused() {
        CheckOutcome outcome = http(saas(HostResolver.SYSTEM),
                internalUrl.replace("127.0.0.1", "localhost") + "/");

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.BLOCKED);
        assertThat(outcome.message()).contains("localhost").contains("loopback");
        assertThat(internalHits).isEmpty();
    }

    @Test
    void aRedirectToAnInternalAddressIsRefused() {
        TargetGuard guard = saas(HostResolver.SYSTEM);

        CheckOutcome byAddress = http(guard, outsideUrl + "/?to=" + internalUrl + "/secret");
        CheckOutcome byName = http(guard, outsideUrl + "/?to=" + internalUrl.replace("127.0.0.1", "localhost")
                + "/secret");

        assertThat(byAddress.error()).isEqualTo(ErrorKind.BLOCKED);
        assertThat(byName.error()).isEqualTo(ErrorKind.BLOCKED);
        assertThat(outsideHits).hasSize(2);
        assertThat(internalHits).isEmpty();
    }

    @Test
    void theConnectionGoesToTheAddressTheGuardVettedAndNoOther() {
        // A rebinding name: vetted as the "public" 127.0.0.2, then re-pointed at the internal 127.0.0.1.
        AtomicInteger lookups = new AtomicInteger();
        TargetGuard guard = saas(host -> {
            if (!host.equals("rebind.vigil.test")) {
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getByName(lookups.getAndIncrement() == 0 ? "127.0.0.2" : "127.0.0.1"));
        });

        CheckOutcome outcome = http(guard, "http://rebind.vigil.test:" + outside.getAddress().getPort() + "/pinned");

        assertThat(outcome.ok()).as(outcome.message()).isTrue();
        assertThat(lookups).hasValue(1);
        assertThat(outsideHits).containsExactly("/pinned");
        assertThat(internalHits).isEmpty();
    }

}
