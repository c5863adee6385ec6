package dev.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * Issue 19's schedules and reminders in Debian's Chromium against the whole stack: a heartbeat on the cron schedule
 * "0 3 * * *" in Europe/Berlin made through the monitor form and shown on its page, a monitor's own noise settings, a
 * weekly recurring maintenance window (RRULE) typed in the person's zone with its next occurrence, a channel's
 * reminder every 30 minutes, and the workspace's weekly summary email; a bad value in each is shown under its field
 * first and changes nothing. Each page passes axe-core in the light
 * and the dark theme.
 */
@UsesSharedStack
class SchedulesAndRemindersBrowserIT {

    /** As in DashboardBrowserIT: VIGIL_CHROME_BINARY/VIGIL_CHROMEDRIVER, Debian's chromium, a runner's Chrome. */
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots", "schedules");
    private static final AxeCheck ACCESSIBILITY = new AxeCheck(Path.of("target", "axe-core"),
            SCREENSHOTS.resolve("axe-violations.txt"));

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static LocalStack stack;
    private static DashboardBrowser dashboard;
    private static WebDriver browser;

    @BeforeAll
    static void startEverything(SharedStack shared) throws IOException {
        assumeTrue(DashboardBrowser.isInstalled(),
                "no chromium and chromedriver (.ci/run installs Debian's); skipping");
        stack = shared.stack();
        dashboard = shared.dashboard().checkedBy(ACCESSIBILITY).screenshotsTo(SCREENSHOTS);
        browser = dashboard.driver();
    }

    @Test
    void cronHeartbeatRecurringMaintenanceRemindersAndSummaryEmailInTheBrowser() throws Exception {
        String apiKey = dashboard.signUp("schedules-" + UUID.randomUUID() + "@example.com", "browser test password",
                "Schedules");

        // A heartbeat on a cron schedule: a minute that does not exist first, then 03:00 in Berlin.
        dashboard.open("/app/monitors/new");
        new Select(dashboard.waitFor(By.id("type"))).selectByValue("HEARTBEAT");
        dashboard.type("name", "Nightly backup");
        dashboard.type("schedule", "61 3 * * *");
        dashboard.type("timeZone", "Europe/Berlin");
        dashboard.type("graceSeconds", "600");
        dashboard.click("save-monitor");
        assertThat(dashboard.waitFor(By.id("schedule-error")).getText()).isNotBlank();
        dashboard.type("schedule", "0 3 * * *");
        dashboard.click("save-monitor");
        String schedule = dashboard.waitFor(By.id("monitor-schedule")).getText();
        assertThat(schedule).contains("0 3 * * *").contains("Europe/Berlin").contains("600 s");
        String monitorId = browser.getCurrentUrl().replaceAll(".*/app/monitors/", "").replaceAll("[/?#].*", "");
        JsonNode monitor = TestApi.call(stack, "GET", "/api/v1/monitors/" + monitorId, apiKey, null);
        assertThat(monitor.get("schedule").asString()).isEqualTo("0 3 * * *");
        assertThat(monitor.get("timeZone").asString()).isEqualTo("Europe/Berlin");
        dashboard.screenshot("cron-heartbeat");

        // Per-monitor noise settings on a probed monitor: more changes than rounds first, then 3 failures in a row
        // and flapping at 5 changes within 20 rounds.
        String httpId = TestApi.call(stack, "POST", "/api/v1/monitors", apiKey, Map.of("name", "Shop",
                "type", "HTTP", "url", "https://example.com/health")).get("id").asString();
        dashboard.open("/app/monitors/" + httpId + "/edit");
        dashboard.type("failuresInRow", "3");
        new Select(dashboard.waitFor(By.id("flapDetection"))).selectByValue("true");
        dashboard.type("flapTransitions", "30");
        dashboard.type("flapWindowRounds", "10");
        dashboard.click("save-monitor");
        assertThat(dashboard.waitFor(By.id("noise-error")).getText()).contains("flapWindowRounds");
        assertThat(TestApi.call(stack, "GET", "/api/v1/monitors/" + httpId, apiKey, null).has("noise")).isFalse();
        dashboard.type("flapTransitions", "5");
        dashboard.type("flapWindowRounds", "20");
        WebElement save = dashboard.waitFor(By.id("save-monitor"));
        save.click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(save));
        JsonNode noise = TestApi.call(stack, "GET", "/api/v1/monitors/" + httpId, apiKey, null).get("noise");
        assertThat(noise.get("failuresInRow").asInt()).isEqualTo(3);
        assertThat(noise.get("flapDetection").asBoolean()).isTrue();
        assertThat(noise.get("flapTransitions").asInt()).isEqualTo(5);
        assertThat(noise.get("flapWindowRounds").asInt()).isEqualTo(20);
        dashboard.screenshot("noise-settings");

        // Times are typed in the person's zone: Berlin, chosen on the account page.
        dashboard.open("/app/account");
        new Select(dashboard.waitFor(By.id("time-zone"))).selectByValue("Europe/Berlin");
        WebElement saveZone = dashboard.waitFor(By.id("save-time-zone"));
        saveZone.click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(saveZone));

        // A window every Tuesday 02:00–03:00 Berlin time: an unknown frequency first.
        LocalDateTime tuesday = LocalDate.now(BERLIN).plusDays(1)
                .with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY)).atTime(LocalTime.of(2, 0));
        dashboard.open("/app/maintenance");
        assertThat(browser.findElement(By.cssSelector("label[for=mw-starts]")).getText())
                .isEqualTo("Starts (Europe/Berlin)");
        dashboard.type("mw-title", "Weekly patching");
        setValue("mw-starts", tuesday.toString());
        setValue("mw-ends", tuesday.plusHours(1).toString());
        dashboard.type("mw-recurrence", "FREQ=FORTNIGHTLY");
        dashboard.type("mw-timezone", "Europe/Berlin");
        WebElement covered = dashboard.waitFor(By.id("mw-monitor-0"));
        if (!covered.isSelected()) {
            covered.click();
        }
        dashboard.click("schedule-maintenance");
        assertThat(dashboard.waitFor(By.id("mw-recurrence-error")).getText()).isNotBlank();
        assertThat(browser.findElements(By.cssSelector("#windows .repeats"))).isEmpty();
        dashboard.type("mw-recurrence", "FREQ=WEEKLY;BYDAY=TU");
        setValue("mw-starts", tuesday.toString());
        setValue("mw-ends", tuesday.plusHours(1).toString());
        covered = dashboard.waitFor(By.id("mw-monitor-0"));
        if (!covered.isSelected()) {
            covered.click();
        }
        dashboard.click("schedule-maintenance");
        String repeats = dashboard.waitFor(By.cssSelector("#windows .repeats")).getText();
        assertThat(repeats).contains("FREQ=WEEKLY;BYDAY=TU").contains("Europe/Berlin").contains("next");
        JsonNode window = TestApi.call(stack, "GET", "/api/v1/maintenances", apiKey, null).get("items").get(0);
        assertThat(window.get("startsAt").asString()).as("02:00 in Berlin, stored as an instant")
                .isEqualTo(tuesday.atZone(BERLIN).toInstant().toString());
        dashboard.screenshot("recurring-maintenance");

        // A channel's reminders: too often first, then every 30 minutes.
        JsonNode channel = TestApi.call(stack, "POST", "/api/v1/alert-channels", apiKey, Map.of("name", "Phone",
                "type", "NTFY", "config", Map.of("topicUrl", "http://127.0.0.1:9/vigil-" + UUID.randomUUID())));
        String channelId = channel.get("id").asString();
        dashboard.open("/app/channels/" + channelId);
        assertThat(dashboard.waitFor(By.id("reminder-status")).getText()).startsWith("Off");
        dashboard.type("everyMinutes", "2");
        dashboard.click("save-reminders");
        assertThat(dashboard.waitFor(By.id("everyMinutes-error")).getText()).contains("between 5 and 1440");
        dashboard.type("everyMinutes", "30");
        dashboard.click("save-reminders");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("reminder-status"), "Every 30 minutes"));
        assertThat(TestApi.call(stack, "GET", "/api/v1/alert-channels/" + channelId + "/reminders", apiKey, null)
                .get("everyMinutes").asInt()).isEqualTo(30);
        dashboard.screenshot("channel-reminders");

        // The summary email: a value the list does not offer first (as a forged form would send), then weekly.
        dashboard.open("/app/account");
        ((JavascriptExecutor) browser).executeScript("const s = document.getElementById('summary-frequency');"
                + " s.add(new Option('Hourly', 'HOURLY')); s.value = 'HOURLY';");
        dashboard.click("save-summary-email");
        assertThat(dashboard.waitFor(By.id("frequency-error")).getText()).contains("DAILY, WEEKLY or OFF");
        assertThat(TestApi.call(stack, "GET", "/api/v1/workspace/summary-email", apiKey, null)
                .get("frequency").asString()).isEqualTo("OFF");
        new Select(dashboard.waitFor(By.id("summary-frequency"))).selectByValue("WEEKLY");
        dashboard.click("save-summary-email");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("summary-status"), "Weekly"));
        assertThat(TestApi.call(stack, "GET", "/api/v1/workspace/summary-email", apiKey, null)
                .get("frequency").asString()).isEqualTo("WEEKLY");
        dashboard.screenshot("summary-email");
    }

    private void setValue(String id, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];",
                dashboard.waitFor(By.id(id)), value);
    }
}
