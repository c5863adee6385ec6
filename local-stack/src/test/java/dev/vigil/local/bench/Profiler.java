package dev.vigil.local.bench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A Java Flight Recording of the stack's JVM over the measured window ({@code bench.profile} names the file), started
 * and dumped with {@code jcmd}; {@link ProfileSummary} turns it into the text summary kept in bench/README.md.
 */
final class Profiler {

    private final long pid;
    private final Path file;

    private Profiler(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    static Profiler startIfWanted(long pid) throws IOException, InterruptedException {
        String file = System.getProperty("bench.profile");
        Profiler profiler = new Profiler(pid, file == null || file.isBlank() ? null : Path.of(file));
        if (profiler.file != null) {
            profiler.jcmd("JFR.start", "name=bench", "settings=profile");
        }
        return profiler;
    }

    void stop() throws IOException, InterruptedException {
        if (file != null) {
            jcmd("JFR.stop", "name=bench", "filename=" + file.toAbsolutePath());
            System.out.println("profile: " + file);
        }
    }

    private void jcmd(String... command) throws IOException, InterruptedException {
        String[] args = new String[command.length + 2];
        args[0] = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        args[1] = Long.toString(pid);
        System.arraycopy(command, 0, args, 2, command.length);
        Process process = new ProcessBuilder(args).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed");
        }
    }
}
