package dev.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/vigil-local on a machine where its ports are taken: one clear line and exit 1, never a stack trace and a hang. */
class VigilLocalStartTests {

    @TempDir
    Path home;

    @Test
    void aTakenSqsPortStopsTheLauncherWithAClearMessage() throws Exception {
        try (ServerSocket held = new ServerSocket()) {
            held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Result result = launch("VIGIL_SQS_PORT", held.getLocalPort());

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.stderr()).contains("Vigil: port " + held.getLocalPort() + " (SQS, VIGIL_SQS_PORT) is in use")
                    .contains("Another Vigil may still be stopping");
            assertThat(result.stderr() + result.stdout()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void aTakenApiPortStopsTheLauncherWithAClearMessage() throws Exception {
        try (ServerSocket held = new ServerSocket(0)) {
            Result result = launch("SERVER_PORT", held.getLocalPort());

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.stderr()).contains("Vigil: port " + held.getLocalPort() + " (API, SERVER_PORT) is in use");
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private Result launch(String portVariable, int port) throws IOException, InterruptedException {
        Path out = home.resolve("out.txt");
        Path err = home.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), VigilLocal.class.getName()))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("VIGIL_HOME", home.toString());
        builder.environment().put("VIGIL_SQS_PORT", "0");
        builder.environment().put("SERVER_PORT", "0");
        builder.environment().put(portVariable, Integer.toString(port));
        builder.environment().remove("VIGIL_DB_URL");
        Process process = builder.start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        assertThat(exited).as("the launcher exits by itself").isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
