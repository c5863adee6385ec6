package dev.vigil.probe.check.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.common.check.BrowserCheck;
import dev.vigil.common.check.BrowserStep;
import dev.vigil.common.check.BrowserStep.Action;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.net.TargetGuard;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.support.TestJobs;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What keeps a tenant's browser check confined, in Debian's real Chromium: the SSRF guard on every request the page
 * makes (an "internal" server on 127.0.0.2 that the SaaS guard refuses while 127.0.0.1 stands in for a public site),
 * the hard timeout that kills a hung browser's whole process tree, the bounded pool, and a fresh profile per run.
 */
class BrowserConfinementIT {

    /** Generous: starting Chromium takes seconds, far longer on a machine shared by many builds. */
    private static final int TIMEOUT_MS = 120_000;

    private HttpServer site;
    private HttpServer internal;
    private final List<String> internalPaths = new CopyOnWriteArrayList<>();
    private final AtomicInteger slowInFlight = new AtomicInteger();
    private final AtomicInteger slowMaxInFlight = new AtomicInteger();
    private Set<String> profilesBefore;

    @BeforeEach
    void start() throws IOException {
        profilesBefore = profiles();
        // The internal service: any request reaching it is recorded; CORS open so a page's fetch() of it would work.
        internal = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
        internal.createContext("/", exchange -> {
            internalPaths.add(exchange.getRequestURI().getPath());
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
            page(exchange, "Internal", "<h1 id=\"admin\">internal admin</h1>");
        });
        internal.start();
        String in = "http://127.0.0.2:" + internal.getAddress().getPort();
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/page", exchange -> page(exchange, "Public", """
                <h1>Public page</h1>
                <img src="%1$s/img.png" alt="">
                <script src="%1$s/app.js"></script>
                <iframe src="%1$s/frame"></iframe>
                <p id="fetch">pending</p>
                <script>
                  fetch('%1$s/api').then(r => { document.getElementById('fetch').textContent = 'reached ' + r.status; })
                    .catch(() => { document.getElementById('fetch').textContent = 'blocked'; });
                </script>
                """.formatted(in)));
        site.createContext("/out", exchange -> {
            exchange.getResponseHeaders().add("Location", in + "/admin");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        site.createContext("/hang", exchange -> page(exchange, "Hang",
                "<h1>Hang</h1><button id=\"spin\" onclick=\"for (;;) {}\">Spin</button>"));
        site.createContext("/slow", exchange -> {
            int now = slowInFlight.incrementAndGet();
            slowMaxInFlight.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(2000);
                page(exchange, "Slow", "<h1>Slow</h1>");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                slowInFlight.decrementAndGet();
            }
        });
        site.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        site.start();
    }

    @AfterEach
    void stop() {
        site.stop(0);
        internal.stop(0);
    }

    @Test
    void everyRequestThePageMakesToAnInternalAddressIsRefusedAndNeverReachesIt() {
        String base = base();
        // Control: with loopback allowed (local mode) the same page really loads all four, and the redirect lands.
        CheckOutcome allowed = executor(TestJobs.localGuard(), 1, Duration.ofSeconds(5)).execute(TestJobs.job(
                new BrowserCheck(List.of(
                        new BrowserStep(Action.GOTO, null, base + "/page", null),
                        new BrowserStep(Action.ASSERT_TEXT, "#fetch", "reached 200", 10_000),
                        new BrowserStep(Action.GOTO, null, base + "/out", null),
                        new BrowserStep(Action.ASSERT_TEXT, "#admin", "internal admin", null))), TIMEOUT_MS));
        assertThat(allowed.ok()).as(allowed.message()).isTrue();
        assertThat(internalPaths).contains("/img.png", "/app.js", "/frame", "/api", "/admin");
        internalPaths.clear();

        // SaaS: only 127.0.0.1 (the "public" site) is let through; the image, script, frame, fetch and the redirect
        // to 127.0.0.2 are each refused by the guard in the proxy.
        TargetGuard saas = TestJobs.saasGuardAllowing("127.0.0.1/32");
        CheckOutcome guarded = executor(saas, 1, Duration.ofSeconds(5)).execute(TestJobs.job(new BrowserCheck(List.of(
                new BrowserStep(Action.GOTO, null, base + "/page", null),
                new BrowserStep(Action.ASSERT_TEXT, "#fetch", "blocked", 10_000),
                new BrowserStep(Action.GOTO, null, base + "/out", null))), TIMEOUT_MS));

        assertThat(internalPaths).as("requests that reached the internal server").isEmpty();
        assertThat(guarded.ok()).isFalse();
        assertThat(guarded.synthetic().failedStep()).isEqualTo(2);
        assertThat(guarded.message()).isEqualTo("step 3 (goto " + base + "/out): the page answered HTTP 403");
        assertThat(guarded.synthetic().steps().subList(0, 2)).allMatch(s -> s.ok());
        String internalHost = "127.0.0.2:" + internal.getAddress().getPort() + ": refused by the SSRF guard";
        assertThat(guarded.synthetic().failedRequests()).filteredOn(f -> f.startsWith(internalHost)).hasSizeGreaterThan(1);
        assertNoBrowserLeft();
    }

    @Test
    void aBrowserThatHangsPastTheTimeoutIsKilledWithItsWholeProcessTree() {
        // Long enough for Chromium to start and load the page on a loaded machine before the page hangs.
        int timeoutMs = 60_000;
        Duration grace = Duration.ofSeconds(2);
        // The page's script spins forever on click: the renderer stops answering, so chromedriver's commands hang
        // and no step timeout can end them; only the hard timeout does.
        CheckOutcome outcome = executor(TestJobs.localGuard(), 1, grace).execute(TestJobs.job(new BrowserCheck(
                List.of(new BrowserStep(Action.GOTO, null, base() + "/hang", null),
                        new BrowserStep(Action.CLICK, "#spin", null, null),
                        new BrowserStep(Action.ASSERT_TEXT, "h1", "never", null),
                        new BrowserStep(Action.ASSERT_TITLE, null, "never", null))), timeoutMs));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(outcome.message()).contains("the browser was killed after the check's timeout");
        // Killed at the timeout plus the grace; closing the dead session adds a little on a loaded machine.
        assertThat(outcome.latencyMs()).isBetween((long) timeoutMs, timeoutMs + grace.toMillis() + 15_000);
        assertThat(outcome.artifacts()).isNull();
        assertNoBrowserLeft();
    }

    @Test
    void aBrowserThatHangsWhileStartingIsKilledAtTheTimeoutToo(@TempDir Path dir) throws IOException {
        // A "Chromium" that never comes up: chromedriver would wait a minute for it; the hard timeout must not.
        Path hung = dir.resolve("chromium");
        Files.writeString(hung, "#!/bin/sh\nexec sleep 300\n");
        Files.setPosixFilePermissions(hung, PosixFilePermissions.fromString("rwx------"));
        BrowserProperties d = BrowserProperties.defaults();
        BrowserCheckExecutor executor = new BrowserCheckExecutor(TestJobs.localGuard(), new BrowserProperties(true,
                hung, d.chromedriver(), 1, d.stepTimeout(), Duration.ofSeconds(1), d.viewportWidth(),
                d.viewportHeight()), new BrowserAvailability(true, "hung", "test", null));

        CheckOutcome outcome = executor.execute(TestJobs.job(new BrowserCheck(List.of(
                new BrowserStep(Action.GOTO, null, base() + "/page", null))), 4000));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(outcome.message()).isEqualTo("the browser was killed after the check's 4000 ms timeout while it "
                + "was still starting");
        assertThat(outcome.latencyMs()).isBetween(4000L, 20_000L);
        assertThat(ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("sleep") || c.contains("chrom")).orElse(false))
                .toList()).isEmpty();
        assertThat(profiles()).isSubsetOf(profilesBefore);
    }

    @Test
    void thePoolRunsOneBrowserAtATimeAndAJobThatCannotWaitForItFails() throws Exception {
        BrowserCheckExecutor executor = executor(TestJobs.localGuard(), 1, Duration.ofSeconds(5));
        BrowserCheck slow = new BrowserCheck(List.of(new BrowserStep(Action.GOTO, null, base() + "/slow", null),
                new BrowserStep(Action.ASSERT_TITLE, null, "Slow", null)));
        List<CheckOutcome> outcomes = new CopyOnWriteArrayList<>();
        List<Thread> runs = List.of(
                Thread.ofVirtual().start(() -> outcomes.add(executor.execute(TestJobs.job(slow, TIMEOUT_MS)))),
                Thread.ofVirtual().start(() -> outcomes.add(executor.execute(TestJobs.job(slow, TIMEOUT_MS)))));
        // While one of them holds the only browser, a job with a short timeout gets no browser.
        long waitUntil = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (slowInFlight.get() == 0 && System.nanoTime() < waitUntil) {
            Thread.sleep(20);
        }
        assertThat(slowInFlight.get()).as("a browser is loading the slow page").isOne();
        CheckOutcome refused = executor.execute(TestJobs.job(slow, 1000));
        for (Thread run : runs) {
            run.join(Duration.ofSeconds(240));
        }

        assertThat(refused.ok()).isFalse();
        assertThat(refused.message()).isEqualTo("no browser came free on this probe within the check's 1000 ms "
                + "timeout");
        assertThat(outcomes).hasSize(2).allSatisfy(o -> assertThat(o.ok()).as(o.message()).isTrue());
        assertThat(slowMaxInFlight.get()).as("browsers loading the page at once").isOne();
        assertNoBrowserLeft();
    }

    @Test
    void eachRunStartsWithAFreshProfile() throws Exception {
        BrowserCheckExecutor executor = executor(TestJobs.localGuard(), 1, Duration.ofSeconds(5));
        try (LoginApp app = new LoginApp()) {
            CheckOutcome signedIn = executor.execute(TestJobs.job(new BrowserCheck(List.of(
                    new BrowserStep(Action.GOTO, null, app.base() + "/login", null),
                    new BrowserStep(Action.FILL, "#user", LoginApp.USER, null),
                    new BrowserStep(Action.FILL, "#password", LoginApp.PASSWORD, null),
                    new BrowserStep(Action.CLICK, "#submit", null, null),
                    new BrowserStep(Action.WAIT_FOR_URL, null, "/dashboard", null),
                    new BrowserStep(Action.GOTO, null, app.base() + "/dashboard", null),
                    new BrowserStep(Action.ASSERT_TITLE, null, "Dashboard", null))), TIMEOUT_MS));
            assertThat(signedIn.ok()).as("within one run the session cookie holds: " + signedIn.message()).isTrue();

            // The next run has no cookie of the last one: the dashboard sends it to sign in.
            CheckOutcome next = executor.execute(TestJobs.job(new BrowserCheck(List.of(
                    new BrowserStep(Action.GOTO, null, app.base() + "/dashboard", null),
                    new BrowserStep(Action.ASSERT_TITLE, null, "Sign in", null))), TIMEOUT_MS));
            assertThat(next.ok()).as(next.message()).isTrue();
        }
        assertNoBrowserLeft();
    }

    private static BrowserCheckExecutor executor(TargetGuard guard, int pool, Duration killGrace) {
        BrowserProperties d = BrowserProperties.defaults();
        return new BrowserCheckExecutor(guard, new BrowserProperties(true, d.chromium(), d.chromedriver(), pool,
                d.stepTimeout(), killGrace, d.viewportWidth(), d.viewportHeight()));
    }

    private String base() {
        return "http://127.0.0.1:" + site.getAddress().getPort();
    }

    private static void page(HttpExchange exchange, String title, String body) throws IOException {
        byte[] bytes = ("<!doctype html><html><head><title>" + title + "</title></head><body>" + body
                + "</body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** No chromedriver or Chromium process left under this JVM, and every run's profile directory deleted. */
    private void assertNoBrowserLeft() {
        assertThat(ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false)).toList()).isEmpty();
        assertThat(profiles()).isSubsetOf(profilesBefore);
    }

    private static Set<String> profiles() {
        File[] dirs = new File(System.getProperty("java.io.tmpdir")).listFiles((d, n) -> n.startsWith("vigil-browser-"));
        return dirs == null ? Set.of() : Arrays.stream(dirs).map(File::getName).collect(Collectors.toSet());
    }
}
