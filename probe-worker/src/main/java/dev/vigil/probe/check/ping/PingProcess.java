package dev.vigil.probe.check.ping;

import java.io.ByteArrayOutputStream;
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
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().name("ping-output").start(() -> drain(process.getInputStream(), kept));
        boolean finished;
        try {
            finished = process.waitFor(Math.max(1000, timeout.toMillis()) + KILL_GRACE.toMillis(),
                    TimeUnit.MILLISECONDS);
        } finally {
            // ping forks nothing; a run that outlived its deadline is simply killed.
            process.destroyForcibly();
        }
        if (!reader.join(Duration.ofSeconds(1))) {
            reader.interrupt();
        }
        synchronized (kept) {
            return new Run(finished ? process.exitValue() : -1, kept.toString(StandardCharsets.UTF_8));
        }
    }

    private static void drain(InputStream in, ByteArrayOutputStream kept) {
        byte[] chunk = new byte[2048];
        try (in) {
            int read;
            while ((read = in.read(chunk)) != -1) {
                synchronized (kept) {
                    kept.write(chunk, 0, Math.min(read, Math.max(0, OUTPUT_LIMIT - kept.size())));
                }
            }
        } catch (IOException e) {
            // the process went away: keep what was read
        }
    }
}
