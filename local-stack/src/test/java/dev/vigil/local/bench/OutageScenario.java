package dev.vigil.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mass outage: the target of the benchmark's monitors starts answering 503 at once (nginx reloaded with a failing
 * location), stays down for a while, and comes back; a smaller set of monitors on another path stays healthy.
 *
 * <ol>
 *   <li>Every second the monitors' status is read: when each failing monitor was first seen DOWN after the target
 *       failed, and first seen not DOWN after it returned (goal: within interval + 10 s, every one).</li>
 *   <li>Incidents opened per monitor (goal: one each), outbox events and webhook deliveries (rate limit and digest),
 *       CONFIRM checks per failed round (goal: bounded, one fan-out a round), and the healthy monitors' lag behind
 *       their schedule during the outage (goal: p99 start within 2 s, as in the healthy window).</li>
 * </ol>
 */
final class OutageScenario {

    private static final Duration POLL = Duration.ofSeconds(1);

    private final Connection db;
    private final StackMetrics metrics;
    private final List<String> failing;
    private final List<String> healthy;
    private final int outageSeconds;

    OutageScenario(Connection db, StackMetrics metrics, List<String> failing, List<String> healthy, int outageSeconds) {
        this.db = db;
        this.metrics = metrics;
        this.failing = failing;
        this.healthy = healthy;
        this.outageSeconds = Math.max(outageSeconds, PipelineBench.INTERVAL + 30);
    }

    void run() throws Exception {
        Set<String> failingIds = new HashSet<>(failing);
        double confirms0 = metrics.sum("vigil_evaluation_confirmations_asked_total");
        double checks0 = metrics.sum("vigil_probe_checks_total");
        Instant down = Instant.now();
        setTargetFailing(true);
        System.out.printf("== outage: the target of %d monitors fails from %s for %d s (load average %s)%n",
                failing.size(), down, outageSeconds, ProcessCpu.loadAverage());
        Map<String, Instant> seenDown = watch(failingIds, down, true, down.plusSeconds(outageSeconds));
        double confirms = metrics.sum("vigil_evaluation_confirmations_asked_total") - confirms0;
        double checks = metrics.sum("vigil_probe_checks_total") - checks0;
        Instant up = Instant.now();
        setTargetFailing(false);
        System.out.printf("== target back at %s%n", up);
        Map<String, Instant> seenUp = watch(failingIds, up, false, up.plusSeconds(PipelineBench.INTERVAL + 60));
        Thread.sleep(15_000);

        long deadline = PipelineBench.INTERVAL + 10;
        report("confirmed_down", down, seenDown, deadline);
        report("recovered", up, seenUp, deadline);
        String during = "FROM check_results WHERE time >= ? AND time < ?";
        long failedRounds = PipelineBench.count(db, "SELECT count(DISTINCT round_id) " + during
                + " AND kind = 'SCHEDULED' AND NOT ok", down, up);
        long confirmChecks = PipelineBench.count(db, "SELECT count(*) " + during + " AND kind = 'CONFIRM'", down, up);
        long incidents = PipelineBench.count(db, "SELECT count(*) FROM incidents WHERE started_at >= ?",
                down.minusSeconds(PipelineBench.INTERVAL));
        long monitorsWithIncident = PipelineBench.count(db, "SELECT count(DISTINCT monitor_id) FROM incidents "
                + "WHERE started_at >= ?", down.minusSeconds(PipelineBench.INTERVAL));
        long stillOpen = PipelineBench.count(db, "SELECT count(*) FROM incidents WHERE status = 'OPEN'");
        long outbox = PipelineBench.count(db, "SELECT count(*) FROM notification_outbox WHERE created_at >= ?", down);
        long pending = PipelineBench.count(db, "SELECT count(*) FROM notification_outbox WHERE created_at >= ? "
                + "AND processed_at IS NULL", down);
        List<String> deliveries = PipelineBench.column(db, "SELECT status || ':' || count(*) FROM "
                + "notification_deliveries WHERE created_at >= ? GROUP BY status ORDER BY 1", down);
        double[] healthyStart = PipelineBench.percentiles(db, "extract(epoch FROM started_at - time)",
                "FROM check_results WHERE kind = 'SCHEDULED' AND time >= ? AND time < ? AND monitor_id = ANY(?::uuid[])",
                down, up, healthy.toArray(String[]::new));
        System.out.printf("""
                outage: failed_rounds=%d confirm_checks=%d confirm_checks_per_failed_round=%.2f \
                confirmations_requested=%.0f checks_run=%.0f
                outage: incidents=%d monitors_with_incident=%d open_after_recovery=%d outbox_events=%d \
                outbox_unprocessed=%d deliveries=%s
                outage: healthy_monitors=%d healthy_start_p50_s=%.2f healthy_start_p99_s=%.2f rounds=%d
                goals: one incident each: %s | all recovered, none open: %s | healthy p99 start <= 2 s: %s
                """, failedRounds, confirmChecks, failedRounds == 0 ? 0.0 : confirmChecks / (double) failedRounds,
                confirms, checks, incidents, monitorsWithIncident, stillOpen, outbox, pending, deliveries,
                healthy.size(), healthyStart[1], healthyStart[2], (long) healthyStart[0],
                Window.mark(incidents == failing.size() && monitorsWithIncident == failing.size()),
                Window.mark(stillOpen == 0 && seenUp.size() == failing.size()), Window.mark(healthyStart[2] <= 2));
    }

    /** Polls the monitors' status until every one is (or is no longer) DOWN, or {@code until}. */
    private Map<String, Instant> watch(Set<String> ids, Instant from, boolean wantDown, Instant until)
            throws Exception {
        Map<String, Instant> seen = new HashMap<>();
        Instant nextReport = from.plusSeconds(10);
        while (Instant.now().isBefore(until)) {
            Instant now = Instant.now();
            for (String id : PipelineBench.column(db, wantDown ? "SELECT id FROM monitors WHERE status = 'DOWN'"
                    : "SELECT id FROM monitors WHERE status <> 'DOWN'")) {
                if (ids.contains(id)) {
                    seen.putIfAbsent(id, now);
                }
            }
            if (!now.isBefore(nextReport)) {
                System.out.printf("  t+%3ds %s %d of %d, queues %s, load %s%n", Duration.between(from, now)
                        .toSeconds(), wantDown ? "down" : "recovered", seen.size(), ids.size(),
                        metrics.queueDepths(), ProcessCpu.loadAverage());
                nextReport = nextReport.plusSeconds(10);
            }
            if (!wantDown && seen.size() == ids.size()) {
                break;
            }
            Thread.sleep(POLL.toMillis());
        }
        return seen;
    }

    private void report(String what, Instant from, Map<String, Instant> seen, long deadlineSeconds) {
        List<Double> delays = new ArrayList<>();
        seen.values().forEach(at -> delays.add(Duration.between(from, at).toMillis() / 1000.0));
        delays.sort(Double::compare);
        long late = delays.stream().filter(d -> d > deadlineSeconds).count() + (failing.size() - seen.size());
        System.out.printf("outage: %s=%d of %d p50_s=%.1f p99_s=%.1f max_s=%.1f beyond_%ds=%d goal: %s%n", what,
                seen.size(), failing.size(), at(delays, 0.5), at(delays, 0.99),
                delays.isEmpty() ? Double.NaN : delays.getLast(), deadlineSeconds, late, Window.mark(late == 0));
    }

    private static double at(List<Double> sorted, double quantile) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1,
                Math.ceil(quantile * sorted.size()) - 1));
    }

    /** Rewrites nginx's mode file and reloads it (the workers switch within milliseconds). */
    private static void setTargetFailing(boolean fail) throws IOException, InterruptedException {
        Files.writeString(Path.of(System.getProperty("bench.nginxMode")), "set $fail " + (fail ? 1 : 0) + ";\n");
        Process reload = new ProcessBuilder(Arrays.asList(System.getProperty("bench.nginxReload").split(" ")))
                .inheritIO().start();
        if (reload.waitFor() != 0) {
            throw new IllegalStateException("nginx reload failed");
        }
    }
}
