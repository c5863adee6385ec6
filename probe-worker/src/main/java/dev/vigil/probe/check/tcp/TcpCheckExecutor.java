package dev.vigil.probe.check.tcp;

import dev.vigil.common.check.MonitorType;
import dev.vigil.common.check.TcpCheck;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.PhaseTimings;
import dev.vigil.probe.check.CheckExecutor;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.check.Failures;
import dev.vigil.probe.net.Connector;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/** A TCP connect to a vetted address of host:port; up when the connection is accepted within the timeout. */
@Component
class TcpCheckExecutor implements CheckExecutor {

    private final Connector connector;

    TcpCheckExecutor(Connector connector) {
        this.connector = connector;
    }

    @Override
    public MonitorType type() {
        return MonitorType.TCP;
    }

    @Override
    public CheckOutcome execute(CheckJob job) {
        TcpCheck check = (TcpCheck) job.check();
        long start = System.nanoTime();
        try (Connector.Connection connection = connector.connect(check.host(), check.port(),
                Duration.ofMillis(job.timeoutMs()))) {
            long latency = (System.nanoTime() - start) / 1_000_000;
            boolean degraded = job.degradedAboveMs() != null && latency > job.degradedAboveMs();
            return new CheckOutcome(true, degraded, latency,
                    new PhaseTimings(connection.dnsMs(), connection.connectMs(), null, null), null, null,
                    "connected to " + connection.address().getHostAddress() + ":" + check.port(), List.of(),
                    List.of(), null, null);
        } catch (IOException e) {
            Failures.Failure failure = Failures.classify(e, check.target(), job.timeoutMs());
            return CheckOutcome.failed(failure.kind(), failure.message(), (System.nanoTime() - start) / 1_000_000);
        }
    }
}
