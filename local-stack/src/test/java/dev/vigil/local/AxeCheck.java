package dev.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (the npm package, fetched at test time with {@code npm pack} into target/, never committed) injected into
 * the page under test; serious and critical violations are collected per page and written to a report, and the test
 * fails on them at its end, so one run shows every page's findings at once. The version is the parent pom's
 * {@code axe-core.version}, handed in by failsafe as {@code vigil.axe-core.version}.
 */
final class AxeCheck {

    private final Path folder;
    private final Path report;
    private final List<String> violations = new ArrayList<>();
    private String source;

    AxeCheck(Path folder, Path report) {
        this.folder = folder;
        this.report = report;
    }

    /** Fetches the package once per build (target/axe-core), with npm, the ordinary client of its registry. */
    void load() throws IOException {
        String version = System.getProperty("vigil.axe-core.version");
        if (version == null || !version.matches("[0-9]+\\.[0-9]+\\.[0-9]+")) {
            throw new IllegalStateException("vigil.axe-core.version is not set (failsafe sets it from the pom)");
        }
        Path script = folder.resolve("axe-core-" + version).resolve("package").resolve("axe.min.js");
        if (!Files.exists(script)) {
            Path unpacked = folder.resolve("axe-core-" + version).toAbsolutePath();
            Files.createDirectories(unpacked);
            run(folder, "npm", "pack", "--silent", "axe-core@" + version);
            run(folder, "tar", "-xzf", "axe-core-" + version + ".tgz", "-C", unpacked.toString());
        }
        source = Files.readString(script, StandardCharsets.UTF_8);
        Files.createDirectories(report.getParent());
        Files.writeString(report, "axe-core " + version + ": serious and critical violations by page\n",
                StandardCharsets.UTF_8);
    }

    /** Runs axe on the current page; what it finds is kept (and written to the report) under this name. */
    @SuppressWarnings("unchecked")
    void check(WebDriver browser, String page) throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        if (Boolean.FALSE.equals(js.executeScript("return typeof window.axe !== 'undefined';"))) {
            js.executeScript(source);
        }
        Object result = js.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                window.axe.run(document, {resultTypes: ['violations']}).then(function (r) {
                    done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
                        .map(function (v) {
                            return {id: v.id, impact: v.impact, help: v.help,
                                    nodes: v.nodes.slice(0, 5).map(function (n) { return n.target.join(' ') + ' '
                                        + (n.failureSummary || '').replace(/\\s+/g, ' '); })};
                        }));
                }, function (e) { done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]); });""");
        for (Map<String, Object> violation : (List<Map<String, Object>>) result) {
            String line = page + " [" + browser.getCurrentUrl() + "]: " + violation.get("id") + " ("
                    + violation.get("impact") + ") " + violation.get("help") + " " + violation.get("nodes");
            violations.add(line);
            Files.writeString(report, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
    }

    void assertNoSeriousViolations() {
        List<String> found = List.copyOf(violations);
        violations.clear();
        assertThat(found).as("axe-core serious or critical violations (also in %s)", report).isEmpty();
    }

    private static void run(Path directory, String... command) throws IOException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
