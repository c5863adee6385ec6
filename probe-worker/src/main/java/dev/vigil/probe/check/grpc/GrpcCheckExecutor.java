package dev.vigil.probe.check.grpc;

import dev.vigil.common.check.GrpcCheck;
import dev.vigil.common.check.MonitorType;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.PhaseTimings;
import dev.vigil.common.net.TargetGuard;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.check.Failures;
import dev.vigil.probe.check.Stopwatch;
import dev.vigil.probe.check.TypedCheckExecutor;
import dev.vigil.probe.net.TlsTrust;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Asks {@code grpc.health.v1.Health/Check} and is up on SERVING. The host is resolved once through the
 * {@link TargetGuard}; the channel is built for that vetted socket address (grpc-java then resolves nothing itself),
 * with no proxy, while its authority stays {@code host:port} so TLS verifies the certificate for the host name and
 * sends it as SNI. Each check has its own channel, shut down when it ends.
 */
@Component
class GrpcCheckExecutor extends TypedCheckExecutor<GrpcCheck> {

    /** gRPC answers arrive in one HTTP/2 stream; a health answer is a few bytes, so anything larger is refused. */
    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final TargetGuard guard;
    private final TlsTrust trust;

    GrpcCheckExecutor(TargetGuard guard, TlsTrust trust) {
        super(MonitorType.GRPC, GrpcCheck.class);
        this.guard = guard;
        this.trust = trust;
    }

    @Override
    protected CheckOutcome run(CheckJob job, GrpcCheck check, Stopwatch stopwatch) {
        InetAddress address;
        Long dnsMs;
        try {
            List<InetAddress> addresses = guard.resolve(check.host());
            address = addresses.getFirst();
            dnsMs = stopwatch.elapsedMs();
        } catch (UnknownHostException e) {
            Failures.Failure failure = Failures.classify(e, check.target(), job.timeoutMs());
            return CheckOutcome.failed(failure.kind(), failure.message(), stopwatch.elapsedMs());
        }
        TlsTrust.Session tls = check.tls() ? trust.newSession() : null;
        ManagedChannel channel = channel(check, address, tls);
        try {
            HealthCheckResponse answer = HealthGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(Math.max(1, job.timeoutMs() - stopwatch.elapsedMs()), TimeUnit.MILLISECONDS)
                    .withMaxInboundMessageSize(MAX_ANSWER_BYTES)
                    .check(HealthCheckRequest.newBuilder().setService(check.service()).build());
            PhaseTimings timings = new PhaseTimings(dnsMs, null, null, null);
            String subject = check.service().isEmpty() ? "the server" : "service " + check.service();
            if (answer.getStatus() == HealthCheckResponse.ServingStatus.SERVING) {
                return CheckOutcome.up(job, stopwatch.elapsedMs(), timings, subject + " is SERVING"
                        + " (" + address.getHostAddress() + ":" + check.port() + (check.tls() ? ", TLS" : "") + ")");
            }
            return CheckOutcome.failed(ErrorKind.ASSERTION, subject + " is " + answer.getStatus().name()
                    + ", not SERVING", stopwatch.elapsedMs(), timings);
        } catch (StatusRuntimeException e) {
            return failed(job, check, e.getStatus(), stopwatch);
        } finally {
            channel.shutdownNow();
        }
    }

    private static ManagedChannel channel(GrpcCheck check, InetAddress address, TlsTrust.Session tls) {
        ChannelCredentials credentials = tls == null ? InsecureChannelCredentials.create()
                : TlsChannelCredentials.newBuilder().trustManager(tls.trustManager()).build();
        return NettyChannelBuilder.forAddress(new InetSocketAddress(address, check.port()), credentials)
                .overrideAuthority(authority(check))
                // A proxy would resolve the host itself, around the guard.
                .proxyDetector(target -> null)
                .disableRetry()
                .userAgent("Vigil-Probe")
                .build();
    }

    private static String authority(GrpcCheck check) {
        String host = check.host().contains(":") && !check.host().startsWith("[") ? "[" + check.host() + "]"
                : check.host();
        return host + ":" + check.port();
    }

    private static CheckOutcome failed(CheckJob job, GrpcCheck check, Status status, Stopwatch stopwatch) {
        long elapsed = stopwatch.elapsedMs();
        String detail = status.getDescription() == null ? "" : ": " + status.getDescription();
        return switch (status.getCode()) {
            case NOT_FOUND -> CheckOutcome.failed(ErrorKind.ASSERTION, "the server does not know the service '"
                    + check.service() + "' (NOT_FOUND)", elapsed);
            case UNIMPLEMENTED -> CheckOutcome.failed(ErrorKind.ASSERTION, "the server does not implement the gRPC "
                    + "health service grpc.health.v1.Health (UNIMPLEMENTED)", elapsed);
            case DEADLINE_EXCEEDED -> CheckOutcome.failed(ErrorKind.TIMEOUT, "no answer from " + check.target()
                    + " within " + job.timeoutMs() + " ms", elapsed);
            case UNAVAILABLE -> unavailable(job, check, status, elapsed);
            default -> CheckOutcome.failed(ErrorKind.CONNECTION, "the health check failed with "
                    + status.getCode() + detail, elapsed);
        };
    }

    /** UNAVAILABLE covers a refused connection, a TLS failure and a server that is not speaking gRPC: say which. */
    private static CheckOutcome unavailable(CheckJob job, GrpcCheck check, Status status, long elapsed) {
        Throwable cause = status.getCause();
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof javax.net.ssl.SSLException) {
                return CheckOutcome.failed(ErrorKind.TLS, Failures.tlsMessage(c), elapsed);
            }
            if (c instanceof java.net.ConnectException) {
                return CheckOutcome.failed(ErrorKind.CONNECTION, "connection to " + check.host() + ":"
                        + check.port() + " refused", elapsed);
            }
        }
        if (cause != null) {
            Failures.Failure failure = Failures.classify(cause, check.target(), job.timeoutMs());
            return CheckOutcome.failed(failure.kind(), failure.message(), elapsed);
        }
        return CheckOutcome.failed(ErrorKind.CONNECTION, "the gRPC server is unavailable"
                + (status.getDescription() == null ? "" : ": " + status.getDescription()), elapsed);
    }
}
