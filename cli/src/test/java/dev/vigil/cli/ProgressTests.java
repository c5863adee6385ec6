package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The progress line: what one frame looks like, and that nobody but a person at a terminal ever sees one. */
class ProgressTests {

    private final StringWriter err = new StringWriter();

    @Test
    void aBarFillsInProportionToTheStepsDoneAndShowsTheCountAndTime() {
        assertThat(Progress.render("Creating monitors", 15, 30, 4, 0))
                .isEqualTo("Creating monitors [" + "#".repeat(15) + " ".repeat(15) + "] 15/30 4s");
        assertThat(Progress.render("Creating monitors", 0, 7, 0, 0))
                .isEqualTo("Creating monitors [" + " ".repeat(30) + "] 0/7 0s");
        assertThat(Progress.render("Creating monitors", 1, 3, 1, 0)).contains("[" + "#".repeat(10) + " ".repeat(20)
                + "] 1/3");
    }

    @Test
    void aBarNeverOverflowsAndAnEmptyTotalIsDone() {
        assertThat(Progress.render("x", 12, 10, 2, 0)).isEqualTo("x [" + "#".repeat(30) + "] 10/10 2s");
        assertThat(Progress.render("x", 0, 0, 0, 0)).isEqualTo("x [" + "#".repeat(30) + "] 0/0 0s");
        // Ten thousand monitors: the arithmetic does not overflow on the way to the bar.
        assertThat(Progress.render("x", 99_999_999, 100_000_000, 9, 0)).contains("#".repeat(29) + " ]");
    }

    @Test
    void aSpinnerTurnsOneStepPerFrameWithTheElapsedTime() {
        assertThat(Progress.render("Applying vigil.yaml", 0, -1, 12, 0)).isEqualTo("| Applying vigil.yaml 12s");
        assertThat(Progress.render("Applying vigil.yaml", 0, -1, 12, 1)).startsWith("/ ");
        assertThat(Progress.render("Applying vigil.yaml", 0, -1, 12, 2)).startsWith("- ");
        assertThat(Progress.render("Applying vigil.yaml", 0, -1, 12, 3)).startsWith("\\ ");
        assertThat(Progress.render("Applying vigil.yaml", 0, -1, 12, 4)).startsWith("| ");
    }

    @Test
    void nothingIsWrittenWhenStdoutIsNotATerminal() {
        try (Progress bar = Progress.bar(environment(false), options(false), "Creating monitors", 3)) {
            bar.step();
            bar.step();
            assertThat(bar.enabled()).isFalse();
        }
        try (Progress spinner = Progress.spinner(environment(false), options(false), "Exporting")) {
            assertThat(spinner.enabled()).isFalse();
        }

        assertThat(err.toString()).isEmpty();
    }

    @Test
    void nothingIsWrittenForAJsonReaderEvenOnATerminal() {
        try (Progress bar = Progress.bar(environment(true), options(true), "Creating monitors", 3)) {
            bar.step();
            assertThat(bar.enabled()).isFalse();
        }

        assertThat(err.toString()).isEmpty();
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAndClearedAtTheEnd() throws InterruptedException {
        try (Progress bar = Progress.bar(environment(true), options(false), "Creating monitors", 4)) {
            bar.step();
            assertThat(bar.enabled()).isTrue();
            // The ticker draws every 120 ms, starting at once.
            Thread.sleep(300);
        }

        String drawn = err.toString();
        assertThat(drawn).startsWith("\rCreating monitors [").contains("] 1/4 0s\u001b[K")
                .endsWith("\r\u001b[K");
        assertThat(drawn).doesNotContain("\n");
    }

    private CliEnvironment environment(boolean terminal) {
        return new CliEnvironment(Map.of(), Path.of("unused"), new ByteArrayInputStream(new byte[0]),
                new PrintWriter(new StringWriter()), new PrintWriter(err), terminal);
    }

    private static GlobalOptions options(boolean json) {
        GlobalOptions options = new GlobalOptions();
        options.output = json ? GlobalOptions.Format.json : GlobalOptions.Format.table;
        return options;
    }
}
