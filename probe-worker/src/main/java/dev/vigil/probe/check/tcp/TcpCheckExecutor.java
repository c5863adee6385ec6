package dev.vigil.probe.check.tcp;

import dev.vigil.common.check.MonitorType;
import dev.vigil.common.check.TcpCheck;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.PhaseTimings;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.check.Failures;
import dev.vigil.probe.check.Stopwatch;
import dev.vigil.probe.check.TypedCheckExecutor;
import dev.vigil.probe.net.Connector;
import java.io.IOException;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** A TCP connect to a vetted address of host:port; up when the connection is accepted within the timeout. */
@Component
class TcpCheckExecutor extends TypedCheckExecutor<TcpCheck> {

    private final Connector connector;

    TcpCheckExecutor(Connector connector) {
        super(MonitorType.TCP, TcpCheck.class);
        this.connector = connector;
    }

    @Override
    protected CheckOutcome run(CheckJob job, TcpCheck check, Stopwatch stopwatch) {
        try (Connector.Connection connection = connector.connect(check.host(), check.port(),
                Duration.ofMillis(job.timeoutMs()))) {
            return CheckOutcome.up(job, stopwatch.elapsedMs(),
                    new PhaseTimings(connection.dnsMs(), connection.connectMs(), null, null),
                    "connected to " + connection.address().getHostAddress() + ":" + check.port());
        } catch (IOException e) {
            Failures.Failure failure = Failures.classify(e, check.target(), job.timeoutMs());
            return CheckOutcome.failed(failure.kind(), failure.message(), stopwatch.elapsedMs());
        }
    }
}
