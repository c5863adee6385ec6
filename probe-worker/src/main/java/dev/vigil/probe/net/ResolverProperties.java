package dev.vigil.probe.net;

import dev.vigil.common.net.NameServers;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vigil.probe.dns.*}: which name servers a probe asks on a tenant's behalf. Entries are {@code ip},
 * {@code ip:port} or {@code [v6]:port}.
 *
 * @param checkResolvers the resolvers DNS checks that name none of their own are sent to. Unset: in SaaS mode
 *                       ({@code vigil.probe.allow-private-targets=false}) the public resolvers {@code 1.1.1.1} and
 *                       {@code 8.8.8.8}, so a tenant cannot query the worker's internal resolver (which answers for
 *                       the cloud's private zones); when private targets are allowed (local mode, self-hosting), the
 *                       machine's own resolver, which knows the self-hoster's internal names
 * @param nameServers    the name servers the target host names of every check (HTTP, TCP, TLS, plugins) are
 *                       resolved with; unset: the machine's resolver. Whichever answers, every address is vetted
 * @param timeout        how long one lookup through {@code name-servers} may take
 */
@ConfigurationProperties("vigil.probe.dns")
public record ResolverProperties(@DefaultValue List<String> checkResolvers, @DefaultValue List<String> nameServers,
                                 @DefaultValue("5s") Duration timeout) {

    /** Where SaaS probes send DNS checks that name no resolver. */
    static final List<String> PUBLIC_RESOLVERS = List.of("1.1.1.1", "8.8.8.8");

    public ResolverProperties {
        checkResolvers = checkResolvers == null ? List.of() : List.copyOf(checkResolvers);
        nameServers = nameServers == null ? List.of() : List.copyOf(nameServers);
        // Parsed here so a bad entry stops start-up with the setting's name.
        NameServers.parse("vigil.probe.dns.check-resolvers", checkResolvers);
        NameServers.parse("vigil.probe.dns.name-servers", nameServers);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("vigil.probe.dns.timeout must be positive");
        }
    }
}
