package dev.vigil.probe.net;

import dev.vigil.common.net.NameServers;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.xbill.DNS.ResolverConfig;

/**
 * The resolvers a DNS check that names none of its own is sent to: configured ones (public resolvers in SaaS mode)
 * or, for self-hosters, the machine's own ({@code /etc/resolv.conf}, read at each check so a change is followed).
 */
public final class DnsCheckResolvers {

    private final List<InetSocketAddress> configured;

    private DnsCheckResolvers(List<InetSocketAddress> configured) {
        this.configured = List.copyOf(configured);
    }

    /**
     * The resolvers of a deployment: the chosen ones; else, when private targets are allowed (self-hosting, local
     * mode), the machine's own; else (SaaS) the public {@link ResolverProperties#PUBLIC_RESOLVERS}.
     */
    public static DnsCheckResolvers forDeployment(boolean allowPrivateTargets, ResolverProperties dns) {
        if (!dns.checkResolvers().isEmpty()) {
            return of(NameServers.parse("vigil.probe.dns.check-resolvers", dns.checkResolvers()));
        }
        if (allowPrivateTargets) {
            return system();
        }
        return of(NameServers.parse("vigil.probe.dns.check-resolvers", ResolverProperties.PUBLIC_RESOLVERS));
    }

    /** The machine's resolver: only where tenants are trusted with the internal network (self-hosting, local). */
    public static DnsCheckResolvers system() {
        return new DnsCheckResolvers(List.of());
    }

    public static DnsCheckResolvers of(List<InetSocketAddress> servers) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("at least one resolver is needed");
        }
        return new DnsCheckResolvers(servers);
    }

    public boolean usesSystemResolver() {
        return configured.isEmpty();
    }

    /** The resolvers to ask, in order; never empty. */
    public List<InetSocketAddress> servers() throws UnknownHostException {
        if (!configured.isEmpty()) {
            return configured;
        }
        List<InetSocketAddress> system = ResolverConfig.getCurrentConfig().servers();
        if (system.isEmpty()) {
            throw new UnknownHostException("this machine has no DNS resolver configured");
        }
        return system;
    }

    @Override
    public String toString() {
        return configured.isEmpty() ? "system" : configured.toString();
    }
}
