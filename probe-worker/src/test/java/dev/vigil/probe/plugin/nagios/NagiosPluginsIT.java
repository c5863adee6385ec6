package dev.vigil.probe.plugin.nagios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.PerfDatum;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.support.TestJobs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nagios plugins from Debian's {@code monitoring-plugins-basic} (installed by {@code .ci/run}), run against loopback
 * targets, and hand-written plugins in a temporary allowed directory for the process-tree, output and path rules.
 */
class NagiosPluginsIT {

    private static final Path DEBIAN = Path.of("/usr/lib/nagios/plugins");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path own;

    private static NagiosPlugins plugins;

    @BeforeAll
    static void plugins() {
        assertThat(DEBIAN.resolve("check_dummy")).as("Debian's monitoring-plugins-basic must be installed "
                + "(apt-get install monitoring-plugins-basic; .ci/run does it)").isExecutable();
        plugins = new NagiosPlugins(new PluginDirectories(List.of(DEBIAN, own)), TestJobs.localGuard(), 1024);
    }

    private static void script(String name, String body) throws IOException {
        Path file = own.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void exitCodesMapToUpDegradedAndDown() {
        CheckOutcome ok = plugins.run("check_dummy", List.of("0", "all good"), TIMEOUT);
        CheckOutcome warning = plugins.run("check_dummy", List.of("1", "disk filling"), TIMEOUT);
        CheckOutcome critical = plugins.run("check_dummy", List.of("2", "disk full"), TIMEOUT);
        CheckOutcome unknown = plugins.run("check_dummy", List.of("3", "cannot tell"), TIMEOUT);

        assertThat(ok.ok()).isTrue();
        assertThat(ok.degraded()).isFalse();
        assertThat(ok.message()).isEqualTo("OK: all good");
        assertThat(warning.ok()).isTrue();
        assertThat(warning.degraded()).isTrue();
        assertThat(warning.message()).isEqualTo("WARNING: disk filling");
        assertThat(critical.ok()).isFalse();
        assertThat(critical.error()).isEqualTo(ErrorKind.PLUGIN);
        assertThat(critical.message()).isEqualTo("CRITICAL: disk full");
        assertThat(unknown.ok()).isFalse();
        assertThat(unknown.message()).isEqualTo("UNKNOWN: cannot tell");
    }

    @Test
    void checkTcpReportsItsResponseTimeAsPerfData() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CheckOutcome outcome = plugins.run("check_tcp", List.of("-H", "127.0.0.1", "-p",
                    Integer.toString(server.getLocalPort())), TIMEOUT);

            assertThat(outcome.ok()).as(outcome.message()).isTrue();
            assertThat(outcome.message()).startsWith("TCP OK");
            assertThat(outcome.perfData()).extracting(PerfDatum::label, PerfDatum::unit)
                    .containsExactly(Tuple.tuple("time", "s"));
        }
    }

    @Test
    void checkTcpOnAClosedPortIsCritical() throws IOException {
        int closed;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = server.getLocalPort();
        }

        CheckOutcome outcome = plugins.run("check_tcp", List.of("-H", "127.0.0.1", "-p", Integer.toString(closed)),
                TIMEOUT);

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.PLUGIN);
        assertThat(outcome.message()).contains("Connection refused");
    }

    @Test
    void checkHttpFindsTheExpectedContent() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> {
            byte[] body = "status: fine".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String port = Integer.toString(server.getAddress().getPort());
            CheckOutcome found = plugins.run("check_http", List.of("-H", "127.0.0.1", "-p", port, "-u", "/health",
                    "-s", "fine"), TIMEOUT);
            CheckOutcome missing = plugins.run("check_http", List.of("-H", "127.0.0.1", "-p", port, "-u", "/health",
                    "-s", "broken"), TIMEOUT);

            assertThat(found.ok()).as(found.message()).isTrue();
            assertThat(found.message()).startsWith("HTTP OK");
            assertThat(found.perfData()).extracting(PerfDatum::label).contains("time", "size");
            assertThat(missing.ok()).isFalse();
            assertThat(missing.message()).contains("not found");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theDebianPluginsAreOfferedByName() {
        assertThat(plugins.names()).contains("check_tcp", "check_http", "check_dummy", "check_clamd")
                .doesNotContain("utils.sh", "utils.pm");
    }

    @Test
    void namesThatCouldEscapeTheDirectoriesAreRefused() throws IOException {
        Files.createSymbolicLink(own.resolve("escape"), Path.of("/bin/echo"));

        for (String name : List.of("../../../bin/echo", "/bin/echo", "check_dummy/../../echo", "..", "escape",
                "no_such_plugin")) {
            CheckOutcome outcome = plugins.run(name, List.of("hello"), TIMEOUT);
            assertThat(outcome.ok()).as(name).isFalse();
            assertThat(outcome.message()).as(name).contains("no plugin named");
        }
    }

    @Test
    void aTimeoutKillsThePluginAndEveryProcessItStarted() throws Exception {
        Path pidFile = own.resolve("child.pid");
        script("check_hang", "sleep 60 &\necho $! > " + pidFile + "\nsleep 60");

        CheckOutcome outcome = plugins.run("check_hang", List.of(), Duration.ofMillis(700));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.TIMEOUT);
        long child = Long.parseLong(Files.readString(pidFile).strip());
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void floodingOutputIsCappedAndTheRestDrained() throws IOException {
        script("check_flood", "head -c 5000000 /dev/zero | tr '\\000' 'x'\necho\nexit 0");

        CheckOutcome outcome = plugins.run("check_flood", List.of(), TIMEOUT);

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.message().length()).isLessThanOrEqualTo(CheckOutcome.MAX_MESSAGE_LENGTH);
    }

    @Test
    void pluginsSeeArgumentsVerbatimAndNoneOfTheWorkersEnvironment() throws IOException {
        script("check_env", "echo \"OK args=[$1] [$2] home=[$HOME] path=[$PATH]\"");

        CheckOutcome outcome = plugins.run("check_env", List.of("a b; rm -rf /", "$(id)"), TIMEOUT);

        assertThat(outcome.message()).isEqualTo(
                "OK args=[a b; rm -rf /] [$(id)] home=[] path=[/usr/local/bin:/usr/bin:/bin]");
    }

    @Test
    void anUnknownExitCodeCountsAsUnknown() throws IOException {
        script("check_odd", "echo 'weird'\nexit 7");

        CheckOutcome outcome = plugins.run("check_odd", List.of(), TIMEOUT);

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).isEqualTo("weird (exit code 7, counted as UNKNOWN)");
    }

    @Test
    void hostArgumentsAreVettedInSaasMode() {
        NagiosPlugins saas = new NagiosPlugins(new PluginDirectories(List.of(DEBIAN)), TestJobs.saasGuard(), 1024);

        for (List<String> args : List.of(List.of("-H", "localhost", "-p", "22"), List.of("-H127.0.0.1", "-p", "22"),
                List.of("--hostname=169.254.169.254", "-p", "80"), List.of("-I", "::1", "-p", "22"))) {
            CheckOutcome outcome = saas.run("check_tcp", args, TIMEOUT);
            assertThat(outcome.error()).as(args.toString()).isEqualTo(ErrorKind.BLOCKED);
        }
    }
}
