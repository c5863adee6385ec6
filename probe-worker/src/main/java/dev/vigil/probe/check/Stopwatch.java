package dev.vigil.probe.check;

import java.time.Duration;

/** A check's elapsed time, from the monotonic clock (wall-clock jumps never show up as latency). */
public final class Stopwatch {

    private final long startNanos;

    private Stopwatch(long startNanos) {
        this.startNanos = startNanos;
    }

    public static Stopwatch start() {
        return new Stopwatch(System.nanoTime());
    }

    /** Whole milliseconds since the start. */
    public long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Milliseconds left of {@code budget} counted from the start; at least 1 (a socket timeout of 0 is none). */
    public int remainingMs(Duration budget) {
        return (int) Math.max(1, (startNanos + budget.toNanos() - System.nanoTime()) / 1_000_000);
    }
}
