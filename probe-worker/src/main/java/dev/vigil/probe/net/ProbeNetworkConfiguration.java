package dev.vigil.probe.net;

import dev.vigil.common.net.DnsHostResolver;
import dev.vigil.common.net.GuardedHttpClient;
import dev.vigil.common.net.HostResolver;
import dev.vigil.common.net.NameServers;
import dev.vigil.common.net.TargetGuard;
import dev.vigil.common.net.TargetPolicy;
import dev.vigil.probe.ProbeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The SSRF guard, the guarded HTTP client, TLS trust, connector and DNS resolvers every check type shares, from
 * {@link ProbeProperties} and {@link ResolverProperties}.
 */
@Configuration(proxyBeanMethods = false)
class ProbeNetworkConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProbeNetworkConfiguration.class);

    @Bean
    TargetGuard targetGuard(ProbeProperties properties, ResolverProperties dns) {
        TargetPolicy policy = TargetPolicy.of(properties.allowPrivateTargets(), properties.allowedRanges(),
                properties.deniedRanges());
        HostResolver resolver = targetResolver(dns);
        log.info("target policy allowPrivateTargets={} allowed={} denied={} nameServers={}",
                properties.allowPrivateTargets(), policy.allowedRanges(), policy.deniedRanges(),
                dns.nameServers().isEmpty() ? "system" : dns.nameServers());
        return new TargetGuard(policy, resolver);
    }

    /** What check targets' host names are resolved with: the configured name servers, else the machine's resolver. */
    static HostResolver targetResolver(ResolverProperties dns) {
        return dns.nameServers().isEmpty() ? HostResolver.SYSTEM
                : new DnsHostResolver(NameServers.parse("vigil.probe.dns.name-servers", dns.nameServers()),
                dns.timeout());
    }

    @Bean
    GuardedHttpClient guardedHttpClient(TargetGuard guard) {
        return new GuardedHttpClient(guard);
    }

    @Bean
    DnsCheckResolvers dnsCheckResolvers(ProbeProperties properties, ResolverProperties dns) {
        DnsCheckResolvers resolvers = DnsCheckResolvers.forDeployment(properties.allowPrivateTargets(), dns);
        log.info("DNS checks without a resolver of their own ask {}", resolvers);
        return resolvers;
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
