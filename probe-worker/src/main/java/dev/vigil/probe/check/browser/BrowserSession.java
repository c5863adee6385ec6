package dev.vigil.probe.check.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Chromium for one run: a fresh profile in a temporary directory, headless, every request through the run's
 * {@link GuardedProxy}; {@link #close()} (and {@link #kill}, from the hard timeout) end chromedriver and every
 * process under it, then delete the profile.
 */
final class BrowserSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BrowserSession.class);

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final ProcessHandle driverProcess;

    private BrowserSession(Path profile, ChromeDriverService service, ChromeDriver driver,
                           ProcessHandle driverProcess) {
        this.profile = profile;
        this.service = service;
        this.driver = driver;
        this.driverProcess = driverProcess;
    }

    /**
     * Starts chromedriver, hands its process to {@code onDriverStarted} (so the caller's hard timeout can kill the tree
     * while Chromium is still starting: a browser that hangs at start must not outlive the check either), then opens
     * the session.
     */
    static BrowserSession start(BrowserProperties properties, String proxy, Duration startTimeout,
                                Consumer<ProcessHandle> onDriverStarted) throws IOException {
        Path profile = Files.createTempDirectory("vigil-browser-");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(properties.chromedriver().toFile())
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .withTimeout(startTimeout)
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(properties.chromium().toFile());
        options.addArguments(List.of(
                "--headless=new", "--no-sandbox", "--disable-background-networking", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--window-size=" + properties.viewportWidth() + "," + properties.viewportHeight(),
                // Every request through the guarded proxy, loopback too ("<-loopback>" removes Chromium's implicit
                // bypass of localhost), no QUIC (UDP would not go through it), no WebRTC over UDP, no prefetching.
                "--proxy-server=http://" + proxy, "--proxy-bypass-list=<-loopback>", "--disable-quic",
                "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
                "--webrtc-ip-handling-policy=disable_non_proxied_udp", "--dns-prefetch-disable",
                "--disable-extensions", "--disable-sync", "--disable-component-update", "--disable-default-apps",
                "--no-first-run", "--no-default-browser-check", "--disable-gpu", "--mute-audio", "--no-pings",
                "--disable-domain-reliability", "--disable-client-side-phishing-detection",
                "--disable-search-engine-choice-screen", "--disable-breakpad",
                "--disable-features=MediaRouter,OptimizationHints,Translate,AutofillServerCommunication"));
        options.setExperimentalOption("prefs", Map.of("credentials_enable_service", false,
                "profile.password_manager_enabled", false, "signin.allowed", false,
                "autofill.profile_enabled", false, "autofill.credit_card_enabled", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        service.start();
        ProcessHandle driverProcess = findDriver(properties.chromedriver(), service.getUrl().getPort());
        onDriverStarted.accept(driverProcess);
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            return new BrowserSession(profile, service, driver, driverProcess);
        } catch (RuntimeException e) {
            kill(driverProcess);
            service.stop();
            deleteQuietly(profile);
            throw e;
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } catch (RuntimeException e) {
            log.debug("browser quit failed, killing it: {}", e.toString());
        }
        kill(driverProcess);
        try {
            service.stop();
        } catch (RuntimeException e) {
            // already gone
        }
        deleteQuietly(profile);
    }

    /** chromedriver, found among this JVM's children by the port it listens on. */
    private static ProcessHandle findDriver(Path chromedriver, int port) {
        String name = chromedriver.getFileName().toString();
        return ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.endsWith(name)).orElse(false))
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains("--port=" + port)).orElse(false))
                .findFirst().orElse(null);
    }

    /** Ends chromedriver and every process under it at once: the hard timeout's way out of a hung browser. */
    static void kill(ProcessHandle root) {
        if (root == null) {
            return;
        }
        // The descendants first (Chromium's browser, renderer, GPU and zygote processes), then chromedriver itself.
        List<ProcessHandle> tree = root.descendants().toList();
        tree.forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
    }

    private static void deleteQuietly(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.warn("could not delete a browser profile dir={} error={}", dir, e.toString());
        }
    }

    /** The profile directory, for tests that check it is gone. */
    File profileDirectory() {
        return profile.toFile();
    }
}
