package dev.vigil.probe.plugin.nagios;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.PerfDatum;
import dev.vigil.common.plugin.NagiosPluginList;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.support.Eventually;
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
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nagios plugins from Debian's {@code monitoring-plugins-basic} (installed by {@code .ci/run}), run against loopback
 * targets, and hand-written plugins in a temporary plugin directory (added to the plugin list) for the process-tree,
 * output, path, argument and user rules. When the tests run as root (CI containers), plugins run through setpriv as
 * nobody, as a root worker runs them.
 */
class NagiosPluginsIT {

    private static final Path DEBIAN = Path.of("/usr/lib/nagios/plugins");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path own;

    /** Where hand-written plugins leave what tests read back: writable by whichever user plugins run as. */
    private static Path shared;
    private static NagiosPlugins plugins;

    /** The built-in list plus the hand-written plugins of these tests. */
    static final NagiosPluginList LIST = NagiosPluginList.of(true, Map.of(
            "check_state", "-s|--state integer; -m|--message text",
            "check_hang", "-t integer", "check_flood", "-t integer", "check_env", "-a text; -b text",
            "check_odd", "-t integer", "check_whoami", "-t integer", "escape", "-t integer"));

    @BeforeAll
    static void plugins() throws IOException {
        assertThat(DEBIAN.resolve("check_tcp")).as("Debian's monitoring-plugins-basic must be installed "
                + "(apt-get install monitoring-plugins-basic; .ci/run does it)").isExecutable();
        Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwxr-xr-x"));
        shared = Files.createDirectory(own.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        script("check_state", """
                while [ $# -gt 0 ]; do case "$1" in -s) state=$2;; -m) message=$2;; esac; shift 2; done
                case "$state" in 0) echo "OK: $message";; 1) echo "WARNING: $message";; 2) echo "CRITICAL: $message";;
                *) echo "UNKNOWN: $message";; esac
                exit $state""");
        plugins = plugins(TestJobs.localGuard());
    }

    static NagiosPlugins plugins(dev.vigil.common.net.TargetGuard guard) {
        return new NagiosPlugins(new PluginDirectories(List.of(DEBIAN, own)), LIST,
                PluginSandbox.forWorker("nobody", "nogroup"), guard, 1024);
    }

    private static void script(String name, String body) throws IOException {
        Path file = own.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void exitCodesMapToUpDegradedAndDown() {
        CheckOutcome ok = plugins.run("check_state", List.of("-s", "0", "-m", "all good"), TIMEOUT);
        CheckOutcome warning = plugins.run("check_state", List.of("-s", "1", "-m", "disk filling"), TIMEOUT);
        CheckOutcome critical = plugins.run("check_state", List.of("-s", "2", "-m", "disk full"), TIMEOUT);
        CheckOutcome unknown = plugins.run("check_state", List.of("-s", "3", "-m", "cannot tell"), TIMEOUT);

        assertThat(ok.ok()).as(ok.message()).isTrue();
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
    void theListedDebianPluginsAreOfferedByNameAndNoOthers() {
        assertThat(plugins.names()).contains("check_tcp", "check_http", "check_clamd", "check_state")
                .doesNotContain("utils.sh", "utils.pm", "check_dummy", "check_log", "check_disk", "check_by_ssh",
                        "negate");
    }

    @Test
    void namesThatCouldEscapeTheDirectoriesAreRefused() throws IOException {
        Files.createSymbolicLink(own.resolve("escape"), Path.of("/bin/echo"));

        assertThat(plugins.run("escape", List.of("-t", "1"), TIMEOUT).message()).contains("no plugin named");
        for (String name : List.of("../../../bin/echo", "/bin/echo", "check_tcp/../../echo", "..", "no_such_plugin")) {
            CheckOutcome outcome = plugins.run(name, List.of(), TIMEOUT);
            assertThat(outcome.ok()).as(name).isFalse();
            assertThat(outcome.error()).as(name).isEqualTo(ErrorKind.BLOCKED);
            assertThat(outcome.message()).as(name).contains("is not on this service's plugin list");
        }
    }

    @Test
    void installedPluginsOffTheListAndOptionsThatReadOrFollowAreRefusedBeforeAnythingRuns() {
        CheckOutcome log = plugins.run("check_log", List.of("-F", "/etc/passwd", "-O", "/tmp/old", "-q", "root"),
                TIMEOUT);
        CheckOutcome follow = plugins.run("check_http", List.of("-H", "127.0.0.1", "-f", "follow"), TIMEOUT);
        CheckOutcome socket = plugins.run("check_tcp", List.of("-H", "/run/systemd/private"), TIMEOUT);
        CheckOutcome extra = plugins.run("check_tcp", List.of("--extra-opts=@/etc/passwd"), TIMEOUT);

        assertThat(log.error()).isEqualTo(ErrorKind.BLOCKED);
        assertThat(log.message()).isEqualTo("refused by the probe's plugin policy: plugin check_log is not on this "
                + "service's plugin list; see GET /api/v1/plugins");
        assertThat(follow.error()).isEqualTo(ErrorKind.BLOCKED);
        assertThat(follow.message()).isEqualTo("refused by the probe's plugin policy: -f accepts only ok, warning, "
                + "critical (got \"follow\")");
        assertThat(socket.error()).isEqualTo(ErrorKind.BLOCKED);
        assertThat(extra.error()).isEqualTo(ErrorKind.BLOCKED);
    }

    @Test
    void pluginsRunUnprivilegedInAnEmptyDirectoryOfTheirOwn() throws IOException {
        script("check_whoami", "echo \"OK user=$(id -un) dir=$(pwd) entries=$(ls -A | wc -l) "
                + "shadow=$(cat /etc/shadow >/dev/null 2>&1 && echo read || echo denied)\"");

        CheckOutcome first = plugins.run("check_whoami", List.of(), TIMEOUT);
        CheckOutcome second = plugins.run("check_whoami", List.of(), TIMEOUT);

        assertThat(first.message()).matches("OK user=\\S+ dir=\\S+/vigil-plugin-\\d+ entries=0 shadow=denied");
        String dir = first.message().replaceAll(".* dir=(\\S+) .*", "$1");
        assertThat(second.message()).doesNotContain(dir);
        assertThat(Path.of(dir)).doesNotExist();
        if (PluginSandbox.forWorker("nobody", "nogroup").dropsPrivileges()) {
            assertThat(first.message()).startsWith("OK user=nobody ");
        } else {
            assertThat(first.message()).doesNotStartWith("OK user=root ");
        }
    }

    @Test
    void aTimeoutKillsThePluginAndEveryProcessItStarted() throws Exception {
        Path pidFile = shared.resolve("child.pid");
        script("check_hang", "sleep 60 &\necho $! > " + pidFile + "\nsleep 60");

        CheckOutcome outcome = plugins.run("check_hang", List.of(), Duration.ofMillis(1500));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.TIMEOUT);
        long child = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(Eventually.within(Duration.ofSeconds(5),
                () -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true))).isTrue();
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
        script("check_env", "echo \"OK args=[$2] [$4] home=[$HOME] path=[$PATH]\"");

        CheckOutcome outcome = plugins.run("check_env", List.of("-a", "a b; rm -rf /", "-b", "$(id)"), TIMEOUT);

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
        NagiosPlugins saas = plugins(TestJobs.saasGuard());

        for (List<String> args : List.of(List.of("-H", "localhost", "-p", "22"), List.of("-H127.0.0.1", "-p", "22"),
                List.of("--hostname=169.254.169.254", "-p", "80"), List.of("-H", "::1", "-p", "22"))) {
            CheckOutcome outcome = saas.run("check_tcp", args, TIMEOUT);
            assertThat(outcome.error()).as(args.toString()).isEqualTo(ErrorKind.BLOCKED);
        }
    }
}
