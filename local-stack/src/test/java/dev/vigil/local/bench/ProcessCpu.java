package dev.vigil.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * CPU time of a changing set of processes from {@code /proc/<pid>/stat} (utime + stime, clock ticks of 10 ms), sampled
 * while a window runs: a process that appears during the window (a PostgreSQL backend, an autovacuum worker) counts
 * from zero, one that ends counts up to its last sample.
 */
final class ProcessCpu {

    private static final double TICK_SECONDS = 0.01;

    private final Supplier<Set<Long>> pids;
    private final Map<Long, Long> atStart = new HashMap<>();
    private final Map<Long, Long> latest = new HashMap<>();
    private boolean started;

    ProcessCpu(Supplier<Set<Long>> pids) {
        this.pids = pids;
    }

    /** Takes a sample; the first one is the start of the window. */
    synchronized void sample() {
        for (long pid : pids.get()) {
            long ticks = ticks(pid);
            if (ticks < 0) {
                continue;
            }
            if (!started) {
                atStart.put(pid, ticks);
            } else {
                atStart.putIfAbsent(pid, 0L);
            }
            latest.put(pid, ticks);
        }
        started = true;
    }

    /** CPU seconds used between the first sample and the last. */
    synchronized double seconds() {
        long total = 0;
        for (Map.Entry<Long, Long> e : latest.entrySet()) {
            total += e.getValue() - atStart.getOrDefault(e.getKey(), 0L);
        }
        return total * TICK_SECONDS;
    }

    /** utime + stime of a process, or -1 when it is gone. */
    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Busy and total ticks of the whole machine (every core), from {@code /proc/stat}. */
    static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException e) {
            return new long[] {0, 0};
        }
    }

    /** A {@code /proc/<pid>/status} value in kB (VmRSS, VmHWM), or -1. */
    static long statusKb(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** The load averages of the machine, as {@code /proc/loadavg} prints them (1, 5, 15 min). */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
