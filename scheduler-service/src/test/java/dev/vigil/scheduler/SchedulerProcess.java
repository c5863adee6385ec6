package dev.vigil.scheduler;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler-service in a JVM of its own (a child process on this JVM's classpath), so a test can kill it with
 * SIGKILL as a crash would. Its output lines are kept with the instant each was read.
 */
public final class SchedulerProcess implements AutoCloseable {

    /** A line of the child's output and when the parent read it. */
    public record Line(Instant at, String text) {
    }

    private final String name;
    private final Process process;
    private final List<Line> lines = new CopyOnWriteArrayList<>();

    private SchedulerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread.ofPlatform().daemon().name("output-" + name).start(this::pump);
    }

    /** Starts {@link SchedulerApplication} with the given properties (as {@code --key=value} arguments). */
    public static SchedulerProcess start(String name, Map<String, String> properties, List<String> jvmOptions) {
        List<String> arguments = new ArrayList<>();
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return start(name, SchedulerApplication.class, arguments, jvmOptions);
    }

    /** Starts {@code mainClass} of this JVM's classpath in a child JVM. */
    public static SchedulerProcess start(String name, Class<?> mainClass, List<String> arguments,
                                         List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            SchedulerProcess child = new SchedulerProcess(name, process);
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return child;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The first output line containing {@code text}, waiting up to {@code within} for it. */
    public Optional<Line> awaitLine(String text, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        do {
            Optional<Line> found = lines.stream().filter(l -> l.text().contains(text)).findFirst();
            if (found.isPresent() || !process.isAlive()) {
                return found;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }

    /** SIGKILL: no shutdown hooks, no lock release, the socket closed by the kernel. */
    public Instant kill() {
        Instant at = Instant.now();
        process.destroyForcibly();
        waitForExit();
        return at;
    }

    /** SIGTERM, as ECS stops a task: the service drains and exits by itself. Returns when it was sent. */
    public Instant terminate() {
        Instant at = Instant.now();
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return at;
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The child's output lines containing any of {@code words}, prefixed with its name. */
    public String linesWith(String... words) {
        StringBuilder out = new StringBuilder();
        for (Line l : lines) {
            for (String word : words) {
                if (l.text().contains(word)) {
                    out.append(name).append("| ").append(l.text()).append('\n');
                    break;
                }
            }
        }
        return out.toString();
    }

    /** The child's output, for a failure message. */
    public String output() {
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(name).append("| ").append(l.text()).append('\n'));
        return out.toString();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private void waitForExit() {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pump() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(new Line(Instant.now(), line));
            }
        } catch (IOException e) {
            // The child is gone.
        }
    }
}
