package dev.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.common.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * Issue 19's schedules and reminders in Debian's Chromium against the whole stack: a heartbeat on the cron schedule
 * "0 3 * * *" in Europe/Berlin made through the monitor form and shown on its page, a weekly recurring maintenance
 * window (RRULE) with its next occurrence, a channel's reminder every 30 minutes, and the workspace's weekly summary
 * email; a bad value in each is shown under its field first and changes nothing. Each page passes axe-core in the light
 * and the dark theme.
 */
class SchedulesAndRemindersBrowserIT {

    /** As in DashboardBrowserIT: VIGIL_CHROME_BINARY/VIGIL_CHROMEDRIVER, Debian's chromium, a runner's Chrome. */
    private static final List<Path[]> BROWSERS = browsers();
    private static final Path CHROMIUM = BROWSERS.isEmpty() ? null : BROWSERS.getFirst()[0];
    private static final Path CHROMEDRIVER = BROWSERS.isEmpty() ? null : BROWSERS.getFirst()[1];
    private static final Path SCREENSHOTS = Path.of("target", "schedules-screenshots");
    private static final AxeCheck ACCESSIBILITY = new AxeCheck(Path.of("target", "axe-core"),
            SCREENSHOTS.resolve("axe-violations.txt"));

    private static TestDatabase database;
    private static LocalStack stack;
    private static WebDriver browser;

    @BeforeAll
    static void startEverything() throws IOException {
        assumeTrue(CHROMIUM != null, "no chromium and chromedriver (.ci/run installs Debian's); skipping");
        database = TestDatabase.create();
        stack = LocalStack.start(new LocalStackOptions(database.jdbcUrl(), Path.of("unused"), 0, 0,
                LocalStackOptions.LOCAL_REGIONS, Map.of("vigil.sqs.wait-time", "1s")));
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-background-networking",
                "--disable-dev-shm-usage", "--window-size=1280,1000");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
        Files.createDirectories(SCREENSHOTS);
        ACCESSIBILITY.load();
    }

    private static List<Path[]> browsers() {
        List<Path[]> candidates = new ArrayList<>();
        String binary = System.getenv("VIGIL_CHROME_BINARY");
        String driver = System.getenv("VIGIL_CHROMEDRIVER");
        if (binary != null && driver != null) {
            candidates.add(new Path[] {Path.of(binary), Path.of(driver)});
        }
        candidates.add(new Path[] {Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromedriver")});
        String runnerDrivers = System.getenv("CHROMEWEBDRIVER");
        if (runnerDrivers != null) {
            candidates.add(new Path[] {Path.of("/usr/bin/google-chrome"), Path.of(runnerDrivers, "chromedriver")});
        }
        return candidates.stream().filter(pair -> Files.isExecutable(pair[0]) && Files.isExecutable(pair[1]))
                .toList();
    }

    @AfterAll
    static void stopEverything() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void cronHeartbeatRecurringMaintenanceRemindersAndSummaryEmailInTheBrowser() throws Exception {
        browser.get(stack.apiUrl() + "/signup");
        type("email", "schedules-" + UUID.randomUUID() + "@example.com");
        type("password", "browser test password");
        type("workspace", "Schedules");
        click("sign-up");
        String apiKey = waitFor(By.id("new-key")).getText();

        // A heartbeat on a cron schedule: a minute that does not exist first, then 03:00 in Berlin.
        browser.get(stack.apiUrl() + "/app/monitors/new");
        new Select(waitFor(By.id("type"))).selectByValue("HEARTBEAT");
        type("name", "Nightly backup");
        type("schedule", "61 3 * * *");
        type("timeZone", "Europe/Berlin");
        type("graceSeconds", "600");
        click("save-monitor");
        assertThat(waitFor(By.id("schedule-error")).getText()).isNotBlank();
        type("schedule", "0 3 * * *");
        click("save-monitor");
        String schedule = waitFor(By.id("monitor-schedule")).getText();
        assertThat(schedule).contains("0 3 * * *").contains("Europe/Berlin").contains("600 s");
        String monitorId = browser.getCurrentUrl().replaceAll(".*/app/monitors/", "").replaceAll("[/?#].*", "");
        JsonNode monitor = TestApi.call(stack, "GET", "/api/v1/monitors/" + monitorId, apiKey, null);
        assertThat(monitor.get("schedule").asString()).isEqualTo("0 3 * * *");
        assertThat(monitor.get("timeZone").asString()).isEqualTo("Europe/Berlin");
        check("cron-heartbeat");

        // A window every Tuesday 02:00–03:00 UTC: an unknown frequency first.
        LocalDateTime tuesday = LocalDate.now(ZoneOffset.UTC).plusDays(1)
                .with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY)).atTime(LocalTime.of(2, 0));
        browser.get(stack.apiUrl() + "/app/maintenance");
        type("mw-title", "Weekly patching");
        setValue("mw-starts", tuesday.toString());
        setValue("mw-ends", tuesday.plusHours(1).toString());
        type("mw-recurrence", "FREQ=FORTNIGHTLY");
        type("mw-timezone", "Europe/Berlin");
        WebElement covered = waitFor(By.id("mw-monitor-0"));
        if (!covered.isSelected()) {
            covered.click();
        }
        click("schedule-maintenance");
        assertThat(waitFor(By.id("mw-recurrence-error")).getText()).isNotBlank();
        assertThat(browser.findElements(By.cssSelector("#windows .repeats"))).isEmpty();
        type("mw-recurrence", "FREQ=WEEKLY;BYDAY=TU");
        setValue("mw-starts", tuesday.toString());
        setValue("mw-ends", tuesday.plusHours(1).toString());
        covered = waitFor(By.id("mw-monitor-0"));
        if (!covered.isSelected()) {
            covered.click();
        }
        click("schedule-maintenance");
        String repeats = waitFor(By.cssSelector("#windows .repeats")).getText();
        assertThat(repeats).contains("FREQ=WEEKLY;BYDAY=TU").contains("Europe/Berlin").contains("next");
        check("recurring-maintenance");

        // A channel's reminders: too often first, then every 30 minutes.
        JsonNode channel = TestApi.call(stack, "POST", "/api/v1/alert-channels", apiKey, Map.of("name", "Phone",
                "type", "NTFY", "config", Map.of("topicUrl", "http://127.0.0.1:9/vigil-" + UUID.randomUUID())));
        String channelId = channel.get("id").asString();
        browser.get(stack.apiUrl() + "/app/channels/" + channelId);
        assertThat(waitFor(By.id("reminder-status")).getText()).startsWith("Off");
        type("everyMinutes", "2");
        click("save-reminders");
        assertThat(waitFor(By.id("everyMinutes-error")).getText()).contains("between 5 and 1440");
        type("everyMinutes", "30");
        click("save-reminders");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("reminder-status"), "Every 30 minutes"));
        assertThat(TestApi.call(stack, "GET", "/api/v1/alert-channels/" + channelId + "/reminders", apiKey, null)
                .get("everyMinutes").asInt()).isEqualTo(30);
        check("channel-reminders");

        // The summary email: a value the list does not offer first (as a forged form would send), then weekly.
        browser.get(stack.apiUrl() + "/app/account");
        ((JavascriptExecutor) browser).executeScript("const s = document.getElementById('summary-frequency');"
                + " s.add(new Option('Hourly', 'HOURLY')); s.value = 'HOURLY';");
        click("save-summary-email");
        assertThat(waitFor(By.id("frequency-error")).getText()).contains("DAILY, WEEKLY or OFF");
        assertThat(TestApi.call(stack, "GET", "/api/v1/workspace/summary-email", apiKey, null)
                .get("frequency").asString()).isEqualTo("OFF");
        new Select(waitFor(By.id("summary-frequency"))).selectByValue("WEEKLY");
        click("save-summary-email");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("summary-status"), "Weekly"));
        assertThat(TestApi.call(stack, "GET", "/api/v1/workspace/summary-email", apiKey, null)
                .get("frequency").asString()).isEqualTo("WEEKLY");
        check("summary-email");
    }

    private void type(String id, String text) {
        WebElement field = waitFor(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private void setValue(String id, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];",
                waitFor(By.id(id)), value);
    }

    private void click(String id) {
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    private WebElement waitFor(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Axe-core and a screenshot in the light and the dark theme, the theme put back afterwards. */
    private void check(String name) throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        Object before = js.executeScript("return document.documentElement.getAttribute('data-theme');");
        for (String theme : List.of("light", "dark")) {
            js.executeScript("document.documentElement.setAttribute('data-theme', arguments[0]);", theme);
            ACCESSIBILITY.check(browser, name + " (" + theme + ")");
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + (theme.equals("dark") ? "-dark" : "") + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        js.executeScript("if (arguments[0]) { document.documentElement.setAttribute('data-theme', arguments[0]); }"
                + " else { document.documentElement.removeAttribute('data-theme'); }", before);
    }
}
