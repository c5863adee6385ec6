package dev.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.util.GreenMail;
import dev.vigil.common.testing.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * Declared incidents in Debian's Chromium against the whole stack in one JVM: a monitor group is added to the page
 * from the dashboard's form and shows there as a component group; a reader subscribes to one component on the public
 * page and confirms by mail (GreenMail); a person declares an incident on two status-page components through the form
 * (the reader is mailed), posts updates that change their impact, gives a monitor's incident a title and links it to
 * the declared one, resolves it, writes a postmortem with a script in its Markdown and publishes it, and the public
 * status page (read in the same browser) follows each step; then prints an uptime report. Every page it passes
 * (dashboard, status page editor, public pages, report) is checked with axe-core and photographed in the light and the
 * dark theme (target/dashboard-screenshots/incidents).
 */
@UsesSharedStack
class IncidentDashboardBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots", "incidents");
    private static final AxeCheck ACCESSIBILITY = new AxeCheck(Path.of("target", "axe-core"),
            SCREENSHOTS.resolve("axe-violations.txt"));

    /** Sign-up mails its confirmation; the stack mails here. */
    private static GreenMail smtp;
    private static final String READER = "reader@example.com";
    private static TestDatabase database;
    private static LocalStack stack;
    private static DashboardBrowser dashboard;
    private static WebDriver browser;

    @BeforeAll
    static void start(SharedStack shared) throws java.io.IOException {
        assumeTrue(DashboardBrowser.isInstalled(),
                "Debian's chromium and chromium-driver are not installed; skipping the incident browser test");
        stack = shared.stack();
        database = shared.database();
        smtp = shared.smtp();
        dashboard = shared.dashboard().checkedBy(ACCESSIBILITY).screenshotsTo(SCREENSHOTS);
        browser = dashboard.driver();
    }

    @Test
    void declareUpdateResolveAndPublishAPostmortem() throws Exception {
        String key = dashboard.signUp("incidents-" + UUID.randomUUID() + "@example.com", "browser test password",
                "Incident comms");
        String api = TestApi.call(stack, "POST", "/api/v1/monitors", key, Map.of("name", "API", "type", "HTTP",
                "url", "https://example.com/", "paused", true)).get("id").asString();
        String db = TestApi.call(stack, "POST", "/api/v1/monitors", key, Map.of("name", "DB", "type", "HTTP",
                "url", "https://example.org/", "paused", true)).get("id").asString();
        String slug = "comms-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode page = TestApi.call(stack, "POST", "/api/v1/status-pages", key, Map.of("slug", slug,
                "title", "Comms", "components", List.of(Map.of("name", "Public API", "monitorId", api),
                        Map.of("name", "Data store", "monitorId", db))));
        assertThat(page.get("components").size()).isEqualTo(2);

        // The status page editor: a monitor group (with a paused monitor in it) added as a component group.
        String backend = TestApi.call(stack, "POST", "/api/v1/monitor-groups", key, Map.of("name", "Backend"))
                .get("id").asString();
        TestApi.call(stack, "POST", "/api/v1/monitors", key, Map.of("name", "Queue", "type", "HTTP",
                "url", "https://example.net/", "paused", true, "groupId", backend));
        dashboard.open("/app/status-pages");
        dashboard.waitFor(By.id("status-pages"));
        dashboard.screenshot("01-status-pages");
        dashboard.open("/app/status-pages/new");
        dashboard.waitFor(By.id("status-page-form"));
        dashboard.screenshot("02-status-page-new");
        String editor = "/app/status-pages/" + page.get("id").asString() + "/edit";
        dashboard.open(editor);
        new Select(dashboard.waitFor(By.id("monitor-group"))).selectByVisibleText("Backend");
        dashboard.click("add-group-components");
        dashboard.waitFor(By.cssSelector("#component-rows input[value='Queue']"));
        assertThat(browser.findElement(By.cssSelector("#component-rows tr:last-child input[id$='-group']"))
                .getAttribute("value")).isEqualTo("Backend");
        dashboard.screenshot("03-status-page-group-added");
        dashboard.click("save-status-page");
        assertThat(dashboard.waitFor(By.cssSelector("p.notice")).getText()).contains("Status page saved");
        dashboard.open("/app/status-pages/" + page.get("id").asString() + "/delete");
        dashboard.waitFor(By.tagName("h1"));
        dashboard.screenshot("04-status-page-delete-confirm");
        openPublic("/status/" + slug);
        assertThat(dashboard.waitFor(By.id("components")).getText()).contains("Backend").contains("Queue");
        dashboard.screenshot("05-public-page");
        openPublic("/status/" + slug + "/widget");
        assertThat(dashboard.waitFor(By.cssSelector("a.banner")).getText()).contains("Comms");
        dashboard.screenshot("05b-public-widget");
        // A private page: visitors get the password prompt first, and its wrong-password answer.
        String hidden = "hidden-" + UUID.randomUUID().toString().substring(0, 8);
        TestApi.call(stack, "POST", "/api/v1/status-pages", key, Map.of("slug", hidden, "title", "Hidden",
                "password", "page-password-0001", "components", List.of()));
        openPublic("/status/" + hidden);
        dashboard.type("page-password", "not the password");
        browser.findElement(By.id("page-password")).submit();
        assertThat(dashboard.waitFor(By.cssSelector(".s-major_outage")).getText()).contains("password");
        dashboard.screenshot("05c-public-password-refused");

        // A reader subscribes on the public page, to the data store only, and confirms by the link mailed to her.
        openPublic("/status/" + slug);
        dashboard.waitFor(By.cssSelector("#subscribe input[name='email']")).sendKeys(READER);
        browser.findElement(By.cssSelector("#subscribe summary")).click();
        browser.findElement(By.xpath("//section[@id='subscribe']//label[span='Data store']/input")).click();
        browser.findElement(By.cssSelector("#subscribe button[type='submit']")).click();
        assertThat(dashboard.waitFor(By.tagName("h1")).getText()).isEqualTo("Check your inbox");
        Matcher confirm = Pattern.compile("/status/" + slug + "/subscriptions/confirm\\?token=[A-Za-z0-9_-]+")
                .matcher((String) mailsTo(READER, 1).getFirst().getContent());
        assertThat(confirm.find()).isTrue();
        dashboard.open(confirm.group());
        assertThat(dashboard.waitFor(By.tagName("h1")).getText()).isEqualTo("Subscribed");
        // The page's owner sees her among its subscribers, from the editor's "Subscribers" button.
        dashboard.open("/app/status-pages/" + page.get("id").asString() + "/edit");
        dashboard.click("subscribers-link");
        assertThat(dashboard.waitFor(By.id("subscribers")).getText()).contains(READER).contains("Data store")
                .contains("Confirmed");
        assertThat(browser.findElement(By.id("subscriber-counts")).getText()).contains("1 confirmed");
        dashboard.screenshot("05d-status-page-subscribers");

        // Declare: a missing title shows the API's message next to the field, nothing is created.
        dashboard.open("/app/incidents");
        dashboard.waitFor(By.id("declare-incident"));
        dashboard.screenshot("06-incidents");
        dashboard.click("declare-incident");
        dashboard.type("message", "Customers see errors.");
        impact("impact-", "Public API", "partial_outage");
        impact("impact-", "Data store", "degraded_performance");
        dashboard.click("declare-button");
        assertThat(dashboard.waitFor(By.id("title-error")).getText()).contains("title");
        dashboard.screenshot("07-declare-invalid");
        dashboard.type("title", "Checkout failures");
        new Select(browser.findElement(By.id("severity"))).selectByValue("critical");
        dashboard.click("declare-button");
        dashboard.waitFor(By.id("incident-title"));
        assertThat(browser.findElement(By.id("affected")).getText()).contains("Public API: partial_outage")
                .contains("Data store: degraded_performance");
        String incidentPage = browser.getCurrentUrl();
        String declaredId = incidentPage.substring(incidentPage.lastIndexOf('/') + 1);
        // The reader hears of the declaration at once (an author's words wait for no blip delay).
        MimeMessage declaredMail = mailsTo(READER, 2).get(1);
        assertThat(declaredMail.getSubject()).startsWith("[Comms] Investigating:").contains("Data store");
        assertThat((String) declaredMail.getContent()).contains("Customers see errors.");
        dashboard.screenshot("08-declared-incident");

        openPublic("/status/" + slug);
        assertThat(dashboard.waitFor(By.id("incidents")).getText()).contains("Checkout failures")
                .contains("Customers see errors.");
        assertThat(browser.findElement(By.id("components")).getText()).contains("Partial outage")
                .contains("Degraded performance");
        assertThat(browser.findElement(By.id("overall")).getText()).isEqualTo("Partial System Outage");

        // Identified: the data store goes down; the public page says so.
        browser.get(incidentPage);
        new Select(dashboard.waitFor(By.id("update-status"))).selectByValue("identified");
        dashboard.type("update-message", "A storage node failed.");
        impact("update-impact-", "Data store", "major_outage");
        dashboard.click("post-update-button");
        dashboard.waitFor(By.id("updates"));
        assertThat(browser.findElement(By.id("affected")).getText()).contains("Data store: major_outage");
        openPublic("/status/" + slug);
        assertThat(dashboard.waitFor(By.id("components")).getText()).contains("Major outage");
        assertThat(browser.findElement(By.id("incidents")).getText()).contains("Identified")
                .contains("A storage node failed.");
        dashboard.screenshot("09-public-page-incident");

        // A monitor's incident on the public API: a title of its own in the dashboard, told on the page, then
        // linked to the declared incident, after which the page tells only the declared one.
        UUID monitorIncident = UUID.randomUUID();
        try (Connection connection = database.connect();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO incidents (id, workspace_id, monitor_id, kind, status, started_at, cause, regions)
                     SELECT ?, workspace_id, id, 'DOWN', 'OPEN', now(), 'HTTP status 503', '{local-a}'
                     FROM monitors WHERE id = ?""")) {
            insert.setObject(1, monitorIncident);
            insert.setObject(2, UUID.fromString(api));
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
        dashboard.open("/app/incidents/" + monitorIncident);
        WebElement titleInput = dashboard.waitFor(By.id("incident-title-input"));
        titleInput.clear();
        titleInput.sendKeys("Public API errors");
        dashboard.click("save-title");
        assertThat(dashboard.waitFor(By.cssSelector("p.notice")).getText()).isEqualTo("Title saved.");
        assertThat(browser.findElement(By.id("incident-title-input")).getDomProperty("value"))
                .isEqualTo("Public API errors");
        openPublic("/status/" + slug);
        assertThat(dashboard.waitFor(By.id("incidents")).getText()).contains("Public API errors")
                .contains("Checkout failures");
        dashboard.open("/app/incidents/" + monitorIncident);
        new Select(dashboard.waitFor(By.id("declared-incident"))).selectByValue(declaredId);
        dashboard.click("save-link");
        assertThat(dashboard.waitFor(By.cssSelector("p.notice")).getText()).startsWith("Linked");
        assertThat(new Select(browser.findElement(By.id("declared-incident"))).getFirstSelectedOption()
                .getText()).isEqualTo("Checkout failures");
        openPublic("/status/" + slug);
        assertThat(dashboard.waitFor(By.id("incidents")).getText()).contains("Checkout failures")
                .doesNotContain("Public API errors");

        // Resolved: the monitor recovers (its incident follows its checks), the person resolves the declared one,
        // the page is all operational again and the incident moves to the history.
        try (Connection connection = database.connect();
             PreparedStatement resolve = connection.prepareStatement(
                     "UPDATE incidents SET status = 'RESOLVED', resolved_at = now() WHERE id = ?")) {
            resolve.setObject(1, monitorIncident);
            resolve.executeUpdate();
        }
        browser.get(incidentPage);
        new Select(dashboard.waitFor(By.id("update-status"))).selectByValue("resolved");
        dashboard.type("update-message", "Fixed and verified.");
        dashboard.click("post-update-button");
        dashboard.waitFor(By.id("postmortem-form"));
        assertThat(browser.findElements(By.id("post-update"))).as("no more updates once resolved").isEmpty();
        openPublic("/status/" + slug);
        assertThat(dashboard.waitFor(By.id("overall")).getText()).isEqualTo("All Systems Operational");
        assertThat(browser.findElements(By.id("incidents"))).isEmpty();

        // Postmortem: the script in the Markdown never reaches a page.
        browser.get(incidentPage);
        dashboard.type("postmortem-body", "# Root cause\n\nA full disk. <script>document.title='owned'</script>\n\n"
                + "[more](javascript:document.title='owned')");
        dashboard.waitFor(By.id("postmortem-published")).click();
        dashboard.click("save-postmortem");
        WebElement preview = dashboard.waitFor(By.id("postmortem-preview"));
        assertThat(preview.findElement(By.tagName("h1")).getText()).isEqualTo("Root cause");
        assertThat(preview.findElements(By.tagName("script"))).isEmpty();
        assertThat(browser.findElement(By.id("postmortem-state")).getText()).isEqualTo("Published");
        dashboard.screenshot("10-incident-postmortem");

        openPublic("/status/" + slug + "/incidents");
        WebElement link = dashboard.waitFor(By.linkText("Checkout failures"));
        dashboard.screenshot("11-public-incidents");
        link.click();
        WebElement postmortem = dashboard.waitFor(By.id("postmortem"));
        assertThat(postmortem.findElement(By.tagName("h1")).getText()).isEqualTo("Root cause");
        assertThat(postmortem.findElements(By.tagName("script"))).isEmpty();
        assertThat(postmortem.getDomProperty("innerHTML")).doesNotContain("javascript:");
        assertThat(browser.getTitle()).doesNotContain("owned");
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("Customers see errors.")
                .contains("Fixed and verified.");
        dashboard.screenshot("12-public-incident");
        openPublic("/status/" + slug + "/history");
        dashboard.waitFor(By.tagName("h1"));
        dashboard.screenshot("13-public-history");

        // An uptime report for a component, printable.
        dashboard.open("/app/reports/uptime");
        new Select(dashboard.waitFor(By.id("subject"))).selectByVisibleText("Component: Comms — Data store");
        dashboard.screenshot("14-report-form");
        dashboard.click("show-report");
        assertThat(dashboard.waitFor(By.id("report-title")).getText()).contains("Data store");
        assertThat(browser.findElement(By.id("report-incidents")).getText()).contains("Checkout failures");
        dashboard.screenshot("15-report");
        ACCESSIBILITY.assertNoSeriousViolations();
    }

    /** The mails to {@code address}, waiting up to 60 s until there are at least {@code count}. */
    private static List<MimeMessage> mailsTo(String address, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<MimeMessage> mails = new ArrayList<>();
            for (MimeMessage m : smtp.getReceivedMessages()) {
                if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address))) {
                    mails.add(m);
                }
            }
            if (mails.size() >= count || System.nanoTime() > deadline) {
                assertThat(mails).as("mails to " + address).hasSizeGreaterThanOrEqualTo(count);
                return mails;
            }
            // The server holds every class's mails: wait for one more than it has, not for any at all.
            smtp.waitForIncomingEmail(500, smtp.getReceivedMessages().length + 1);
        }
    }

    /** Chooses an impact in the select of the given component (selects carry the component's name). */
    private void impact(String idPrefix, String component, String impact) {
        WebElement select = dashboard.waitFor(By.cssSelector("select[id^='" + idPrefix + "'][data-component='"
                + component + "']"));
        new Select(select).selectByValue(impact);
    }

    /**
     * The public page, past the browser's own cache: it may be kept for {@code max-age} (30 s), so each visit asks
     * for a new URL (the page ignores the query).
     */
    private void openPublic(String path) {
        dashboard.open(path + (path.contains("?") ? "&" : "?") + "visit=" + System.nanoTime());
    }
}
