package dev.vigil.probe.check.ping;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of iputils {@code ping}: a fixed argument list built here (the tenant's text never reaches it, only the
 * numeric form of an address the guard approved, so it can be neither an option nor a name ping would resolve
 * again), no shell, an empty environment but {@code LC_ALL=C} (parseable numbers), stdin from /dev/null, output read
 * up to a limit, and a hard timeout after which the process is killed.
 */
final class PingProcess {

    static final int OUTPUT_LIMIT = 16 * 1024;
    /** ping's own deadline ({@code -w}) ends it in time; this is for a ping that hangs anyway. */
    private static final Duration KILL_GRACE = Duration.ofMillis(1500);
    private static final Map<String, String> ENVIRONMENT = Map.of("LC_ALL", "C", "LANG", "C",
            "PATH", "/usr/bin:/bin");

    private PingProcess() {
    }

    /** How it ended: {@code exitCode} -1 when it was killed; {@code output} is stdout and stderr together. */
    record Run(int exitCode, String output) {
    }

    /**
     * The argument list: numeric output ({@code -n}, no reverse lookups), summary only ({@code -q}), {@code count}
     * requests 200 ms apart (the shortest interval iputils allows without root), each waited for at most the
     * deadline, and a deadline ({@code -w}) of the whole seconds of the timeout (at least 1).
     */
    static List<String> command(Path ping, InetAddress address, int count, Duration timeout) {
        long deadline = Math.max(1, timeout.toSeconds());
        return List.of(ping.toString(), address instanceof Inet6Address ? "-6" : "-4", "-n", "-q",
                "-c", Integer.toString(count), "-i", "0.2", "-W", Long.toString(deadline),
                "-w", Long.toString(deadline), address.getHostAddress());
    }

    static Run run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(ENVIRONMENT);
        Process process = builder.start();
        boolean finished = false;
        try {
            finished = process.waitFor(Math.max(1000, timeout.toMillis()) + KILL_GRACE.toMillis(),
                    TimeUnit.MILLISECONDS);
        } finally {
            if (!finished) {
                // ping forks nothing; a run that outlived its deadline is simply killed (which also closes its
                // pipes: what it printed is lost, and the outcome is a timeout).
                process.destroyForcibly();
            }
        }
        if (!finished) {
            return new Run(-1, "");
        }
        // Read once it has ended: with -q its output is a few lines, far below a pipe's buffer, so ping never waits
        // for a reader. (Destroying an ended process closes its pipes; an earlier version did, and lost the summary
        // its reader had not read yet in about a third of runs.)
        try (InputStream out = process.getInputStream()) {
            return new Run(process.exitValue(), new String(out.readNBytes(OUTPUT_LIMIT), StandardCharsets.UTF_8));
        }
    }
}
