package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code vigil --version} prints the version the build wrote, as the release's jar will. */
class VersionTests {

    @Test
    void versionIsTheProjectVersionOfTheBuild() {
        StringWriter out = new StringWriter();
        int exit = VigilCli.run(new CliEnvironment(Map.of(), Path.of("unused"), new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out), new PrintWriter(new StringWriter())), "--version");

        assertThat(exit).isZero();
        assertThat(out.toString().strip()).matches("vigil \\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?");
        assertThat(out.toString()).doesNotContain("@", "development build");
    }
}
