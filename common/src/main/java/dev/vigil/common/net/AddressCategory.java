package dev.vigil.common.net;

/**
 * What kind of network an IP address belongs to, for deciding whether a probe (or a webhook sender) may connect to it.
 * Only {@link #PUBLIC} is reachable in SaaS mode; self-hosters may allow the internal categories.
 */
public enum AddressCategory {
    /** Globally routable unicast: the internet. */
    PUBLIC,
    /** Private networks: RFC 1918 (10/8, 172.16/12, 192.168/16), carrier-grade NAT (100.64/10), IPv6 unique local
     * (fc00::/7, which holds AWS's fd00:ec2::254 metadata address) and deprecated site-local (fec0::/10). */
    PRIVATE,
    /** This host: 127/8, ::1, and the unspecified addresses 0.0.0.0/8 and :: (connecting to them reaches this host). */
    LOOPBACK,
    /** Link-local: 169.254/16 (where cloud metadata services live, 169.254.169.254) and fe80::/10. */
    LINK_LOCAL,
    /** Multicast and broadcast: 224/4, 255.255.255.255, ff00::/8. Never a meaningful check target. */
    MULTICAST,
    /** Reserved, documentation, benchmarking and protocol-assignment ranges (192.0.0/24, 192.0.2/24, 198.18/15,
     * 240/4, 2001:db8::/32, 100::/64, ...) and tunnelling forms whose real endpoint cannot be told (Teredo). */
    RESERVED;

    /** Whether the address is this host or one of its networks (anything but the public internet). */
    public boolean isInternal() {
        return this != PUBLIC;
    }
}
