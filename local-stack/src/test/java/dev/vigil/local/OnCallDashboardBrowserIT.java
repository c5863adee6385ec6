package dev.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.common.testing.TestDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The on-call pages of issue 19 in Debian's Chromium against the whole stack: a rotation made and shown with who is
 * on call now, an override that changes it and the next hand-over, a member's on-call contact set to a channel of
 * another type, an escalation policy of two levels (and its problems shown under the level), the audit log filtered
 * to what was done, the probes and plugins page; then a viewer of the workspace sees all of it and can change none.
 * Every page passes axe-core in the light and the dark theme.
 */
@UsesSharedStack
class OnCallDashboardBrowserIT {

    /** As in DashboardBrowserIT: VIGIL_CHROME_BINARY/VIGIL_CHROMEDRIVER, Debian's chromium, a runner's Chrome. */
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots", "oncall");
    private static final AxeCheck ACCESSIBILITY = new AxeCheck(Path.of("target", "axe-core"),
            SCREENSHOTS.resolve("axe-violations.txt"));

    private static HttpServer receiver;
    private static TestDatabase database;
    private static LocalStack stack;
    private static DashboardBrowser dashboard;
    private static WebDriver browser;

    @BeforeAll
    static void startEverything(SharedStack shared) throws IOException {
        assumeTrue(DashboardBrowser.isInstalled(),
                "no chromium and chromedriver (.ci/run installs Debian's); skipping");
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        // Two sign-ups from one address: the shared stack allows them.
        stack = shared.stack();
        database = shared.database();
        dashboard = shared.dashboard().checkedBy(ACCESSIBILITY).screenshotsTo(SCREENSHOTS);
        browser = dashboard.driver();
    }

    @AfterAll
    static void stopEverything() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void rotationsOverridesContactsEscalationAuditAndProbesInTheBrowser() throws Exception {
        // Members are listed (and take turns) by address: "ann-" comes before "bob-".
        String owner = "ann-" + UUID.randomUUID() + "@example.com";
        String apiKey = dashboard.signUp(owner, "browser test password", "On call");
        JsonNode workspace = TestApi.call(stack, "GET", "/api/v1/workspace", apiKey, null);
        UUID workspaceId = UUID.fromString(workspace.get("id").asString());
        String bob = "bob-" + UUID.randomUUID() + "@example.com";
        member(workspaceId, bob, "ADMIN");
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort();
        TestApi.call(stack, "POST", "/api/v1/monitors", apiKey, Map.of("name", "Shop", "type", "HTTP",
                "url", hook + "/health", "regions", List.of("local-a", "local-b")));
        TestApi.call(stack, "POST", "/api/v1/alert-channels", apiKey, Map.of("name", "Ops hook", "type", "WEBHOOK",
                "config", Map.of("url", hook + "/hook", "secret", "a-webhook-secret-0123456789")));
        TestApi.call(stack, "POST", "/api/v1/alert-channels", apiKey, Map.of("name", "Bob's phone", "type", "NTFY",
                "config", Map.of("topicUrl", hook + "/bob")));

        // 1. A daily rotation of both, started an hour ago: the owner's first shift runs.
        dashboard.open("/app/oncall");
        dashboard.waitFor(By.id("no-rotations"));
        dashboard.screenshot("01-oncall-empty");
        dashboard.type("rotation-name", "Primary");
        new Select(browser.findElement(By.id("rotation-handoff"))).selectByValue("DAILY");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        setValue("rotation-starts", local(now.minus(Duration.ofHours(1))));
        checkLabelled(owner);
        checkLabelled(bob);
        dashboard.click("create-rotation");
        assertThat(dashboard.waitFor(By.id("on-call-now")).getText()).contains(owner).doesNotContain("override");
        assertThat(browser.findElement(By.id("next-handover")).getText()).contains(bob)
                .contains(format(now.plus(Duration.ofHours(23))));
        dashboard.screenshot("02-rotation");

        // 2. An override that cannot be: its problem under its field, nothing added.
        new Select(browser.findElement(By.id("override-member"))).selectByVisibleText(bob);
        setValue("override-starts", local(now.plus(Duration.ofHours(2))));
        setValue("override-ends", local(now.plus(Duration.ofHours(1))));
        dashboard.click("add-override");
        assertThat(dashboard.waitFor(By.id("override-ends-error")).getText()).contains("after startsAt");
        assertThat(browser.findElements(By.id("overrides"))).isEmpty();
        dashboard.screenshot("03-override-error");

        // 3. Bob covers from ten minutes ago for two hours: he is on call now, the owner takes over at its end.
        new Select(browser.findElement(By.id("override-member"))).selectByVisibleText(bob);
        setValue("override-starts", local(now.minus(Duration.ofMinutes(10))));
        setValue("override-ends", local(now.plus(Duration.ofHours(2))));
        dashboard.type("override-note", "Owner at the dentist");
        dashboard.click("add-override");
        assertThat(dashboard.waitFor(By.id("on-call-now")).getText()).contains(bob).contains("override");
        assertThat(browser.findElement(By.id("next-handover")).getText()).contains(owner)
                .contains(format(now.plus(Duration.ofHours(2))));
        assertThat(browser.findElement(By.id("overrides")).getText()).contains(bob).contains("Owner at the dentist");
        dashboard.screenshot("04-override");
        dashboard.open("/app/oncall");
        assertThat(dashboard.waitFor(By.cssSelector("#rotations tr[data-rotation='Primary'] .on-call-now")).getText())
                .contains(bob);

        // 4. Bob is paged on his phone (an ntfy channel), not by email.
        dashboard.click(By.cssSelector("#contacts tr[data-member='" + bob + "'] a"));
        checkLabelled("Bob's phone (NTFY)");
        WebElement email = dashboard.waitFor(By.id("contact-email"));
        if (email.isSelected()) {
            email.click();
        }
        dashboard.screenshot("05-contact");
        dashboard.click("save-contact");
        assertThat(dashboard.waitFor(By.cssSelector("#contacts tr[data-member='" + bob + "']")).getText())
                .contains("Bob's phone");
        assertThat(browser.findElement(By.cssSelector("#contacts tr[data-member='" + bob + "'] td[data-label='Email']"))
                .getText()).isEqualTo("no");

        // 5. An escalation policy: the hook, then after 5 minutes whoever is on call. A first try without the
        //    minutes shows the problem under level 1.
        dashboard.open("/app/escalation");
        dashboard.click(By.cssSelector("#policies tr[data-monitor='Shop'] a"));
        checkLabelled("Ops hook (WEBHOOK)");
        new Select(dashboard.waitFor(By.id("level-1-rotation"))).selectByVisibleText("Primary");
        dashboard.click("save-policy");
        assertThat(dashboard.waitFor(By.id("level-0-error")).getText()).contains("afterMinutes");
        dashboard.screenshot("06-escalation-error");
        dashboard.type("level-0-after", "5");
        dashboard.click("save-policy");
        assertThat(dashboard.waitFor(By.cssSelector("#policies tr[data-monitor='Shop']")).getText())
                .contains("Ops hook").contains("on call in Primary").contains("after 5 min");
        dashboard.screenshot("07-escalation");

        // 6. The audit log, filtered to the overrides, then to nothing.
        dashboard.open("/app/audit");
        dashboard.waitFor(By.id("audit-entries"));
        dashboard.screenshot("08-audit");
        dashboard.type("audit-action", "oncall_override");
        waitForStart(By.id("audit-count"), "1 entry");
        assertThat(browser.findElement(By.id("audit-entries")).getText()).contains("oncall_override.created")
                .contains(owner);
        dashboard.type("audit-actor", "nobody-at-all");
        waitForStart(By.id("audit-count"), "0 entries");
        dashboard.screenshot("09-audit-filtered");

        // 7. Probes: the local regions' live probes with their versions; plugins.
        dashboard.open("/app/probes");
        dashboard.waitFor(By.id("regions"));
        new WebDriverWait(browser, Duration.ofSeconds(60)).pollingEvery(Duration.ofSeconds(2)).until(d -> {
            d.navigate().refresh();
            return !d.findElements(By.cssSelector("#probes tr[data-probe]")).isEmpty();
        });
        assertThat(browser.findElement(By.id("regions")).getText()).contains("local-a").contains("local-b");
        assertThat(browser.findElement(By.id("probes")).getText()).contains("Live");
        assertThat(browser.findElements(By.cssSelector("#probes .probe-version"))).isNotEmpty();
        dashboard.screenshot("10-probes");

        // 8. A viewer of the workspace reads every page and is offered no change.
        // Waits for /login: the click returns before the sign-out has finished, and /signup would still see a session.
        dashboard.signOut();
        String viewer = "viewer-" + UUID.randomUUID() + "@example.com";
        dashboard.signUp(viewer, "browser test password", "Viewer's own");
        join(workspaceId, viewer, "VIEWER");
        dashboard.open("/app/oncall");
        WebElement switcher = dashboard.waitFor(By.id("workspace-switch"));
        new Select(switcher).selectByValue(workspaceId.toString());
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(switcher));
        dashboard.open("/app/oncall");
        assertThat(new Select(dashboard.waitFor(By.id("workspace-switch"))).getFirstSelectedOption()
                .getAttribute("value")).isEqualTo(workspaceId.toString());
        dashboard.waitFor(By.id("rotations"));
        assertThat(browser.findElements(By.id("create-rotation"))).isEmpty();
        assertThat(browser.findElement(By.id("contacts")).getText()).doesNotContain("Edit");
        dashboard.screenshot("11-oncall-viewer");
        dashboard.click(By.cssSelector("#rotations a"));
        assertThat(dashboard.waitFor(By.id("on-call-now")).getText()).contains(bob);
        assertThat(browser.findElements(By.id("add-override"))).isEmpty();
        assertThat(browser.findElements(By.id("save-rotation"))).isEmpty();
        dashboard.open("/app/escalation");
        dashboard.click(By.cssSelector("#policies tr[data-monitor='Shop'] a"));
        dashboard.waitFor(By.id("policy-form"));
        assertThat(browser.findElements(By.id("save-policy"))).isEmpty();
        dashboard.screenshot("12-escalation-viewer");
        dashboard.open("/app/audit");
        assertThat(dashboard.waitFor(By.id("audit-entries")).getText()).contains("oncall_rotation.created");

        ACCESSIBILITY.assertNoSeriousViolations();
    }

    /** A verified member added to the workspace as an invitation accepted would add them. */
    private static void member(UUID workspaceId, String email, String role) throws Exception {
        UUID user = UUID.randomUUID();
        try (Connection c = database.connect()) {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO users (id, email, password_hash, email_verified_at) VALUES (?, ?, 'x', ?)")) {
                insert.setObject(1, user);
                insert.setString(2, email);
                insert.setTimestamp(3, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
        }
        join(workspaceId, email, role);
    }

    private static void join(UUID workspaceId, String email, String role) throws Exception {
        try (Connection c = database.connect(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO workspace_members (workspace_id, user_id, role)
                SELECT ?, id, ? FROM users WHERE email = ?""")) {
            insert.setObject(1, workspaceId);
            insert.setString(2, role);
            insert.setString(3, email);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    private static String local(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC).toString();
    }

    private static String format(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC).toString().replace('T', ' ').substring(0, 16);
    }

    private void checkLabelled(String label) {
        WebElement box = browser.findElement(By.xpath("//label[normalize-space()=\"" + label + "\"]"));
        WebElement input = browser.findElement(By.id(box.getAttribute("for")));
        if (!input.isSelected()) {
            input.click();
        }
    }

    private void setValue(String id, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];",
                browser.findElement(By.id(id)), value);
    }

    /** Waits for an element htmx may swap meanwhile to read {@code start}. */
    private void waitForStart(By by, String start) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(by).getText().startsWith(start));
    }
}
