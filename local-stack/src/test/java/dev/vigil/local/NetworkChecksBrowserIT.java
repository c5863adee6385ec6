package dev.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 17's network types in Debian's Chromium against the whole stack: the monitor form shows each type's own
 * inputs (checked by axe-core in the light and the dark theme), and a UDP monitor on a loopback echo server and a PING
 * monitor of 127.0.0.1 (local mode allows private targets) made through the form go UP, run by the local probes.
 */
@UsesSharedStack
class NetworkChecksBrowserIT {

    private static final AxeCheck ACCESSIBILITY = new AxeCheck(Path.of("target", "axe-core"),
            Path.of("target", "dashboard-screenshots", "axe-violations-network-checks.txt"));

    private static DatagramSocket echo;
    private static Thread echoing;
    private static DashboardBrowser dashboard;
    private static WebDriver browser;

    @BeforeAll
    static void startEverything(SharedStack shared) throws IOException {
        assumeTrue(DashboardBrowser.isInstalled(),
                "Debian's chromium and chromium-driver are not installed; skipping");
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
        dashboard = shared.dashboard().checkedBy(ACCESSIBILITY);
        browser = dashboard.driver();
    }

    @AfterAll
    static void stopEverything() throws InterruptedException {
        if (echo != null) {
            echo.close();
            echoing.join(2000);
        }
    }

    @Test
    void networkTypesHaveTheirOwnAccessibleInputsAndRunThroughTheStack() throws IOException {
        dashboard.signUp("network-" + UUID.randomUUID() + "@example.com", "browser test password", "Network checks");

        dashboard.open("/app/monitors/new");
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
            dashboard.checkAccessibility("monitor form " + type);
        }

        new Select(browser.findElement(By.id("type"))).selectByValue("UDP");
        dashboard.type("name", "Loopback echo");
        dashboard.type("host", "127.0.0.1");
        dashboard.type("port", Integer.toString(echo.getLocalPort()));
        dashboard.type("payload", "hello");
        dashboard.type("assertions", "BODY MATCHES ^PONG hello$");
        dashboard.type("intervalSeconds", "5");
        dashboard.click("save-monitor");
        waitForText(By.id("monitor-status"), "UP");
        dashboard.checkAccessibility("UDP monitor UP");

        dashboard.open("/app/monitors/new");
        new Select(browser.findElement(By.id("type"))).selectByValue("PING");
        dashboard.type("name", "Loopback ping");
        dashboard.type("host", "127.0.0.1");
        dashboard.type("packetCount", "2");
        dashboard.type("intervalSeconds", "5");
        dashboard.click("save-monitor");
        waitForText(By.id("monitor-status"), "UP");

        ACCESSIBILITY.assertNoSeriousViolations();
    }

    private void waitForText(By by, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(90)).pollingEvery(Duration.ofMillis(500))
                .until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }
}
