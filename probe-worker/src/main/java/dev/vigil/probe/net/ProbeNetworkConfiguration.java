package dev.vigil.probe.net;

import dev.vigil.common.net.TargetGuard;
import dev.vigil.common.net.TargetPolicy;
import dev.vigil.probe.ProbeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SSRF guard, TLS trust and connector every check type shares, from {@link ProbeProperties}. */
@Configuration(proxyBeanMethods = false)
class ProbeNetworkConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProbeNetworkConfiguration.class);

    @Bean
    TargetGuard targetGuard(ProbeProperties properties) {
        TargetPolicy base = properties.allowPrivateTargets() ? TargetPolicy.allowingPrivate() : TargetPolicy.publicOnly();
        TargetPolicy policy = base.withAllowedRanges(properties.allowedRanges())
                .withDeniedRanges(properties.deniedRanges());
        log.info("target policy allowPrivateTargets={} allowed={} denied={}", properties.allowPrivateTargets(),
                policy.allowedRanges(), policy.deniedRanges());
        return new TargetGuard(policy);
    }

    @Bean
    TlsTrust tlsTrust(ProbeProperties properties) {
        return TlsTrust.withExtraCertificates(properties.trustedCertificates());
    }

    @Bean
    Connector connector(TargetGuard guard) {
        return new Connector(guard);
    }
}
