package dev.vigil.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A progress line on stderr for operations that take a while, drawn only on a terminal and never with
 * {@code --output json} (a pipe, a CI log or a script reading JSON gets nothing, not even an escape code): a bar with a
 * count when the total is known (creating monitors one by one), else a spinner with the elapsed time (one request
 * that takes long: plan or apply of a large file, an export, an import, a check waiting for its regions). Redrawn in
 * place with a carriage return; {@link #close} clears it.
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

    private Progress(CliEnvironment environment, GlobalOptions global, String label, int total) {
        this.err = environment.err();
        this.label = label;
        this.total = total;
        this.enabled = shown(environment, global);
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
    static Progress bar(CliEnvironment environment, GlobalOptions global, String label, int total) {
        return new Progress(environment, global, label, total);
    }

    /** A spinner with the elapsed time, for one long request. */
    static Progress spinner(CliEnvironment environment, GlobalOptions global, String label) {
        return new Progress(environment, global, label, -1);
    }

    /** Whether progress is drawn: for a person at a terminal, not for a pipe or a JSON reader. */
    static boolean shown(CliEnvironment environment, GlobalOptions global) {
        return environment.terminal() && !global.json();
    }

    /** Whether this one draws (and has a ticking thread). */
    boolean enabled() {
        return enabled;
    }

    void step() {
        done.incrementAndGet();
    }

    synchronized String line() {
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        return render(label, done.get(), total, seconds, frame++);
    }

    /**
     * One frame: {@code Creating monitors [#######       ] 120/500 4s}, or {@code / Applying vigil.yaml 12s} when
     * the total is unknown (negative). Steps beyond the total are shown as the total; a total of 0 is a full bar.
     */
    static String render(String label, int done, int total, long seconds, int frame) {
        if (total < 0) {
            return SPINNER[Math.floorMod(frame, SPINNER.length)] + " " + label + " " + seconds + "s";
        }
        int count = Math.max(0, Math.min(done, total));
        int filled = total == 0 ? WIDTH : (int) ((long) count * WIDTH / total);
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
