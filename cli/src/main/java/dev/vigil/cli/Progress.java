package dev.vigil.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A progress line on stderr for operations that take a while, drawn only on a terminal (a pipe or CI log gets
 * nothing): a bar with a count when the total is known (creating monitors one by one), else a spinner with the
 * elapsed time (one apply request of many objects). Redrawn in place with a carriage return; {@link #close} clears it.
 */
final class Progress implements AutoCloseable {

    private static final int WIDTH = 30;
    private static final char[] SPINNER = {'|', '/', '-', '\\'};

    private final PrintWriter err;
    private final String label;
    private final int total;
    private final boolean enabled;
    private final AtomicInteger done = new AtomicInteger();
    private final long started = System.nanoTime();
    private final ScheduledExecutorService ticker;
    private int frame;

    private Progress(CliEnvironment environment, String label, int total) {
        this.err = environment.err();
        this.label = label;
        this.total = total;
        this.enabled = environment.terminal();
        if (enabled) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "vigil-progress");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::draw, 0, 120, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    /** A bar of {@code total} steps. */
    static Progress bar(CliEnvironment environment, String label, int total) {
        return new Progress(environment, label, total);
    }

    /** A spinner with the elapsed time, for one long request. */
    static Progress spinner(CliEnvironment environment, String label) {
        return new Progress(environment, label, -1);
    }

    void step() {
        done.incrementAndGet();
    }

    synchronized String line() {
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        if (total < 0) {
            return SPINNER[frame++ % SPINNER.length] + " " + label + " " + seconds + "s";
        }
        int count = Math.min(done.get(), total);
        int filled = total == 0 ? WIDTH : count * WIDTH / total;
        return label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + count + "/" + total + " "
                + seconds + "s";
    }

    private synchronized void draw() {
        err.print("\r" + line() + "\u001b[K");
        err.flush();
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            synchronized (this) {
                err.print("\r\u001b[K");
                err.flush();
            }
        }
    }
}
