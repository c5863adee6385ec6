package dev.vigil.common.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.common.testing.AttackTally;
import dev.vigil.common.testing.TestDnsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * The one guarded HTTP client under attack, with real sockets and a real DNS server on loopback. In SaaS mode the
 * "public internet" is 127.0.0.2 (let through by an allowed range) and 127.0.0.1 plays the internal service that
 * must stay unreachable; names are resolved through the test DNS server, which answers a public and a private
 * address for one name and re-points another after it was vetted.
 */
class GuardedHttpClientTests {

    private static final AttackTally TALLY = new AttackTally("guarded HTTP client");

    private TestDnsServer dns;
    private HttpServer internal;
    private HttpServer outside;
    private final List<String> internalHits = new CopyOnWriteArrayList<>();
    private final List<String> outsideHits = new CopyOnWriteArrayList<>();
    private int internalPort;
    private int outsidePort;

    @BeforeEach
    void start() throws IOException {
        internal = server("127.0.0.1", internalHits);
        internalPort = internal.getAddress().getPort();
        outside = server("127.0.0.2", outsideHits);
        outsidePort = outside.getAddress().getPort();
        dns = TestDnsServer.start()
                .add("mixed.vigil.test.", Type.A, "127.0.0.2")
                .add("mixed.vigil.test.", Type.A, "10.20.30.40")
                .add("public.vigil.test.", Type.A, "127.0.0.2")
                .add("internal.vigil.test.", Type.A, "127.0.0.1")
                .add("metadata.vigil.test.", Type.A, "169.254.169.254")
                .add("rebind.vigil.test.", Type.A, "127.0.0.2");
    }

    @AfterEach
    void stop() throws InterruptedException {
        internal.stop(0);
        outside.stop(0);
        dns.close();
    }

    @AfterAll
    static void summary() {
        TALLY.printSummary();
        assertThat(TALLY.refused()).isEqualTo(TALLY.tried());
    }

    /** Answers 200, or a 302 to the URL in {@code ?to=}. */
    private static HttpServer server(String address, List<String> hits) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        server.createContext("/", exchange -> {
            hits.add(exchange.getRequestURI().toString());
            String query = exchange.getRequestURI().getQuery();
            if (query != null && query.startsWith("to=")) {
                exchange.getResponseHeaders().add("Location", query.substring(3));
                exchange.sendResponseHeaders(302, -1);
            } else {
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    private HostResolver testDns() {
        return new DnsHostResolver(List.of(dns.socketAddress()), Duration.ofSeconds(2));
    }

    private GuardedHttpClient saas(HostResolver resolver) {
        return new GuardedHttpClient(new TargetGuard(TargetPolicy.of(false,
                List.of(IpRange.parse("127.0.0.2/32")), List.of()), resolver));
    }

    private GuardedHttpClient selfHosted() {
        return new GuardedHttpClient(new TargetGuard(TargetPolicy.of(true, List.of(), List.of()), testDns()));
    }

    /** The status code, or the exception the request failed with. */
    private static Object get(OkHttpClient client, String url) {
        try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            return response.code();
        } catch (IOException e) {
            return e;
        }
    }

    private static boolean blocked(Object outcome) {
        for (Throwable t = outcome instanceof Throwable e ? e : null; t != null; t = t.getCause()) {
            if (t instanceof BlockedAddressException) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aNameAnsweringAPublicAndAPrivateAddressIsRefused() {
        OkHttpClient client = saas(testDns()).client();

        Object mixed = get(client, "http://mixed.vigil.test:" + outsidePort + "/");
        Object control = get(client, "http://public.vigil.test:" + outsidePort + "/");

        assertThat(TALLY.record("name with a public and a private address", blocked(mixed))).as("%s", mixed)
                .isTrue();
        assertThat(control).isEqualTo(200);
        assertThat(outsideHits).containsExactly("/");
    }

    @Test
    void theConnectionIsPinnedToTheVettedAddressWhenTheNameIsRePointedAfterVetting() {
        // The resolver re-points the name at the internal service the moment the guard has vetted it: DNS rebinding.
        HostResolver rebinding = host -> {
            List<InetAddress> answer = testDns().resolve(host);
            try {
                dns.replace("rebind.vigil.test.", Type.A, "127.0.0.1");
            } catch (IOException e) {
                throw new UnknownHostException(e.getMessage());
            }
            return answer;
        };
        OkHttpClient client = saas(rebinding).client();

        Object first = get(client, "http://rebind.vigil.test:" + outsidePort + "/pinned");

        assertThat(first).isEqualTo(200);
        assertThat(outsideHits).containsExactly("/pinned");
        // One A and one AAAA query, by the guard: the HTTP library never asked again.
        assertThat(dns.queries("rebind.vigil.test")).isEqualTo(2);
        assertThat(TALLY.record("DNS rebinding after vetting", internalHits.isEmpty())).isTrue();

        // The next request resolves afresh, sees the internal address and is refused.
        Object second = get(client, "http://rebind.vigil.test:" + internalPort + "/");
        assertThat(TALLY.record("re-pointed name on the next request", blocked(second))).as("%s", second).isTrue();
        assertThat(internalHits).isEmpty();
    }

    @Test
    void redirectsToInternalAndMetadataAddressesAreRefusedHopByHop() {
        OkHttpClient following = saas(testDns()).newBuilder().followRedirects(true).build();

        for (String target : List.of("http://127.0.0.1:" + internalPort + "/secret",
                "http://internal.vigil.test:" + internalPort + "/secret",
                "http://[::ffff:127.0.0.1]:" + internalPort + "/secret",
                "http://169.254.169.254/latest/meta-data/iam/security-credentials/")) {
            Object outcome = get(following, "http://127.0.0.2:" + outsidePort + "/?to=" + target);
            assertThat(TALLY.record("redirect to " + target, blocked(outcome))).as("%s", outcome).isTrue();
        }
        assertThat(internalHits).isEmpty();
        assertThat(outsideHits).hasSize(4);
    }

    @Test
    void theSharedClientFollowsNoRedirect() {
        Object outcome = get(saas(testDns()).client(),
                "http://127.0.0.2:" + outsidePort + "/?to=http://127.0.0.1:" + internalPort + "/");

        assertThat(TALLY.record("redirect offered to a notification client", Integer.valueOf(302).equals(outcome)))
                .isTrue();
        assertThat(internalHits).isEmpty();
    }

    @Test
    void cloudMetadataStaysRefusedWherePrivateTargetsAreAllowed() {
        GuardedHttpClient local = selfHosted();
        OkHttpClient following = local.newBuilder().followRedirects(true).build();

        Object byName = get(local.client(), "http://metadata.vigil.test/latest/meta-data/");
        Object byAddress = get(local.client(), "http://169.254.169.254/latest/meta-data/");
        Object byV6 = get(local.client(), "http://[fd00:ec2::254]/latest/meta-data/");
        Object byRedirect = get(following, "http://127.0.0.1:" + internalPort
                + "/?to=http://169.254.169.254/latest/meta-data/");
        Object allowedInternal = get(local.client(), "http://internal.vigil.test:" + internalPort + "/ok");

        assertThat(TALLY.record("metadata by name, private targets allowed", blocked(byName))).isTrue();
        assertThat(TALLY.record("metadata by address, private targets allowed", blocked(byAddress))).isTrue();
        assertThat(TALLY.record("IPv6 metadata, private targets allowed", blocked(byV6))).isTrue();
        assertThat(TALLY.record("redirect to metadata, private targets allowed", blocked(byRedirect))).isTrue();
        assertThat(allowedInternal).as("private targets themselves stay reachable").isEqualTo(200);
    }
}
