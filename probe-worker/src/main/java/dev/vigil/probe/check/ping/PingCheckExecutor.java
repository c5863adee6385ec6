package dev.vigil.probe.check.ping;

import dev.vigil.common.check.MonitorType;
import dev.vigil.common.check.PingCheck;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.PerfDatum;
import dev.vigil.common.message.PhaseTimings;
import dev.vigil.common.net.TargetGuard;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.check.Failures;
import dev.vigil.probe.check.Stopwatch;
import dev.vigil.probe.check.TypedCheckExecutor;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Pings a vetted address of the host: the name is resolved once by the {@link TargetGuard} and ping gets only the
 * approved address, so it never resolves anything itself. Up when at least one reply came back and the loss is at
 * most the monitor's {@code maxPacketLossPercent}; the latency is the average round trip, and loss and round trips
 * go out as perf data.
 */
@Component
class PingCheckExecutor extends TypedCheckExecutor<PingCheck> {

    private final TargetGuard guard;
    private final PingProperties properties;

    PingCheckExecutor(TargetGuard guard, PingProperties properties) {
        super(MonitorType.PING, PingCheck.class);
        this.guard = guard;
        this.properties = properties;
    }

    @Override
    protected CheckOutcome run(CheckJob job, PingCheck check, Stopwatch stopwatch) {
        Duration timeout = Duration.ofMillis(job.timeoutMs());
        InetAddress address;
        try {
            address = guard.resolve(check.host()).getFirst();
        } catch (IOException e) {
            Failures.Failure failure = Failures.classify(e, check.host(), job.timeoutMs());
            return CheckOutcome.failed(failure.kind(), failure.message(), stopwatch.elapsedMs());
        }
        long dnsMs = stopwatch.elapsedMs();
        int count = Math.clamp(check.packetCount(), 1, 10);
        PingProcess.Run run;
        try {
            run = PingProcess.run(PingProcess.command(properties.command(), address, count, timeout), timeout);
        } catch (IOException e) {
            return CheckOutcome.failed(ErrorKind.INTERNAL, "ping could not be started on this probe: "
                    + e.getMessage(), stopwatch.elapsedMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckOutcome.failed(ErrorKind.TIMEOUT, "ping interrupted", stopwatch.elapsedMs());
        }
        return judge(job, check, address.getHostAddress(), run, dnsMs, stopwatch.elapsedMs());
    }

    static CheckOutcome judge(CheckJob job, PingCheck check, String address, PingProcess.Run run, long dnsMs,
                              long elapsedMs) {
        PingSummary summary = PingSummary.parse(run.output());
        String target = check.host().equals(address) ? address : check.host() + " (" + address + ")";
        if (summary == null) {
            if (run.exitCode() == -1) {
                return CheckOutcome.failed(ErrorKind.TIMEOUT, "ping of " + target + " did not finish within "
                        + job.timeoutMs() + " ms", elapsedMs);
            }
            return CheckOutcome.failed(ErrorKind.CONNECTION, "ping of " + target + " failed: "
                    + firstLine(run.output()), elapsedMs);
        }
        double loss = summary.lossPercent();
        List<PerfDatum> perf = new ArrayList<>();
        perf.add(new PerfDatum("packet_loss", loss, "%", null, null, 0.0, 100.0));
        if (summary.avgMs() != null) {
            perf.add(new PerfDatum("rtt_min", summary.minMs(), "ms", null, null, 0.0, null));
            perf.add(new PerfDatum("rtt_avg", summary.avgMs(), "ms", null, null, 0.0, null));
            perf.add(new PerfDatum("rtt_max", summary.maxMs(), "ms", null, null, 0.0, null));
        }
        String counts = summary.received() + "/" + summary.transmitted() + " replies ("
                + String.format(Locale.ROOT, "%.0f", loss) + "% loss)";
        PhaseTimings timings = new PhaseTimings(dnsMs, null, null, null);
        if (summary.received() == 0) {
            return new CheckOutcome(false, false, elapsedMs, timings, null, ErrorKind.TIMEOUT,
                    "no reply from " + target + ": " + counts, List.of(), perf, null, null);
        }
        long latency = Math.round(summary.avgMs() == null ? elapsedMs : summary.avgMs());
        String rtt = summary.avgMs() == null ? "" : String.format(Locale.ROOT, ", rtt min/avg/max %.1f/%.1f/%.1f ms",
                summary.minMs(), summary.avgMs(), summary.maxMs());
        if (loss > check.maxPacketLossPercent()) {
            return new CheckOutcome(false, false, latency, timings, null, ErrorKind.CONNECTION,
                    "packet loss to " + target + " above " + check.maxPacketLossPercent() + "%: " + counts + rtt,
                    List.of(), perf, null, null);
        }
        return new CheckOutcome(true, CheckOutcome.isSlow(job, latency), latency, timings, null, null,
                target + ": " + counts + rtt, List.of(), perf, null, null);
    }

    private static String firstLine(String output) {
        String text = output.strip();
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.isEmpty() ? "no output" : line;
    }
}
