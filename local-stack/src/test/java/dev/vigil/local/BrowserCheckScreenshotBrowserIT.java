package dev.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17's browser check from end to end, in Debian's Chromium twice over: the stack's probe runs a BROWSER monitor
 * (its own headless Chromium) that signs in to a small web app served here on loopback; the app's login breaks; the
 * failed run's screenshot goes to the alerting service, the incident's webhook (received here on loopback) links it,
 * and a person's Chromium follows that link to the dashboard, where the steps show with their timings, the failed one
 * marked, the screenshot beside it (served with nosniff, to the monitor's workspace only), in light and dark, with no
 * serious axe-core finding. The shared stack's known API port and its probes' browser (the tests' own) are what
 * this needs: the links alerts carry (vigil.notify.dashboard-url) point at it.
 */
@UsesSharedStack
class BrowserCheckScreenshotBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    private static final AxeCheck ACCESSIBILITY = new AxeCheck(Path.of("target", "axe-core"),
            SCREENSHOTS.resolve("axe-violations-browser-check.txt"));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};
    /**
     * Starting Chromium takes seconds, far more on a machine shared by builds; a round comes every 30 s (the local
     * stack's shortest interval for browser checks, each run allowed all of it).
     */
    private static final Duration ROUND_WAIT = Duration.ofSeconds(180);

    private static final AtomicBoolean loginBroken = new AtomicBoolean();
    private static final List<String> webhooks = new CopyOnWriteArrayList<>();
    private static HttpServer app;
    private static HttpServer receiver;
    private static LocalStack stack;
    private static DashboardBrowser dashboard;
    private static WebDriver browser;

    @BeforeAll
    static void start(SharedStack shared) throws IOException {
        assumeTrue(DashboardBrowser.isInstalled(),
                "Debian's chromium and chromium-driver are not installed; skipping the browser check test");
        app = loginApp();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            webhooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        stack = shared.stack();
        dashboard = shared.dashboard().checkedBy(ACCESSIBILITY).screenshotsTo(SCREENSHOTS);
        browser = dashboard.driver();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop(0);
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aBrokenLoginFailsTheBrowserCheckAndItsScreenshotIsLinkedFromTheWebhookAndShownBesideTheFailedStep()
            throws Exception {
        String key = dashboard.signUp("shop-" + UUID.randomUUID() + "@example.com", "browser check test password",
                "Shop");
        String shop = "http://127.0.0.1:" + app.getAddress().getPort();
        String channel = TestApi.call(stack, "POST", "/api/v1/alert-channels", key, Map.of("name", "hook",
                "type", "WEBHOOK", "config", Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort()
                        + "/hook", "secret", "browser-check-webhook-secret"))).get("id").asString();
        String monitor = TestApi.call(stack, "POST", "/api/v1/monitors", key, Map.of("name", "Shop sign-in",
                "type", "BROWSER", "intervalSeconds", 30, "timeoutMs", 30_000, "regions", List.of("local-a"),
                "confirmations", 0, "alertChannelIds", List.of(channel), "steps", List.of(
                        Map.of("action", "goto", "value", shop + "/login"),
                        Map.of("action", "fill", "selector", "#user", "value", "ada"),
                        Map.of("action", "fill", "selector", "#password", "value", "lovelace"),
                        Map.of("action", "click", "selector", "#submit"),
                        Map.of("action", "waitForUrl", "value", "/dashboard", "timeoutMs", 5000),
                        Map.of("action", "assertText", "selector", "#welcome", "value", "Welcome"))))
                .get("id").asString();

        // The probe's Chromium signs in: UP.
        await().atMost(ROUND_WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> "UP".equals(
                TestApi.call(stack, "GET", "/api/v1/monitors/" + monitor, key, null).get("status").asString()));

        // The deploy breaks the login: the next run fails at waitForUrl, the monitor is DOWN, the webhook goes out.
        loginBroken.set(true);
        JsonNode opened = await().atMost(ROUND_WAIT).pollInterval(Duration.ofSeconds(1)).until(
                () -> webhooks.stream().map(JSON::readTree)
                        .filter(w -> "incident.opened".equals(w.path("event").asString())).findFirst().orElse(null),
                w -> w != null);
        JsonNode screenshot = opened.path("incident").path("screenshot");
        assertThat(screenshot.isObject()).as("the webhook links a screenshot: %s", opened).isTrue();
        String pageUrl = screenshot.path("pageUrl").asString();
        String pngUrl = screenshot.path("url").asString();
        assertThat(pageUrl).startsWith(stack.apiUrl() + "/app/monitors/" + monitor + "/results/");
        assertThat(pngUrl).isEqualTo(stack.apiUrl() + "/api/v1/monitors/" + monitor + "/results/"
                + screenshot.path("resultId").asString() + "/screenshot");
        assertThat(opened.path("incident").path("cause").asString()).startsWith("step 5 (waitForUrl /dashboard)");

        // The person follows the webhook's link: each step with its timing, the failed one marked, the picture.
        browser.get(pageUrl);
        WebElement steps = dashboard.waitFor(By.id("steps"));
        List<WebElement> rows = steps.findElements(By.cssSelector("tbody tr"));
        assertThat(rows).hasSize(5);
        for (WebElement row : rows) {
            assertThat(row.findElements(By.tagName("td")).get(2).getText()).matches("\\d+ ms");
        }
        WebElement failed = steps.findElement(By.cssSelector("tr.failed-step"));
        assertThat(failed.getDomAttribute("data-step")).isEqualTo("4");
        assertThat(failed.getText()).contains("waitForUrl /dashboard").contains("/login?failed");
        assertThat(steps.getText()).doesNotContain("lovelace");
        WebElement picture = dashboard.waitFor(By.cssSelector("#screenshot img"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> ((Number) ((JavascriptExecutor) d)
                .executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0;", picture))
                .intValue() > 0);
        // Beside the steps: on the same row of the page.
        assertThat(picture.getRect().getY()).isLessThan(steps.getRect().getY() + steps.getRect().getHeight());
        dashboard.screenshot("20-browser-check-result");
        ACCESSIBILITY.assertNoSeriousViolations();

        // The incident page shows it too, linking the run.
        dashboard.open("/app/incidents/" + opened.path("incident").path("id").asString());
        assertThat(dashboard.waitFor(By.id("failed-run-link")).getDomAttribute("href")).isEqualTo(
                URI.create(pageUrl).getPath());
        dashboard.screenshot("21-browser-check-incident");
        ACCESSIBILITY.assertNoSeriousViolations();

        // The PNG: for the monitor's workspace only, never sniffed as anything else.
        HttpResponse<byte[]> own = get(pngUrl, key);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(own.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(Arrays.copyOf(own.body(), 4)).isEqualTo(PNG_MAGIC);
        String outsider = TestApi.call(stack, "POST", "/api/v1/signup", null, Map.of("email", "outsider-"
                + UUID.randomUUID() + "@example.com", "password", "outsider test password", "workspace", "Other"))
                .get("apiKey").asString();
        assertThat(get(pngUrl, outsider).statusCode()).isEqualTo(404);
        assertThat(get(pngUrl, null).statusCode()).isEqualTo(401);
    }

    private static HttpResponse<byte[]> get(String url, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A sign-in form, a session cookie and a dashboard; once {@link #loginBroken}, every sign-in fails. */
    private static HttpServer loginApp() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/login", exchange -> page(exchange, "Sign in", """
                <h1>Sign in</h1>
                <p id="error">%s</p>
                <form method="post" action="/session">
                  <input id="user" name="user"> <input id="password" name="password" type="password">
                  <button id="submit" type="submit">Sign in</button>
                </form>""".formatted(exchange.getRequestURI().getQuery() == null ? "" : "Login failed")));
        server.createContext("/session", exchange -> {
            String form = URLDecoder.decode(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            boolean ok = !loginBroken.get() && form.contains("user=ada") && form.contains("password=lovelace");
            exchange.getResponseHeaders().add("Location", ok ? "/dashboard" : "/login?failed");
            if (ok) {
                exchange.getResponseHeaders().add("Set-Cookie", "session=s1; Path=/; HttpOnly");
            }
            exchange.sendResponseHeaders(303, -1);
            exchange.close();
        });
        server.createContext("/dashboard", exchange -> {
            String cookie = exchange.getRequestHeaders().getFirst("Cookie");
            if (cookie == null || !cookie.contains("session=s1")) {
                exchange.getResponseHeaders().add("Location", "/login");
                exchange.sendResponseHeaders(303, -1);
                exchange.close();
                return;
            }
            page(exchange, "Dashboard", "<h1 id=\"welcome\">Welcome, Ada</h1>");
        });
        server.start();
        return server;
    }

    private static void page(HttpExchange exchange, String title, String body) throws IOException {
        byte[] bytes = ("<!doctype html><html><head><title>" + title + "</title></head><body>" + body
                + "</body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
