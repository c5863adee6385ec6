package dev.vigil.probe.support;

import dev.vigil.common.check.CheckSpec;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.net.IpRange;
import dev.vigil.common.net.TargetGuard;
import dev.vigil.common.net.TargetPolicy;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Jobs and guards for check tests. */
public final class TestJobs {

    private TestJobs() {
    }

    public static CheckJob job(CheckSpec check, int timeoutMs) {
        return job(check, timeoutMs, null);
    }

    public static CheckJob job(CheckSpec check, int timeoutMs, Integer degradedAboveMs) {
        return CheckJob.scheduled(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), "local-a", check, timeoutMs,
                degradedAboveMs, 60, List.of("local-a"), 0, Instant.now());
    }

    /** Local mode: loopback targets allowed (how check types are tested against loopback servers). */
    public static TargetGuard localGuard() {
        return new TargetGuard(TargetPolicy.allowingPrivate());
    }

    /** SaaS mode: public addresses only. */
    public static TargetGuard saasGuard() {
        return new TargetGuard(TargetPolicy.publicOnly());
    }

    /** SaaS mode with one loopback address let through, to stand in for a public server in SSRF tests. */
    public static TargetGuard saasGuardAllowing(String cidr) {
        return new TargetGuard(TargetPolicy.publicOnly().withAllowedRanges(List.of(IpRange.parse(cidr))));
    }
}
