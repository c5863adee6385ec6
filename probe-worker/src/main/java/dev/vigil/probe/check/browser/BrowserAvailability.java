package dev.vigil.probe.check.browser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether this probe can run BROWSER checks at all: Chromium and chromedriver both present, both answering
 * {@code --version} within a bounded time, and of the same major version (chromedriver refuses a Chromium of another
 * major, so a half-upgraded image would fail every check). Found once at start-up; a probe without a usable browser
 * does not offer BROWSER in its heartbeats, so its region is not sent browser jobs.
 *
 * @param usable          both found and matching
 * @param chromiumVersion what {@code chromium --version} said (null when it did not answer)
 * @param driverVersion   what {@code chromedriver --version} said
 * @param reason          why not usable, for the start-up log; null when usable
 */
public record BrowserAvailability(boolean usable, String chromiumVersion, String driverVersion, String reason) {

    /** Each {@code --version} call may take this long; Chromium answers in well under a second. */
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    /** A version's answer is one line; more is not read (a wrong binary could print without end). */
    private static final int MAX_OUTPUT = 4096;
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.\\d+(\\.\\d+)*");

    /** Runs both binaries with {@code --version}, each within {@code timeout}; a hung one is killed. */
    public static BrowserAvailability probe(Path chromium, Path chromedriver, Duration timeout) {
        Answer browser = version(chromium, timeout);
        Answer driver = version(chromedriver, timeout);
        if (browser.failure() != null) {
            return new BrowserAvailability(false, null, driver.version(), "chromium " + chromium + ": "
                    + browser.failure());
        }
        if (driver.failure() != null) {
            return new BrowserAvailability(false, browser.version(), null, "chromedriver " + chromedriver + ": "
                    + driver.failure());
        }
        if (!browser.major().equals(driver.major())) {
            return new BrowserAvailability(false, browser.version(), driver.version(), "chromium " + browser.version()
                    + " and chromedriver " + driver.version() + " differ in major version");
        }
        return new BrowserAvailability(true, browser.version(), driver.version(), null);
    }

    private record Answer(String version, String major, String failure) {

        static Answer failed(String why) {
            return new Answer(null, null, why);
        }
    }

    private static Answer version(Path executable, Duration timeout) {
        if (!Files.isRegularFile(executable) || !Files.isExecutable(executable)) {
            return Answer.failed("not an executable file");
        }
        Process process;
        try {
            // Standard output only: Debian's wrapper script prints shell warnings on standard error.
            process = new ProcessBuilder(executable.toString(), "--version")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        } catch (IOException e) {
            return Answer.failed("does not start (" + e.getMessage() + ")");
        }
        try {
            // Read on another thread: a binary that prints nothing and never exits must not block past the timeout.
            byte[][] output = new byte[1][];
            Thread reader = Thread.ofVirtual().start(() -> output[0] = readLimited(process.getInputStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                return Answer.failed("no answer to --version within " + timeout.toMillis() + " ms");
            }
            reader.join(timeout.toMillis());
            String text = output[0] == null ? "" : new String(output[0], StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                return Answer.failed("--version exited with " + process.exitValue());
            }
            Matcher m = VERSION.matcher(text);
            if (!m.find()) {
                return Answer.failed("--version printed no version");
            }
            return new Answer(m.group(), m.group(1), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
            return Answer.failed("interrupted");
        } finally {
            kill(process);
        }
    }

    private static byte[] readLimited(InputStream in) {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_OUTPUT);
            // Drain the rest so the process is not blocked writing to a full pipe; it is killed at the timeout.
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return bytes;
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** Ends the process and anything it started (Debian's chromium is a shell script that starts the binary). */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
