package dev.vigil.common.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import javax.net.SocketFactory;

/**
 * The SSRF guard: resolves a target once, refuses it unless the {@link TargetPolicy} permits every address it
 * resolved to, and hands those exact addresses to the caller, which connects to them and nothing else. Because the check happens after
 * resolution, on the addresses actually connected to, a name that resolves to an internal address (or is re-pointed
 * there between two lookups: DNS rebinding) cannot get through.
 *
 * <p>HTTP goes through {@link GuardedHttpClient}, the one client built on this guard; other protocols connect to
 * an address from {@link #resolve}, or through {@link #socketFactory()}. The JDK {@code HttpClient} has no resolver
 * hook (it would resolve again), so it is not used for requests made on a tenant's behalf.
 * Thread-safe and cheap: share one per policy.
 */
public final class TargetGuard {

    private final TargetPolicy policy;
    private final HostResolver resolver;
    private final SocketFactory socketFactory;

    public TargetGuard(TargetPolicy policy, HostResolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
        this.socketFactory = new GuardedSocketFactory(this);
    }

    public TargetGuard(TargetPolicy policy) {
        this(policy, HostResolver.SYSTEM);
    }

    public TargetPolicy policy() {
        return policy;
    }

    /**
     * The addresses of {@code host} (a name or an IP literal, IPv6 with or without brackets), in resolver order, each
     * one vetted. The name is resolved once, here; callers connect to these addresses and never resolve it again.
     * A name with any refused address is refused as a whole: a name answering one public and one private address is
     * an attack (or a misconfiguration) either way, and keeping only the public one would still let an HTTP client
     * that resolves again, or the next hop, reach the private one.
     *
     * @throws BlockedAddressException when any address of the host is refused
     * @throws UnknownHostException    when the name does not resolve
     */
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        byte[] literal = IpRange.literal(bare);
        List<InetAddress> candidates = literal != null
                ? List.of(InetAddress.getByAddress(bare, literal))
                : resolver.resolve(bare);
        if (candidates.isEmpty()) {
            throw new UnknownHostException(bare + ": no addresses");
        }
        for (InetAddress address : candidates) {
            var refusal = policy.refusal(address);
            if (refusal.isPresent()) {
                throw new BlockedAddressException(literal != null ? null : bare, address, refusal.get());
            }
        }
        return List.copyOf(candidates);
    }

    /** Throws when {@code address} may not be connected to. */
    public void vet(InetAddress address) throws BlockedAddressException {
        var refusal = policy.refusal(address);
        if (refusal.isPresent()) {
            throw new BlockedAddressException(null, address, refusal.get());
        }
    }

    /**
     * A resolved, permitted socket address: an unresolved one is resolved through the guard (first permitted
     * address), a resolved one is vetted as it is.
     */
    public InetSocketAddress vet(InetSocketAddress target) throws UnknownHostException {
        if (target.isUnresolved()) {
            return new InetSocketAddress(resolve(target.getHostString()).getFirst(), target.getPort());
        }
        vet(target.getAddress());
        return target;
    }

    /**
     * Sockets that refuse, before sending anything, to connect to an address the policy does not permit: the last
     * line of defence for clients that connect to IP literals without asking a resolver.
     */
    public SocketFactory socketFactory() {
        return socketFactory;
    }
}
