package dev.vigil.probe.plugin.nagios;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs one plugin process: as its {@link PluginSandbox} says (never as root, in an empty directory of its own),
 * argument list passed as is (no shell, so no quoting or injection), a minimal environment
 * (no secrets of the worker leak into plugins; {@code LC_ALL=C} keeps numbers and messages parseable), stdin from
 * /dev/null, stdout and stderr read up to a limit (the rest drained and dropped so the plugin never blocks on a full
 * pipe), and on timeout the whole process tree killed. Any process the plugin left behind is killed too.
 */
final class PluginProcess {

    private static final Map<String, String> ENVIRONMENT = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin",
            "LC_ALL", "C", "LANG", "C");
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(2);

    private PluginProcess() {
    }

    /** How a run ended; {@code exitCode} is -1 when it was killed for taking too long. */
    record Run(int exitCode, boolean timedOut, String stdout, String stderr, boolean truncated) {
    }

    static Run run(PluginSandbox sandbox, Path executable, List<String> args, Duration timeout, int outputLimit)
            throws IOException, InterruptedException {
        Path directory = sandbox.workingDirectory();
        try {
            return run(sandbox.command(executable, args), directory, timeout, outputLimit);
        } finally {
            PluginSandbox.remove(directory);
        }
    }

    private static Run run(List<String> command, Path directory, Duration timeout, int outputLimit)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(ENVIRONMENT);
        Process process = builder.start();
        Capture stdout = Capture.start(process.getInputStream(), outputLimit, "plugin-stdout");
        Capture stderr = Capture.start(process.getErrorStream(), outputLimit / 4, "plugin-stderr");
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            // On timeout, and also after a normal exit: a plugin may leave children behind holding the pipes open.
            killTree(process.toHandle());
        }
        stdout.await(DRAIN_WAIT);
        stderr.await(DRAIN_WAIT);
        return new Run(finished ? process.exitValue() : -1, !finished, stdout.text(), stderr.text(),
                stdout.truncated());
    }

    /**
     * Kills a process and all its descendants. The descendants are listed before the parent dies (afterwards they
     * are re-parented and no longer found), and listed again until none is left, in case one forked meanwhile. A
     * killed grandchild is re-parented to PID 1, which in a container without an init may never reap it: a zombie
     * holds nothing open and counts as gone, or every kill would wait out its rounds.
     */
    static void killTree(ProcessHandle root) {
        Set<ProcessHandle> seen = new HashSet<>();
        for (int round = 0; round < 5; round++) {
            List<ProcessHandle> alive = new ArrayList<>();
            if (running(root)) {
                alive.add(root);
            }
            root.descendants().filter(PluginProcess::running).forEach(alive::add);
            for (ProcessHandle handle : seen) {
                if (running(handle)) {
                    alive.add(handle);
                    handle.descendants().filter(PluginProcess::running).forEach(alive::add);
                }
            }
            if (alive.isEmpty()) {
                return;
            }
            seen.addAll(alive);
            alive.forEach(ProcessHandle::destroyForcibly);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            while (alive.stream().anyMatch(PluginProcess::running) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    // keep killing: nothing may be left behind; the caller sees the interrupt again
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
    }

    /** Alive and not a zombie (state Z in /proc: exited, waiting to be reaped). */
    private static boolean running(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return handle.isAlive();
        }
    }

    /** Reads a stream on a virtual thread, keeping the first {@code limit} bytes and discarding the rest. */
    private static final class Capture {

        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int limit;
        private final Thread reader;
        private volatile boolean truncated;

        private Capture(InputStream in, int limit, String name) {
            this.limit = limit;
            this.reader = Thread.ofVirtual().name(name).unstarted(() -> drain(in));
        }

        static Capture start(InputStream in, int limit, String name) {
            Capture capture = new Capture(in, limit, name);
            capture.reader.start();
            return capture;
        }

        private void drain(InputStream in) {
            byte[] chunk = new byte[4096];
            try (in) {
                int read;
                while ((read = in.read(chunk)) != -1) {
                    int room = limit - kept.size();
                    if (room > 0) {
                        synchronized (kept) {
                            kept.write(chunk, 0, Math.min(room, read));
                        }
                    }
                    if (read > room) {
                        truncated = true;
                    }
                }
            } catch (IOException e) {
                // the process went away: keep what was read
            }
        }

        void await(Duration wait) throws InterruptedException {
            if (!reader.join(wait)) {
                reader.interrupt();
            }
        }

        boolean truncated() {
            return truncated;
        }

        String text() {
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
