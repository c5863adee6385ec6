package dev.vigil.probe.check.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.common.check.DomainCheck;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.PerfDatum;
import dev.vigil.common.net.GuardedHttpClient;
import dev.vigil.common.net.TargetGuard;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.support.TestJobs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DOMAIN checks against a local RDAP server: a loopback HTTP server serving a bootstrap file (the probe's
 * {@code vigil.probe.rdap.bootstrap-url} points at it) and RDAP domain objects.
 */
class DomainCheckExecutorTests {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> registryBase = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(path);
            int status;
            String body;
            if (path.equals("/dns.json")) {
                status = 200;
                body = "{\"version\": \"1.0\", \"services\": [[[\"test\", \"example\"], [\"" + registryBase.get()
                        + "\"]]]}";
            } else if (path.equals("/rdap/domain/vigil.test")) {
                status = 200;
                body = domain("2027-03-01T00:00:00Z");
            } else if (path.equals("/rdap/domain/soon.test")) {
                status = 200;
                body = domain("2026-12-16T18:00:00Z");
            } else if (path.equals("/rdap/domain/gone.test")) {
                status = 200;
                body = domain("2026-11-01T00:00:00Z");
            } else if (path.equals("/rdap/domain/nodate.test")) {
                status = 200;
                body = "{\"objectClassName\": \"domain\", \"ldhName\": \"nodate.test\", \"events\": []}";
            } else {
                status = 404;
                body = "{\"errorCode\": 404, \"title\": \"Not Found\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/rdap+json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        registryBase.set(base() + "/rdap/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static String domain(String expiration) {
        return """
                {"objectClassName": "domain", "ldhName": "x.test", "status": ["active"],
                 "events": [{"eventAction": "registration", "eventDate": "2020-01-01T00:00:00Z"},
                            {"eventAction": "expiration", "eventDate": "%s"}]}""".formatted(expiration);
    }

    private DomainCheckExecutor executor(TargetGuard guard) {
        return new DomainCheckExecutor(new GuardedHttpClient(guard),
                RdapProperties.of(URI.create(base() + "/dns.json")), CLOCK);
    }

    @Test
    void aRegistrationWithEnoughDaysLeftIsUp() {
        CheckOutcome outcome = executor(TestJobs.localGuard()).execute(TestJobs.job(new DomainCheck("vigil.test",
                30), 5000));

        assertThat(outcome.ok()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).isEqualTo("vigil.test is registered until 2027-03-01 (84 days); status active");
        assertThat(outcome.perfData()).singleElement().extracting(PerfDatum::value).isEqualTo(84.0);
        assertThat(requests).containsExactly("/dns.json", "/rdap/domain/vigil.test");
    }

    @Test
    void theBootstrapFileIsFetchedOnceAndKept() {
        DomainCheckExecutor executor = executor(TestJobs.localGuard());

        executor.execute(TestJobs.job(new DomainCheck("vigil.test", 30), 5000));
        executor.execute(TestJobs.job(new DomainCheck("VIGIL.test.", 30), 5000));

        assertThat(requests).containsExactly("/dns.json", "/rdap/domain/vigil.test", "/rdap/domain/vigil.test");
    }

    @Test
    void fewerDaysThanRequiredIsDown() {
        CheckOutcome outcome = executor(TestJobs.localGuard()).execute(TestJobs.job(new DomainCheck("soon.test",
                30), 5000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.ASSERTION);
        assertThat(outcome.message()).isEqualTo("soon.test expires in 10 days (2026-12-16), fewer than the 30 "
                + "required; status active");
    }

    @Test
    void anExpiredRegistrationIsDown() {
        CheckOutcome outcome = executor(TestJobs.localGuard()).execute(TestJobs.job(new DomainCheck("gone.test",
                0), 5000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).startsWith("gone.test expired on 2026-11-01");
    }

    @Test
    void anUnknownDomainAndAMissingDateAndAnUnlistedTldSayWhy() {
        DomainCheckExecutor executor = executor(TestJobs.localGuard());

        CheckOutcome unknown = executor.execute(TestJobs.job(new DomainCheck("nobody.test", 30), 5000));
        CheckOutcome noDate = executor.execute(TestJobs.job(new DomainCheck("nodate.test", 30), 5000));
        CheckOutcome unlisted = executor.execute(TestJobs.job(new DomainCheck("example.zz", 30), 5000));

        assertThat(unknown.message()).contains("has no record of nobody.test");
        assertThat(noDate.message()).isEqualTo("the registry publishes no expiration date for nodate.test");
        assertThat(unlisted.message()).startsWith("no RDAP registry is listed for .zz");
        assertThat(List.of(unknown, noDate, unlisted)).noneMatch(CheckOutcome::ok);
    }

    @Test
    void aRegistryUrlPointingAtAForbiddenAddressIsRefused() {
        // The bootstrap file (reachable: 127.0.0.1 is let through as a stand-in for the internet) names a registry
        // on another loopback address, which the SaaS policy refuses like any internal address.
        registryBase.set("http://127.0.0.2:" + server.getAddress().getPort() + "/rdap/");
        DomainCheckExecutor saas = executor(TestJobs.saasGuardAllowing("127.0.0.1/32"));

        CheckOutcome outcome = saas.execute(TestJobs.job(new DomainCheck("vigil.test", 30), 5000));

        assertThat(outcome.error()).isEqualTo(ErrorKind.BLOCKED);
        assertThat(requests).containsExactly("/dns.json");
    }

    @Test
    void aBootstrapThatCannotBeLoadedIsTheProbesProblemNotTheDomains() {
        DomainCheckExecutor broken = new DomainCheckExecutor(new GuardedHttpClient(TestJobs.localGuard()),
                RdapProperties.of(URI.create(base() + "/missing.json")), CLOCK);

        CheckOutcome outcome = broken.execute(TestJobs.job(new DomainCheck("vigil.test", 30), 5000));

        assertThat(outcome.error()).isEqualTo(ErrorKind.INTERNAL);
        assertThat(outcome.message()).contains("could not load the RDAP bootstrap file").contains("HTTP 404");
    }
}
