package dev.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.sun.net.httpserver.HttpServer;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.vigil.alerting.notify.sender.WebhookSender;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in Debian's Chromium (headless, driven through its chromedriver) against the whole pipeline in one
 * JVM: PostgreSQL, ElasticMQ, scheduler, three probe regions, alerting and the API. A person signs up, creates an
 * HTTP monitor on a loopback target, sees it go UP without reloading, the target starts failing, the monitor goes
 * DOWN and an incident opens; they acknowledge it; the target recovers and so does the monitor. "Test now" runs one
 * check through the probes. The account flows (sign-up with its mailed confirmation, invitation, password reset,
 * two-factor sign-in) follow the links of the mails the stack sends to GreenMail. Screenshots of the main pages land
 * in target/dashboard-screenshots for review.
 */
@UsesSharedStack
class DashboardBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    private static final Duration STATUS_CHANGE = Duration.ofSeconds(90);
    /** axe-core on every page screenshot, in both themes; each test fails at its end if any found something. */
    private static final AxeCheck ACCESSIBILITY = new AxeCheck(Path.of("target", "axe-core"),
            SCREENSHOTS.resolve("axe-violations.txt"));

    private static final AtomicInteger targetStatus = new AtomicInteger(200);
    private static HttpServer target;
    /** The webhook channel's receiver: every request it got, with the headers a receiver dedupes and routes by. */
    private static HttpServer receiver;
    private static final List<Received> webhooks = new CopyOnWriteArrayList<>();
    /** The SMTP server the stack mails to; the account test reads its mails and follows the links. */
    private static GreenMail smtp;
    private static LocalStack stack;
    private static DashboardBrowser dashboard;
    private static WebDriver browser;

    @BeforeAll
    static void startEverything(SharedStack shared) throws IOException {
        assumeTrue(DashboardBrowser.isInstalled(),
                "neither Debian's chromium and chromium-driver (.ci/run installs them) nor Google Chrome with "
                        + "CHROMEWEBDRIVER is installed; skipping the dashboard browser test");
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/health", exchange -> {
            int status = targetStatus.get();
            byte[] body = (status == 200 ? "{\"status\":\"up\"}" : "{\"status\":\"broken\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        target.start();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            webhooks.add(new Received(exchange.getRequestHeaders().getFirst("X-Vigil-Event"),
                    exchange.getRequestHeaders().getFirst("X-Vigil-Delivery"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("X-Vigil-Signature")));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        // Both tests post the account forms that share the per-address sign-up limit, from one address: the shared
        // stack allows for that.
        stack = shared.stack();
        smtp = shared.smtp();
        dashboard = shared.dashboard().checkedBy(ACCESSIBILITY).screenshotsTo(SCREENSHOTS);
        browser = dashboard.driver();
    }

    @AfterAll
    static void stopEverything() {
        if (target != null) {
            target.stop(0);
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void signUpMonitorOutageAcknowledgeAndRecovery() throws IOException {
        // Sign up: the first API key is shown once.
        dashboard.open("/signup");
        dashboard.type("email", "browser-" + UUID.randomUUID() + "@example.com");
        dashboard.type("password", "browser test password");
        dashboard.type("workspace", "Browser test");
        screenshot("01-signup");
        dashboard.click("sign-up");
        String apiKey = dashboard.waitFor(By.id("new-key")).getText();
        assertThat(apiKey).startsWith("vgl_");
        screenshot("02-monitors-empty");

        // A monitor with an invalid URL first: the API's message shows next to the field.
        dashboard.click("new-monitor");
        new Select(browser.findElement(By.id("type"))).selectByValue("HTTP");
        dashboard.type("name", "Loopback target");
        dashboard.type("url", "not a url");
        dashboard.click("save-monitor");
        assertThat(dashboard.waitFor(By.id("url-error")).getText()).isNotBlank();
        screenshot("03-monitor-form-invalid");
        // The fields of the service types (issue 17), labelled and accessible in both themes, then back to HTTP.
        for (String type : java.util.List.of("WEBSOCKET", "GRPC", "DATABASE")) {
            new Select(browser.findElement(By.id("type"))).selectByValue(type);
            screenshot("03-monitor-form-" + type.toLowerCase(java.util.Locale.ROOT));
        }
        new Select(browser.findElement(By.id("type"))).selectByValue("HTTP");

        dashboard.type("url", "http://127.0.0.1:" + target.getAddress().getPort() + "/health");
        dashboard.type("intervalSeconds", "5");
        dashboard.click("save-monitor");
        dashboard.waitFor(By.id("monitor-status"));
        assertThat(browser.getCurrentUrl()).contains("/app/monitors/");
        String monitorPage = browser.getCurrentUrl();

        // UP without a reload: the status block is polled.
        waitForText(By.id("monitor-status"), "UP");
        browser.navigate().refresh();
        dashboard.waitFor(By.cssSelector("#results tbody tr"));

        // Test now: one check from a chosen region, its result shown when the pipeline has stored it.
        new Select(browser.findElement(By.id("test-region"))).selectByValue("local-b");
        dashboard.click("test-now");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("test-result"), "OK"));
        assertThat(browser.findElement(By.id("test-result")).getText()).contains("local-b").contains("HTTP 200");
        screenshot("04-monitor-up");

        dashboard.open("/app/monitors");
        waitForText(By.cssSelector("#monitor-rows tbody tr"), "UP");
        assertThat(browser.findElement(By.cssSelector("#monitor-rows tbody tr")).getText())
                .contains("Loopback target");
        screenshot("05-monitor-list");
        tagFilterAndBulkPause(apiKey);

        // A webhook channel on a loopback receiver (local mode allows private targets), tested, linked to the monitor.
        dashboard.open("/app/channels");
        dashboard.click("new-channel");
        new Select(browser.findElement(By.id("type"))).selectByValue("WEBHOOK");
        dashboard.type("name", "Loopback receiver");
        dashboard.type("cfg-url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        dashboard.type("cfg-secret", "short");
        dashboard.click("save-channel");
        assertThat(dashboard.waitFor(By.id("cfg-secret-error")).getText()).contains("config.secret");
        screenshot("05a-channel-form-invalid");
        dashboard.type("cfg-secret", "browser-webhook-signing-secret");
        dashboard.click("save-channel");
        dashboard.waitFor(By.id("channel-config"));
        String channelPage = browser.getCurrentUrl();
        assertThat(browser.getPageSource()).doesNotContain("browser-webhook-signing-secret");
        dashboard.click("send-test");
        waitForText(By.cssSelector("#deliveries .delivery-status"), "DELIVERED");
        assertThat(webhooks).anySatisfy(w -> assertThat(w.event()).isEqualTo("test"));
        screenshot("05b-channel-tested");
        dashboard.open("/app/channels");
        assertThat(dashboard.waitFor(By.id("channels")).getText()).contains("Loopback receiver").contains("WEBHOOK")
                .contains("Healthy");
        screenshot("05c-channel-list");

        browser.get(monitorPage);
        dashboard.click("edit-monitor");
        dashboard.waitFor(By.id("save-monitor"));
        screenshot("05i-monitor-edit");
        dashboard.click(By.xpath("//fieldset[@id='monitor-channels']//label[contains(., 'Loopback receiver')]"));
        dashboard.click("save-monitor");
        dashboard.waitFor(By.id("monitor-status"));

        // Outage: the target fails in every region; the monitor goes DOWN and an incident opens, shown on the open
        // pages by the live stream (server-sent events), without a reload: a marker set on the page survives.
        dashboard.open("/app/monitors");
        waitForLiveStream();
        browser.get(monitorPage);
        waitForLiveStream();
        ((JavascriptExecutor) browser).executeScript("window.vigilNoReload = 'still here';");
        targetStatus.set(503);
        waitForText(By.id("monitor-status"), "DOWN");
        dashboard.waitFor(By.id("open-incident"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.vigilNoReload;"))
                .isEqualTo("still here");
        screenshot("06-monitor-down");

        // The channel got the incident.opened webhook, and its delivery log says so.
        new WebDriverWait(browser, STATUS_CHANGE).pollingEvery(Duration.ofMillis(500))
                .until(d -> webhooks.stream().anyMatch(w -> "incident.opened".equals(w.event())));
        Received opened = webhooks.stream().filter(w -> "incident.opened".equals(w.event())).findFirst()
                .orElseThrow();
        assertThat(opened.delivery()).isNotBlank();
        assertThat(opened.body()).contains("Loopback target");
        assertThat(opened.signature()).isEqualTo("sha256="
                + WebhookSender.hmac("browser-webhook-signing-secret", opened.body()));
        browser.get(channelPage);
        // The log is polled (its element replaced every few seconds), so stale elements are looked up again.
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class).until(d -> d.findElement(By.cssSelector(
                "#deliveries tr[data-delivery-id='" + opened.delivery() + "'] .delivery-status")).getText()
                .equals("DELIVERED"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.cssSelector("#deliveries tr[data-delivery-id='" + opened.delivery()
                        + "']")).getText().contains("incident.opened"));
        assertThat(browser.findElement(By.cssSelector("#deliveries tr[data-delivery-id='" + opened.delivery()
                + "'] .delivery-code")).getText()).isEqualTo("200");
        screenshot("06b-channel-delivery-log");

        dashboard.open("/app/incidents");
        WebElement incidentLink = dashboard.waitFor(By.cssSelector("#open-incidents tbody tr a"));
        screenshot("07-incidents-open");
        incidentLink.click();
        dashboard.click("acknowledge");
        dashboard.waitFor(By.id("incident-ack"));
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("ACKNOWLEDGED")
                .contains("Acknowledged in the dashboard");
        screenshot("08-incident-acknowledged");
        // The list's filters: the acknowledged incident is under "acknowledged", not under "unacknowledged".
        dashboard.open("/app/incidents");
        new Select(dashboard.waitFor(By.id("incident-state"))).selectByValue("acknowledged");
        dashboard.waitForUrl("state=acknowledged");
        assertThat(dashboard.waitFor(By.id("open-incidents")).getText()).contains("Loopback target");
        screenshot("08b-incidents-acknowledged");
        dashboard.open("/app/incidents?state=unacknowledged");
        assertThat(dashboard.waitFor(By.id("open-incidents")).getText()).contains("No open incidents");

        // Recovery.
        targetStatus.set(200);
        browser.get(monitorPage);
        waitForText(By.id("monitor-status"), "UP");
        wakeFromSleep();
        dashboard.open("/app/incidents");
        assertThat(dashboard.waitFor(By.id("open-incidents")).getText()).contains("No open incidents");
        screenshot("09-incidents-resolved");

        // The other pages, and the list on a phone-sized screen.
        dashboard.open("/app/members");
        screenshot("10-members");
        dashboard.open("/app/api-keys");
        screenshot("11-api-keys");
        dashboard.open("/app/monitors/" + UUID.randomUUID());
        assertThat(dashboard.waitFor(By.tagName("h1")).getText()).isNotBlank();
        screenshot("11b-not-found");
        browser.get(monitorPage);
        dashboard.waitFor(By.id("latency-chart"));
        browser.manage().window().setSize(new Dimension(390, 844));
        dashboard.open("/app/monitors");
        dashboard.waitFor(By.cssSelector("#monitor-rows tbody tr"));
        screenshot("12-monitor-list-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));

        // Keyboard: the skip link is the first stop; a form is usable without a mouse.
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Skip to content");
        dashboard.open("/app/api-keys");
        browser.findElement(By.id("key-name")).sendKeys("From the keyboard", Keys.ENTER);
        assertThat(dashboard.waitFor(By.id("new-key")).getText()).startsWith("vgl_");
        dashboard.signOut();
        ACCESSIBILITY.assertNoSeriousViolations();
    }

    /**
     * The account flows as a person goes through them, with the links of the mails they receive: sign up, confirm
     * the address, sign in; invite someone new, who accepts and makes their account from the invitation; reset a
     * forgotten password; turn on two-factor sign-in and sign in with a code from the authenticator.
     */
    @Test
    void signUpVerifyInviteAcceptResetAndTwoFactor() throws Exception {
        browser.manage().deleteAllCookies();
        String owner = "owner-" + UUID.randomUUID() + "@example.com";
        dashboard.open("/signup");
        dashboard.type("email", owner);
        dashboard.type("password", "owner's first password");
        dashboard.type("workspace", "Accounts browser test");
        dashboard.click("sign-up");
        assertThat(dashboard.waitFor(By.id("unverified-banner")).getText()).contains("Confirm your email address");
        screenshot("20-signed-up-unverified");

        openMailedLink(owner, "/verify-email");
        assertThat(dashboard.waitFor(By.id("email-verified")).getText()).contains(owner);
        screenshot("21-email-verified");
        dashboard.signOut();
        dashboard.signIn(owner, "owner's first password");
        assertThat(browser.findElements(By.id("unverified-banner"))).isEmpty();

        // Invite someone new; they accept from the mail and make their account there.
        dashboard.open("/app/members");
        String invitee = "invitee-" + UUID.randomUUID() + "@example.com";
        dashboard.type("invite-email", invitee);
        new Select(browser.findElement(By.id("invite-role"))).selectByValue("ADMIN");
        dashboard.click("invite");
        assertThat(dashboard.waitFor(By.cssSelector("p.notice")).getText()).contains("Invitation mailed to " + invitee);
        assertThat(browser.findElement(By.cssSelector("tr[data-member='" + invitee + "']")).getText())
                .contains("INVITED");
        screenshot("22-invited");
        dashboard.signOut();
        openMailedLink(invitee, "/invitation");
        assertThat(dashboard.waitFor(By.tagName("h1")).getText()).contains("Accounts browser test");
        screenshot("23-invitation");
        dashboard.type("password", "the invitee's password");
        dashboard.click("create-and-join");
        dashboard.waitFor(By.id("workspace-switch"));
        assertThat(new Select(browser.findElement(By.id("workspace-switch"))).getFirstSelectedOption().getText())
                .contains("Accounts browser test").contains("ADMIN");
        dashboard.signOut();

        // The owner forgot their password: a reset link by mail.
        dashboard.open("/login");
        dashboard.waitFor(By.id("forgot-password"));
        screenshot("24-sign-in");
        dashboard.click("forgot-password");
        dashboard.waitFor(By.id("send-reset"));
        screenshot("24-forgot-password");
        dashboard.type("email", owner);
        dashboard.click("send-reset");
        dashboard.waitFor(By.id("reset-requested"));
        openMailedLink(owner, "/reset-password");
        dashboard.type("password", "owner's second password");
        screenshot("24-reset-password");
        dashboard.click("set-password");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/login?reset"));
        dashboard.signIn(owner, "owner's second password");

        // A time zone of one's own (issue 22): the dashboard's absolute times show in it, not in the browser's.
        dashboard.open("/app/account");
        new Select(browser.findElement(By.id("time-zone"))).selectByValue("Asia/Kathmandu");
        dashboard.click("save-time-zone");
        assertThat(dashboard.waitFor(By.cssSelector("p.notice")).getText()).contains("Asia/Kathmandu");
        screenshot("24b-time-zone");
        Object shown = ((JavascriptExecutor) browser).executeScript(
                "return localTime(new Date('2026-01-01T00:00:00Z'));");
        assertThat(String.valueOf(shown)).contains("5:45");

        // Two-factor sign-in: enrol with the authenticator's first code, then sign in with a later one.
        dashboard.open("/app/account");
        dashboard.click("start-two-factor");
        String secret = dashboard.waitFor(By.id("totp-secret")).getText();
        screenshot("25-two-factor-enrol");
        dashboard.type("enable-code", totp(secret, 0));
        dashboard.click("enable-two-factor");
        assertThat(dashboard.waitFor(By.id("recovery-codes")).findElements(By.tagName("li"))).hasSize(10);
        screenshot("26-recovery-codes");
        dashboard.signOut();
        dashboard.open("/login");
        dashboard.type("username", owner);
        dashboard.type("password", "owner's second password");
        dashboard.click("sign-in");
        dashboard.waitFor(By.id("code"));
        screenshot("27-two-factor-code");
        dashboard.type("code", totp(secret, 1));
        dashboard.click("verify-code");
        dashboard.waitFor(By.id("workspace-switch"));
        assertThat(browser.getCurrentUrl()).contains("/app/monitors");
        dashboard.signOut();
        ACCESSIBILITY.assertNoSeriousViolations();
    }

    /** The code an authenticator app shows {@code offset} time steps from now. */
    private static String totp(String secret, int offset) throws Exception {
        return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret,
                java.time.Instant.now().getEpochSecond() / 30 + offset);
    }

    /** Opens the newest link to {@code path} mailed to {@code address}, on this stack, as a person clicks it. */
    private void openMailedLink(String address, String path) {
        Pattern link = Pattern.compile("https?://[^/\\s]+" + Pattern.quote(path) + "\\?token=[A-Za-z0-9_-]+");
        String found = new WebDriverWait(browser, Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(200))
                .until(d -> java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().equalsIgnoreCase(address);
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                }).map(GreenMailUtil::getBody).map(b -> b.replace("=\r\n", "").replace("=\n", ""))
                        .map(link::matcher).filter(Matcher::find).map(Matcher::group)
                        .reduce((first, second) -> second).orElse(null));
        java.net.URI uri = java.net.URI.create(found);
        dashboard.open(uri.getPath() + "?" + uri.getRawQuery());
    }

    /**
     * Tags and bulk actions: a tag made on the list page, two monitors checked and tagged at once, the list filtered
     * by the tag, and the whole filtered set paused with "all matching"; the loopback monitor is left alone.
     */
    private void tagFilterAndBulkPause(String apiKey) throws IOException {
        for (String name : List.of("Tagged A", "Tagged B")) {
            createMonitor(apiKey, name);
        }
        dashboard.open("/app/monitors");
        browser.findElement(By.cssSelector("details.labels summary")).click();
        dashboard.type("new-tag-name", "production");
        dashboard.click("create-tag");
        assertThat(dashboard.waitFor(By.cssSelector(".notice")).getText()).contains("production");
        dashboard.waitFor(By.cssSelector("#monitor-rows tbody tr"));
        for (String name : List.of("Tagged A", "Tagged B")) {
            dashboard.click(By.xpath("//tr[.//a[text()='" + name + "']]//input[@name='ids']"));
        }
        new Select(browser.findElement(By.id("bulk-action"))).selectByValue("add_tags");
        new Select(browser.findElement(By.id("bulk-tag"))).selectByVisibleText("production");
        screenshot("05d-monitors-selected");
        dashboard.click("bulk-apply");
        assertThat(dashboard.waitFor(By.cssSelector(".notice")).getText()).contains("Tagged 2 of 2 monitors");

        new Select(browser.findElement(By.id("tag-filter"))).selectByVisibleText("production");
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("#monitor-rows tbody tr")).size() == 2);
        assertThat(browser.findElement(By.id("monitor-rows")).getText()).contains("Tagged A").contains("Tagged B")
                .doesNotContain("Loopback target");
        screenshot("05e-monitors-filtered-by-tag");
        dashboard.click("select-all-matching");
        new Select(browser.findElement(By.id("bulk-action"))).selectByValue("pause");
        dashboard.click("bulk-apply");
        assertThat(dashboard.waitFor(By.cssSelector(".notice")).getText()).contains("Paused 2 of 2 monitors");
        assertThat(browser.getCurrentUrl()).contains("tag=production");
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("#monitor-rows .status-paused")).size() == 2);
        screenshot("05f-filtered-set-paused");
        // Delete asks first, naming the count; cancelling deletes nothing.
        dashboard.click("select-all-matching");
        new Select(browser.findElement(By.id("bulk-action"))).selectByValue("delete");
        dashboard.click("bulk-apply");
        assertThat(dashboard.waitFor(By.id("bulk-delete-title")).getText()).isEqualTo("Delete 2 monitors?");
        assertThat(browser.findElement(By.id("confirm-bulk-delete")).getText()).isEqualTo("Delete 2 monitors");
        screenshot("05f2-bulk-delete-confirm");
        dashboard.click(By.linkText("Cancel"));
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("#monitor-rows .status-paused")).size() == 2);
        dashboard.open("/app/monitors?status=UP");
        waitForText(By.id("monitor-rows"), "Loopback target");
        darkModeAndKeyboard();
    }

    /**
     * Dark mode: the switch turns it on, the choice outlives a reload (remembered by this browser), and turns it off
     * again. Keyboard: "/" goes to the search and filters as typed, "j" and "k" walk the rows, "?" shows the help,
     * "n" opens the new monitor form.
     */
    private void darkModeAndKeyboard() throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        dashboard.open("/app/monitors");
        dashboard.click("theme-toggle");
        assertThat(js.executeScript("return document.documentElement.getAttribute('data-theme');")).isEqualTo("dark");
        browser.navigate().refresh();
        dashboard.waitFor(By.id("theme-toggle"));
        assertThat(js.executeScript("return document.documentElement.getAttribute('data-theme');")).isEqualTo("dark");
        assertThat(js.executeScript("return getComputedStyle(document.body).backgroundColor;"))
                .isEqualTo("rgb(11, 17, 32)");
        assertThat(browser.findElement(By.id("theme-toggle")).getAttribute("aria-pressed")).isEqualTo("true");
        screenshot("05g-monitors-dark-chosen");
        dashboard.click("theme-toggle");
        assertThat(js.executeScript("return document.documentElement.getAttribute('data-theme');")).isEqualTo("light");

        js.executeScript("document.activeElement.blur();");
        new Actions(browser).sendKeys("/").perform();
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("q");
        browser.switchTo().activeElement().sendKeys("Tagged");
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("#monitor-rows tbody tr")).size() == 2);
        assertThat(browser.findElement(By.id("monitor-rows")).getText()).doesNotContain("Loopback target");
        // Leaving the search field fires "change", which refetches the rows once more: let that land first, or
        // the row "j" focuses is replaced under it.
        js.executeScript("document.activeElement.blur();");
        new WebDriverWait(browser, Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(500))
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                        "return document.querySelectorAll('.htmx-request, .htmx-settling, .htmx-swapping').length"
                                + " === 0;")));
        new Actions(browser).sendKeys("j").perform();
        assertThat(browser.switchTo().activeElement().getText()).startsWith("Tagged");
        new Actions(browser).sendKeys("?").perform();
        assertThat(dashboard.waitFor(By.id("shortcuts-help")).getText()).contains("Search the list");
        screenshot("05h-keyboard-shortcuts");
        dashboard.click("shortcuts-close");
        // "j" and "k" walk down and up the rows, keeping their place while live results refetch the rows under
        // them (the loopback monitor's checks arrive every 5 s); "n" starts a new monitor.
        new Actions(browser).sendKeys("j").perform();
        waitForFocusOn("Tagged B");
        new Actions(browser).sendKeys("k").perform();
        waitForFocusOn("Tagged A");
        js.executeScript("htmx.trigger(document.getElementById('monitor-rows'), 'vigil:live');");
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("#monitor-rows tr.kbd-current")).size() == 1
                        && Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                        "return document.querySelectorAll('.htmx-request, .htmx-settling, .htmx-swapping').length"
                                + " === 0;")));
        waitForFocusOn("Tagged A");
        new Actions(browser).sendKeys("j").perform();
        waitForFocusOn("Tagged B");
        new Actions(browser).sendKeys("n").perform();
        dashboard.waitForUrl("/app/monitors/new");
    }

    /**
     * A laptop waking up, as the open page sees it: its clock jumps a minute between two of its 5-second ticks. The
     * page opens a new stream that resumes after the last event it had ({@code lastEventId}) and refetches its live
     * part, without a reload. Only the clock is simulated; the streams, the server and the refetch are real.
     */
    private void wakeFromSleep() {
        waitForLiveStream();
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("""
                window.vigilNoReload = 'still here';
                window.vigilStreams = [];
                var Real = window.EventSource;
                window.EventSource = function (url, options) {
                    window.vigilStreams.push(url);
                    return new Real(url, options);
                };
                window.EventSource.CLOSED = Real.CLOSED;
                document.getElementById('monitor-live').setAttribute('data-before-sleep', 'yes');
                var now = Date.now;
                Date.now = function () { return now() + 60000; };""");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> ((Number) ((JavascriptExecutor) d)
                .executeScript("return window.vigilStreams.length;")).intValue() > 0);
        assertThat(String.valueOf(js.executeScript("return window.vigilStreams[0];"))).contains("lastEventId=");
        waitForLiveStream();
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("monitor-live")).getAttribute("data-before-sleep") == null);
        assertThat(browser.findElement(By.id("monitor-status")).getText()).contains("UP");
        assertThat(js.executeScript("return window.vigilNoReload;")).isEqualTo("still here");
    }

    /** The focus is on the link with this text (a row's name), once the page's scripts have put it there. */
    private void waitForFocusOn(String text) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> text.equals(d.switchTo().activeElement().getText()));
    }

    /** The page's live stream is open (app.js marks the document when the server has answered it). */
    private void waitForLiveStream() {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> "open".equals(((JavascriptExecutor) d)
                .executeScript("return document.documentElement.getAttribute('data-live-state');")));
    }

    private void createMonitor(String apiKey, String name) throws IOException {
        String body = "{\"name\":\"" + name + "\",\"type\":\"HTTP\",\"url\":\"http://127.0.0.1:"
                + target.getAddress().getPort() + "/health\",\"intervalSeconds\":60}";
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.apiUrl() + "/api/v1/monitors"))
                            .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private record Received(String event, String delivery, String body, String signature) {
    }

    private void waitForText(By by, String text) {
        new WebDriverWait(browser, STATUS_CHANGE).pollingEvery(Duration.ofMillis(500))
                .until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** Every visible form field has a label (or an aria-label), for screen readers and for clicking. */
    private void assertEveryFieldLabelled() {
        Object unlabelled = ((JavascriptExecutor) browser).executeScript("""
                return Array.from(document.querySelectorAll('input, select, textarea'))
                    .filter(e => e.type !== 'hidden' && !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
                    .map(e => e.name || e.id);""");
        assertThat((java.util.List<?>) unlabelled).as("fields without a label on %s", browser.getCurrentUrl())
                .isEmpty();
    }

    /**
     * The page as it is: every field labelled, then axe-core in the light and the dark theme with a screenshot of
     * each (target/dashboard-screenshots, name and name-dark), the theme put back so the walk goes on in it.
     */
    private void screenshot(String name) throws IOException {
        assertEveryFieldLabelled();
        dashboard.screenshot(name);
    }
}
