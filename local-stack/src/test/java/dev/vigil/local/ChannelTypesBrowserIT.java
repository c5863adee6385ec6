package dev.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The channel form's new types (issue 19) in Debian's Chromium against the whole stack: choosing a type shows its
 * inputs only, a templated webhook's template is a text area whose JSON error shows under it, and an ntfy channel on a
 * loopback server (local mode allows private targets) delivers its test notification with ntfy's headers.
 */
@UsesSharedStack
class ChannelTypesBrowserIT {

    /** What the loopback ntfy server got: the Title header of each publish. */
    private static final List<String> published = new CopyOnWriteArrayList<>();
    private static HttpServer ntfy;
    private static DashboardBrowser dashboard;
    private static WebDriver browser;

    @BeforeAll
    static void startEverything(SharedStack shared) throws IOException {
        assumeTrue(DashboardBrowser.isInstalled(),
                "Debian's chromium and chromium-driver are not installed; skipping");
        ntfy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ntfy.createContext("/vigil-browser", exchange -> {
            exchange.getRequestBody().readAllBytes();
            published.add(exchange.getRequestHeaders().getFirst("Title") + "|"
                    + exchange.getRequestHeaders().getFirst("Tags"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        ntfy.start();
        dashboard = shared.dashboard();
        browser = dashboard.driver();
    }

    @AfterAll
    static void stopEverything() {
        if (ntfy != null) {
            ntfy.stop(0);
        }
    }

    @Test
    void newChannelTypesAreOfferedWithTheirOwnInputsAndAnNtfyTestIsDelivered() {
        dashboard.signUp("channels-" + UUID.randomUUID() + "@example.com", "browser test password", "Channel types");

        dashboard.open("/app/channels");
        dashboard.click("new-channel");
        Select types = new Select(browser.findElement(By.id("type")));
        assertThat(types.getOptions().stream().map(o -> o.getAttribute("value")).toList()).contains("OPSGENIE",
                "NTFY", "GOOGLE_CHAT", "MATTERMOST", "MATRIX", "PUSHOVER", "ZULIP", "TEMPLATE_WEBHOOK", "SMS",
                "VOICE");

        // Only the chosen type's inputs show.
        types.selectByValue("MATRIX");
        assertThat(browser.findElement(By.id("cfg-homeserverUrl")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("cfg-roomId")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("cfg-topicUrl")).isDisplayed()).isFalse();

        // A template that does not render JSON: the API's message under the text area, the input kept.
        types.selectByValue("TEMPLATE_WEBHOOK");
        assertThat(browser.findElement(By.id("cfg-template")).getTagName()).isEqualTo("textarea");
        dashboard.type("name", "Templated");
        dashboard.type("cfg-url", "http://127.0.0.1:" + ntfy.getAddress().getPort() + "/in");
        dashboard.type("cfg-template", "{\"text\": {{title}}}");
        dashboard.click("save-channel");
        assertThat(dashboard.waitFor(By.id("cfg-template-error")).getText()).contains("valid JSON");
        assertThat(browser.findElement(By.id("cfg-template")).getAttribute("value")).isEqualTo("{\"text\": {{title}}}");

        // An ntfy channel on the loopback server, tested.
        new Select(browser.findElement(By.id("type"))).selectByValue("NTFY");
        dashboard.type("name", "Phone (ntfy)");
        dashboard.type("cfg-topicUrl", "http://127.0.0.1:" + ntfy.getAddress().getPort() + "/vigil-browser");
        dashboard.type("cfg-priority", "4");
        dashboard.click("save-channel");
        dashboard.waitFor(By.id("channel-config"));
        dashboard.click("send-test");
        new WebDriverWait(browser, Duration.ofSeconds(90)).pollingEvery(Duration.ofMillis(500))
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("#deliveries .delivery-status"), "DELIVERED"));
        assertThat(published).contains("Test alert from Vigil|information_source,vigil");
        assertThat(browser.getPageSource()).doesNotContain("/vigil-browser");
    }
}
