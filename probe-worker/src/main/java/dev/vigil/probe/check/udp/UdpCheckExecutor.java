package dev.vigil.probe.check.udp;

import dev.vigil.common.check.MonitorType;
import dev.vigil.common.check.UdpCheck;
import dev.vigil.common.message.AssertionOutcome;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.PhaseTimings;
import dev.vigil.common.net.TargetGuard;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.check.Failures;
import dev.vigil.probe.check.Stopwatch;
import dev.vigil.probe.check.TypedCheckExecutor;
import dev.vigil.probe.check.assertion.AssertionEvaluator;
import dev.vigil.probe.check.assertion.Observation;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Sends one datagram to a vetted address of host:port from a socket connected to that address (so only its replies
 * are read) and judges the first reply with the monitor's assertions: {@code BODY} is the reply (text, or hex digits
 * in HEX mode), matched with the same time-bounded regex engine as HTTP bodies, so a tenant's pattern cannot hang the
 * probe. An ICMP port-unreachable answer fails the check at once instead of waiting for the timeout.
 */
@Component
class UdpCheckExecutor extends TypedCheckExecutor<UdpCheck> {

    /** The largest UDP payload; a longer reply is cut by the kernel and marked truncated. */
    static final int MAX_DATAGRAM = 65_507;

    private final TargetGuard guard;

    UdpCheckExecutor(TargetGuard guard) {
        super(MonitorType.UDP, UdpCheck.class);
        this.guard = guard;
    }

    @Override
    protected CheckOutcome run(CheckJob job, UdpCheck check, Stopwatch stopwatch) {
        Duration timeout = Duration.ofMillis(job.timeoutMs());
        String target = check.host() + ":" + check.port();
        byte[] payload;
        try {
            payload = UdpCheck.HEX.equals(check.payloadEncoding()) ? HexFormat.of().parseHex(check.payload())
                    : check.payload().getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return CheckOutcome.failed(ErrorKind.INTERNAL, "the payload is not valid hex: " + e.getMessage(), 0);
        }
        Long dnsMs = null;
        try (DatagramSocket socket = new DatagramSocket()) {
            InetAddress address = guard.resolve(check.host()).getFirst();
            dnsMs = stopwatch.elapsedMs();
            socket.connect(new InetSocketAddress(address, check.port()));
            socket.setSoTimeout(stopwatch.remainingMs(timeout));
            Stopwatch roundTrip = Stopwatch.start();
            socket.send(new DatagramPacket(payload, payload.length));
            byte[] buffer = new byte[MAX_DATAGRAM + 1];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            socket.receive(reply);
            long rtt = roundTrip.elapsedMs();
            byte[] data = Arrays.copyOf(reply.getData(), Math.min(reply.getLength(), MAX_DATAGRAM));
            return judge(job, check, address.getHostAddress() + ":" + check.port(), data,
                    reply.getLength() > MAX_DATAGRAM, new PhaseTimings(dnsMs, null, null, rtt), stopwatch.elapsedMs());
        } catch (PortUnreachableException e) {
            return CheckOutcome.failed(ErrorKind.CONNECTION, "udp " + target + ": port unreachable (nothing listens)",
                    stopwatch.elapsedMs(), new PhaseTimings(dnsMs, null, null, null));
        } catch (SocketTimeoutException e) {
            return CheckOutcome.failed(ErrorKind.TIMEOUT, "no reply from udp " + target + " within "
                    + job.timeoutMs() + " ms", stopwatch.elapsedMs(), new PhaseTimings(dnsMs, null, null, null));
        } catch (IOException e) {
            Failures.Failure failure = Failures.classify(e, "udp " + target, job.timeoutMs());
            return CheckOutcome.failed(failure.kind(), failure.message(), stopwatch.elapsedMs(),
                    new PhaseTimings(dnsMs, null, null, null));
        }
    }

    private static CheckOutcome judge(CheckJob job, UdpCheck check, String peer, byte[] reply, boolean truncated,
                                      PhaseTimings timings, long latency) {
        String shown = UdpCheck.HEX.equals(check.payloadEncoding()) ? HexFormat.of().formatHex(reply)
                : new String(reply, StandardCharsets.UTF_8);
        List<AssertionOutcome> outcomes = AssertionEvaluator.evaluate(check.assertions(),
                new Observation(null, null, () -> shown, truncated, latency, null));
        boolean ok = AssertionEvaluator.allPassed(outcomes);
        String message = ok ? "reply of " + reply.length + " bytes from udp " + peer
                : outcomes.stream().filter(o -> !o.passed()).findFirst().map(AssertionOutcome::message).orElseThrow();
        return new CheckOutcome(ok, ok && CheckOutcome.isSlow(job, latency), latency, timings, null,
                ok ? null : ErrorKind.ASSERTION, message, outcomes, List.of(), null, (long) reply.length);
    }
}
