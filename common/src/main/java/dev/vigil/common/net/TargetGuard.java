package dev.vigil.common.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import javax.net.SocketFactory;

/**
 * The SSRF guard: resolves a target once, keeps only the addresses the {@link TargetPolicy} permits, and hands those
 * exact addresses to the caller, which connects to them and nothing else. Because the check happens after
 * resolution, on the addresses actually connected to, a name that resolves to an internal address (or is re-pointed
 * there between two lookups: DNS rebinding) cannot get through.
 *
 * <p>How to use it with a client (each redirect hop must go through the same hooks):
 * <ul>
 *   <li>OkHttp: {@code .dns(guard::resolve)}, {@code .socketFactory(guard.socketFactory())} (catches IP-literal URLs,
 *       which OkHttp does not resolve), and {@code .proxy(Proxy.NO_PROXY)}.</li>
 *   <li>Apache HttpClient 5: a {@code DnsResolver} calling {@link #resolve}, plus a connection socket factory whose
 *       sockets come from {@link #socketFactory()}.</li>
 *   <li>Plain sockets: {@code guard.socketFactory().createSocket()} then {@code connect(...)}, or connect to an
 *       address from {@link #resolve}.</li>
 *   <li>The JDK {@code HttpClient} offers no resolver hook: resolve with {@link #resolve} and do not follow redirects
 *       automatically (vet each {@code Location} yourself), accepting that the client resolves again.</li>
 * </ul>
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
     * The permitted addresses of {@code host} (a name or an IP literal, IPv6 with or without brackets), in resolver
     * order. A name with both permitted and refused addresses yields only the permitted ones.
     *
     * @throws BlockedAddressException when no address of the host is permitted
     * @throws UnknownHostException    when the name does not resolve
     */
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        byte[] literal = IpRange.literal(bare);
        List<InetAddress> candidates = literal != null
                ? List.of(InetAddress.getByAddress(bare, literal))
                : resolver.resolve(bare);
        List<InetAddress> permitted = new ArrayList<>(candidates.size());
        BlockedAddressException firstRefusal = null;
        for (InetAddress address : candidates) {
            var refusal = policy.refusal(address);
            if (refusal.isEmpty()) {
                permitted.add(address);
            } else if (firstRefusal == null) {
                firstRefusal = new BlockedAddressException(literal != null ? null : bare, address, refusal.get());
            }
        }
        if (permitted.isEmpty()) {
            if (firstRefusal != null) {
                throw firstRefusal;
            }
            throw new UnknownHostException(bare + ": no addresses");
        }
        return List.copyOf(permitted);
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
