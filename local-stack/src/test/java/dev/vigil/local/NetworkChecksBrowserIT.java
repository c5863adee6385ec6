package dev.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.common.testing.TestDatabase;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 17's network types in Debian's Chromium against the whole stack: the monitor form shows each type's own
 * inputs (checked by axe-core in the light and the dark theme), and a UDP monitor on a loopback echo server and a PING
 * monitor of 127.0.0.1 (local mode allows private targets) made through the form go UP, run by the local probes.
 */
class NetworkChecksBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final AxeCheck ACCESSIBILITY = new AxeCheck(Path.of("target", "axe-core"),
            Path.of("target", "network-checks-axe.txt"));

    private static DatagramSocket echo;
    private static Thread echoing;
    private static TestDatabase database;
    private static LocalStack stack;
    private static WebDriver browser;

    @BeforeAll
    static void startEverything() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed; skipping");
        ACCESSIBILITY.load();
        echo = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        echoing = Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[512];
            while (!echo.isClosed()) {
                try {
                    DatagramPacket request = new DatagramPacket(buffer, buffer.length);
                    echo.receive(request);
                    byte[] reply = ("PONG " + new String(request.getData(), 0, request.getLength(),
                            StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                    echo.send(new DatagramPacket(reply, reply.length, request.getSocketAddress()));
                } catch (IOException e) {
                    // closed
                }
            }
        });
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
    }

    @AfterAll
    static void stopEverything() throws InterruptedException {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
        if (echo != null) {
            echo.close();
            echoing.join(2000);
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void networkTypesHaveTheirOwnAccessibleInputsAndRunThroughTheStack() throws IOException {
        browser.get(stack.apiUrl() + "/signup");
        type("email", "network-" + UUID.randomUUID() + "@example.com");
        type("password", "browser test password");
        type("workspace", "Network checks");
        click("sign-up");
        waitFor(By.id("new-key"));

        browser.get(stack.apiUrl() + "/app/monitors/new");
        Select types = new Select(browser.findElement(By.id("type")));
        assertThat(types.getOptions().stream().map(o -> o.getAttribute("value")).toList())
                .contains("PING", "UDP", "DOMAIN", "SMTP", "IMAP", "POP3");
        for (String type : List.of("PING", "UDP", "DOMAIN", "SMTP")) {
            new Select(browser.findElement(By.id("type"))).selectByValue(type);
            assertThat(browser.findElement(By.id("host")).isDisplayed()).as(type).isTrue();
            assertThat(browser.findElement(By.id("packetCount")).isDisplayed()).as(type).isEqualTo(type.equals("PING"));
            assertThat(browser.findElement(By.id("payload")).isDisplayed()).as(type).isEqualTo(type.equals("UDP"));
            assertThat(browser.findElement(By.id("tlsMode")).isDisplayed()).as(type).isEqualTo(type.equals("SMTP"));
            assertThat(browser.findElement(By.id("url")).isDisplayed()).as(type).isFalse();
            inBothThemes("monitor form " + type);
        }

        new Select(browser.findElement(By.id("type"))).selectByValue("UDP");
        type("name", "Loopback echo");
        type("host", "127.0.0.1");
        type("port", Integer.toString(echo.getLocalPort()));
        type("payload", "hello");
        type("assertions", "BODY MATCHES ^PONG hello$");
        type("intervalSeconds", "5");
        click("save-monitor");
        waitForText(By.id("monitor-status"), "UP");
        inBothThemes("UDP monitor UP");

        browser.get(stack.apiUrl() + "/app/monitors/new");
        new Select(browser.findElement(By.id("type"))).selectByValue("PING");
        type("name", "Loopback ping");
        type("host", "127.0.0.1");
        type("packetCount", "2");
        type("intervalSeconds", "5");
        click("save-monitor");
        waitForText(By.id("monitor-status"), "UP");

        ACCESSIBILITY.assertNoSeriousViolations();
    }

    private void inBothThemes(String page) throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        for (String theme : List.of("light", "dark")) {
            js.executeScript("document.documentElement.setAttribute('data-theme', arguments[0]);", theme);
            ACCESSIBILITY.check(browser, page + " (" + theme + ")");
        }
        js.executeScript("document.documentElement.removeAttribute('data-theme');");
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private void click(String id) {
        waitFor(By.id(id)).click();
    }

    private WebElement waitFor(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private void waitForText(By by, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(90)).pollingEvery(Duration.ofMillis(500))
                .until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }
}
