package dev.vigil.probe.check.dns;

import dev.vigil.common.check.DnsCheck;
import dev.vigil.common.check.MonitorType;
import dev.vigil.common.message.AssertionOutcome;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.PhaseTimings;
import dev.vigil.common.net.BlockedAddressException;
import dev.vigil.common.net.TargetGuard;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.check.Failures;
import dev.vigil.probe.check.Stopwatch;
import dev.vigil.probe.check.TypedCheckExecutor;
import dev.vigil.probe.check.assertion.AssertionEvaluator;
import dev.vigil.probe.check.assertion.Observation;
import dev.vigil.probe.net.DnsCheckResolvers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * One DNS query (dnsjava, no cache, no search list) for a name's records of one type, sent to the monitor's resolver
 * (vetted by the target guard: a user-chosen resolver is an outgoing connection like any other) or else the
 * configured {@link DnsCheckResolvers} (public resolvers in SaaS mode, never the worker's internal one; the machine's
 * own when self-hosting). Up when the answer is not empty and every assertion on the answers holds.
 */
@Component
class DnsCheckExecutor extends TypedCheckExecutor<DnsCheck> {

    static final Set<String> RECORD_TYPES = Set.of("A", "AAAA", "CNAME", "MX", "TXT", "NS");

    private final TargetGuard guard;
    private final DnsCheckResolvers defaults;

    @Autowired
    DnsCheckExecutor(TargetGuard guard, DnsCheckResolvers defaults) {
        super(MonitorType.DNS, DnsCheck.class);
        this.guard = guard;
        this.defaults = defaults;
    }

    /** With the machine's resolver as the default (tests of checks that name their resolver). */
    DnsCheckExecutor(TargetGuard guard) {
        this(guard, DnsCheckResolvers.system());
    }

    @Override
    protected CheckOutcome run(CheckJob job, DnsCheck check, Stopwatch stopwatch) {
        String recordType = check.recordType() == null ? "A" : check.recordType().toUpperCase(Locale.ROOT);
        if (!RECORD_TYPES.contains(recordType)) {
            return CheckOutcome.failed(ErrorKind.DNS, "record type " + recordType + " is not supported; use one of "
                    + RECORD_TYPES, 0);
        }
        int type = Type.value(recordType);
        List<InetSocketAddress> servers;
        try {
            servers = resolverAddresses(check.resolver());
        } catch (BlockedAddressException e) {
            return CheckOutcome.failed(ErrorKind.BLOCKED, "resolver refused by the probe's target policy: "
                    + e.getMessage(), 0);
        } catch (UnknownHostException | IllegalArgumentException e) {
            return CheckOutcome.failed(ErrorKind.DNS, "bad resolver " + check.resolver() + ": " + e.getMessage(), 0);
        }
        Message response;
        try {
            Name name = Name.fromString(check.host(), Name.root);
            Resolver resolver = servers.size() == 1 ? new SimpleResolver(servers.getFirst())
                    : new ExtendedResolver(servers.stream().<Resolver>map(SimpleResolver::new).toList());
            resolver.setTimeout(Duration.ofMillis(job.timeoutMs()));
            response = resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
        } catch (TextParseException e) {
            return CheckOutcome.failed(ErrorKind.DNS, "\"" + check.host() + "\" is not a valid DNS name", 0);
        } catch (IOException e) {
            long elapsed = stopwatch.elapsedMs();
            String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (text.contains("timed out") || e instanceof SocketTimeoutException) {
                return CheckOutcome.failed(ErrorKind.TIMEOUT, "no answer from resolver " + describe(servers)
                        + " within " + job.timeoutMs() + " ms", elapsed);
            }
            Failures.Failure failure = Failures.classify(e, describe(servers), job.timeoutMs());
            return CheckOutcome.failed(ErrorKind.DNS, "query to " + describe(servers) + " failed: "
                    + failure.message(), elapsed);
        }
        return judge(job, check, recordType, type, servers.getFirst(), response, stopwatch.elapsedMs());
    }

    private static CheckOutcome judge(CheckJob job, DnsCheck check, String recordType, int type,
                                      InetSocketAddress server, Message response, long latency) {
        PhaseTimings timings = new PhaseTimings(latency, null, null, null);
        int rcode = response.getRcode();
        if (rcode != Rcode.NOERROR) {
            String meaning = rcode == Rcode.NXDOMAIN ? "no such name" : "resolver error";
            return CheckOutcome.failed(ErrorKind.DNS, Rcode.string(rcode) + " (" + meaning + ") for " + recordType
                    + " " + check.host() + " from " + describe(server), latency, timings);
        }
        List<String> answers = response.getSection(Section.ANSWER).stream().filter(r -> r.getType() == type)
                .map(DnsAnswers::text).toList();
        List<AssertionOutcome> outcomes = AssertionEvaluator.evaluate(check.assertions(),
                Observation.dns(answers, latency));
        if (check.assertions().isEmpty() && answers.isEmpty()) {
            return CheckOutcome.failed(ErrorKind.DNS, "no " + recordType + " records for " + check.host(), latency,
                    timings);
        }
        boolean ok = AssertionEvaluator.allPassed(outcomes);
        boolean degraded = ok && CheckOutcome.isSlow(job, latency);
        String message = ok ? recordType + " " + check.host() + ": " + DnsAnswers.summary(answers)
                : outcomes.stream().filter(o -> !o.passed()).findFirst().map(AssertionOutcome::message).orElseThrow();
        return new CheckOutcome(ok, degraded, latency, timings, null, ok ? null : ErrorKind.ASSERTION, message,
                outcomes, List.of(), null, null);
    }

    /**
     * The chosen resolver ({@code ip}, {@code ip:port}, {@code [v6]:port} or a name), vetted; else the configured
     * defaults (never the worker's internal resolver in SaaS mode).
     */
    private List<InetSocketAddress> resolverAddresses(String resolver) throws UnknownHostException {
        if (resolver == null || resolver.isBlank()) {
            return defaults.servers();
        }
        String host = resolver.trim();
        int port = 53;
        int colon = host.lastIndexOf(':');
        boolean bracketed = host.startsWith("[");
        if (bracketed ? host.contains("]:") : colon > 0 && host.indexOf(':') == colon) {
            port = Integer.parseInt(host.substring(colon + 1));
            host = host.substring(0, colon);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range");
        }
        return List.of(new InetSocketAddress(guard.resolve(host).getFirst(), port));
    }

    private static String describe(List<InetSocketAddress> servers) {
        return describe(servers.getFirst()) + (servers.size() > 1 ? " (and " + (servers.size() - 1) + " more)" : "");
    }

    private static String describe(InetSocketAddress server) {
        return server.getAddress().getHostAddress() + (server.getPort() == 53 ? "" : ":" + server.getPort());
    }
}
