package dev.vigil.probe.check.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a probe finds at start-up: Debian's Chromium and chromedriver (installed on every test machine, as in the probe
 * image) are usable; a missing, silent, hanging or mismatched one is not, and the answer comes within the bound.
 */
class BrowserAvailabilityTests {

    private static final Path CHROMIUM = BrowserProperties.defaults().chromium();
    private static final Path CHROMEDRIVER = BrowserProperties.defaults().chromedriver();

    @TempDir
    Path dir;

    private Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    @Test
    void debiansChromiumAndChromedriverAreUsable() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "no Debian chromium here");
        BrowserAvailability found = BrowserAvailability.probe(CHROMIUM, CHROMEDRIVER, Duration.ofSeconds(20));

        assertThat(found.usable()).as(found.reason()).isTrue();
        assertThat(found.chromiumVersion()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(found.driverVersion().split("\\.")[0]).isEqualTo(found.chromiumVersion().split("\\.")[0]);
    }

    @Test
    void aMissingChromiumIsNotUsable() {
        BrowserAvailability found = BrowserAvailability.probe(dir.resolve("chromium"), CHROMEDRIVER,
                Duration.ofSeconds(20));

        assertThat(found.usable()).isFalse();
        assertThat(found.reason()).contains("chromium").contains("not an executable file");
    }

    @Test
    void aChromedriverOfAnotherMajorVersionIsNotUsable() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM), "no Debian chromium here");
        Path driver = script("chromedriver", "echo 'ChromeDriver 99.0.4844.51 (refs/branch-heads/4844)'");

        BrowserAvailability found = BrowserAvailability.probe(CHROMIUM, driver, Duration.ofSeconds(20));

        assertThat(found.usable()).isFalse();
        assertThat(found.reason()).contains("differ in major version").contains("99.0.4844.51");
    }

    @Test
    void aBinaryThatNeverAnswersIsKilledWithinTheBound() throws IOException {
        Path hanging = script("chromium", "sleep 60");

        long start = System.nanoTime();
        BrowserAvailability found = BrowserAvailability.probe(hanging, CHROMEDRIVER, Duration.ofMillis(500));
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(found.usable()).isFalse();
        assertThat(found.reason()).contains("no answer to --version within 500 ms");
        assertThat(tookMs).isLessThan(10_000);
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(
                hanging.toString())).filter(ProcessHandle::isAlive).count()).isZero();
    }

    @Test
    void aBinaryThatFailsOrPrintsNoVersionIsNotUsable() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "no Debian chromium here");
        assertThat(BrowserAvailability.probe(script("chromium", "echo broken; exit 3"), CHROMEDRIVER,
                Duration.ofSeconds(20)).reason()).contains("exited with 3");
        assertThat(BrowserAvailability.probe(CHROMIUM, script("chromedriver", "echo hello"),
                Duration.ofSeconds(20)).reason()).contains("printed no version");
    }
}
