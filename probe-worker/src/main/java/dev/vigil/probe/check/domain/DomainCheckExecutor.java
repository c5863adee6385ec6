package dev.vigil.probe.check.domain;

import dev.vigil.common.check.DomainCheck;
import dev.vigil.common.check.MonitorType;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.PerfDatum;
import dev.vigil.common.net.GuardedHttpClient;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.check.Failures;
import dev.vigil.probe.check.Stopwatch;
import dev.vigil.probe.check.TypedCheckExecutor;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Looks a domain up at its registry's RDAP server ({@code <base>domain/<name>}) and judges the days left until its
 * {@code expiration} event: down when fewer than {@code minDaysValid}, when the registry does not know the domain, or
 * when it publishes no expiry (some country-code registries do not; the message says so). The days left go out as
 * perf data {@code days_left}.
 */
@Component
class DomainCheckExecutor extends TypedCheckExecutor<DomainCheck> {

    private static final String RDAP_JSON = "application/rdap+json, application/json;q=0.9";

    private final RdapClient rdap;
    private final Clock clock;

    @Autowired
    DomainCheckExecutor(GuardedHttpClient http, RdapProperties properties, Clock clock) {
        this(new RdapClient(http, properties, clock), clock);
    }

    DomainCheckExecutor(RdapClient rdap, Clock clock) {
        super(MonitorType.DOMAIN, DomainCheck.class);
        this.rdap = rdap;
        this.clock = clock;
    }

    @Override
    protected CheckOutcome run(CheckJob job, DomainCheck check, Stopwatch stopwatch) {
        Duration timeout = Duration.ofMillis(job.timeoutMs());
        String domain = RdapBootstrap.normalise(check.domain());
        Optional<URI> server;
        try {
            server = rdap.bootstrap(Duration.ofMillis(stopwatch.remainingMs(timeout))).serverFor(domain);
        } catch (IOException e) {
            // The operator's configuration, not the tenant's domain, is at fault: INTERNAL (BLOCKED when the guard
            // refused the file's address), with the network failure's own words when it has some.
            Failures.Failure failure = Failures.classify(e, "the RDAP bootstrap file", job.timeoutMs());
            boolean generic = failure.kind() == ErrorKind.CONNECTION && e.getMessage() != null;
            return CheckOutcome.failed(failure.kind() == ErrorKind.BLOCKED ? ErrorKind.BLOCKED : ErrorKind.INTERNAL,
                    "the probe could not load the RDAP bootstrap file: " + (generic ? e.getMessage()
                            : failure.message()), stopwatch.elapsedMs());
        }
        if (server.isEmpty()) {
            return CheckOutcome.failed(ErrorKind.CONNECTION, "no RDAP registry is listed for ." + tld(domain)
                    + " (IANA's bootstrap file): its expiry cannot be checked", stopwatch.elapsedMs());
        }
        URI url = server.get().resolve("domain/" + domain);
        RdapClient.Fetched answer;
        try {
            answer = rdap.get(url, Duration.ofMillis(stopwatch.remainingMs(timeout)), RDAP_JSON);
        } catch (IOException e) {
            Failures.Failure failure = Failures.classify(e, url.getHost(), job.timeoutMs());
            return CheckOutcome.failed(failure.kind(), "RDAP lookup at " + url.getHost() + " failed: "
                    + failure.message(), stopwatch.elapsedMs());
        }
        long latency = stopwatch.elapsedMs();
        if (answer.status() == 404) {
            return CheckOutcome.failed(ErrorKind.ASSERTION, "the registry (" + url.getHost() + ") has no record of "
                    + domain + ": it is not registered, or has been deleted", latency);
        }
        if (answer.status() != 200) {
            return new CheckOutcome(false, false, latency, null, answer.status(), ErrorKind.HTTP_STATUS,
                    "the registry's RDAP server (" + url.getHost() + ") answered HTTP " + answer.status(), List.of(),
                    List.of(), null, null);
        }
        RdapDomain registration;
        try {
            registration = RdapDomain.parse(answer.body());
        } catch (IllegalArgumentException e) {
            return CheckOutcome.failed(ErrorKind.CONNECTION, e.getMessage() + " (" + url.getHost() + ")", latency);
        }
        return judge(job, check, domain, registration, latency);
    }

    private CheckOutcome judge(CheckJob job, DomainCheck check, String domain, RdapDomain registration,
                               long latency) {
        if (registration.expiration() == null) {
            return CheckOutcome.failed(ErrorKind.ASSERTION, "the registry publishes no expiration date for " + domain,
                    latency);
        }
        Instant now = clock.instant();
        long days = Math.floorDiv(Duration.between(now, registration.expiration()).toSeconds(), 86_400L);
        String date = DateTimeFormatter.ISO_LOCAL_DATE.format(registration.expiration().atZone(ZoneOffset.UTC));
        List<PerfDatum> perf = List.of(new PerfDatum("days_left", days, "d", null, null, null, null));
        String statuses = registration.statuses().isEmpty() ? "" : "; status " + String.join(", ",
                registration.statuses());
        if (days < 0) {
            return new CheckOutcome(false, false, latency, null, null, ErrorKind.ASSERTION,
                    domain + " expired on " + date + statuses, List.of(), perf, null, null);
        }
        if (days < check.minDaysValid()) {
            return new CheckOutcome(false, false, latency, null, null, ErrorKind.ASSERTION,
                    domain + " expires in " + days + " days (" + date + "), fewer than the " + check.minDaysValid()
                            + " required" + statuses, List.of(), perf, null, null);
        }
        return new CheckOutcome(true, CheckOutcome.isSlow(job, latency), latency, null, null, null,
                domain + " is registered until " + date + " (" + days + " days)" + statuses, List.of(), perf, null,
                null);
    }

    private static String tld(String domain) {
        int dot = domain.lastIndexOf('.');
        return dot < 0 ? domain : domain.substring(dot + 1);
    }
}
