package dev.vigil.common.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Sorts IP addresses into {@link AddressCategory categories} from the IANA special-purpose registries (RFC 6890 and
 * its updates). IPv6 forms that carry an IPv4 address (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible
 * {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d} and 6to4 {@code 2002:aabb:ccdd::}) are judged by the IPv4 address
 * they reach, so {@code ::ffff:169.254.169.254} is as link-local as {@code 169.254.169.254}.
 */
public final class AddressClassifier {

    private record Entry(IpRange range, AddressCategory category) {
    }

    /** Checked in order; the first match wins. Everything else is public. */
    private static final List<Entry> IPV4 = List.of(
            entry("0.0.0.0/8", AddressCategory.LOOPBACK),          // "this network": 0.0.0.0 reaches this host
            entry("127.0.0.0/8", AddressCategory.LOOPBACK),
            entry("10.0.0.0/8", AddressCategory.PRIVATE),
            entry("172.16.0.0/12", AddressCategory.PRIVATE),
            entry("192.168.0.0/16", AddressCategory.PRIVATE),
            entry("100.64.0.0/10", AddressCategory.PRIVATE),       // carrier-grade NAT, often a cloud's internal net
            entry("169.254.0.0/16", AddressCategory.LINK_LOCAL),   // cloud metadata 169.254.169.254
            entry("192.0.0.0/24", AddressCategory.RESERVED),       // IETF protocol assignments (incl. DS-Lite, NAT64)
            entry("192.0.2.0/24", AddressCategory.RESERVED),       // TEST-NET-1
            entry("192.31.196.0/24", AddressCategory.RESERVED),    // AS112
            entry("192.52.193.0/24", AddressCategory.RESERVED),    // AMT
            entry("192.88.99.0/24", AddressCategory.RESERVED),     // 6to4 relay anycast (deprecated)
            entry("192.175.48.0/24", AddressCategory.RESERVED),    // AS112 direct delegation
            entry("198.18.0.0/15", AddressCategory.RESERVED),      // benchmarking
            entry("198.51.100.0/24", AddressCategory.RESERVED),    // TEST-NET-2
            entry("203.0.113.0/24", AddressCategory.RESERVED),     // TEST-NET-3
            entry("224.0.0.0/4", AddressCategory.MULTICAST),
            entry("255.255.255.255/32", AddressCategory.MULTICAST), // limited broadcast
            entry("240.0.0.0/4", AddressCategory.RESERVED));

    private static final List<Entry> IPV6 = List.of(
            entry("::/128", AddressCategory.LOOPBACK),             // unspecified: connecting reaches this host
            entry("::1/128", AddressCategory.LOOPBACK),
            entry("64:ff9b:1::/48", AddressCategory.PRIVATE),      // local-use NAT64
            entry("100::/64", AddressCategory.RESERVED),           // discard-only
            entry("2001::/32", AddressCategory.RESERVED),          // Teredo: the real endpoint is obfuscated
            entry("2001:2::/48", AddressCategory.RESERVED),        // benchmarking
            entry("2001:10::/28", AddressCategory.RESERVED),       // ORCHID
            entry("2001:20::/28", AddressCategory.RESERVED),       // ORCHIDv2
            entry("2001:db8::/32", AddressCategory.RESERVED),      // documentation
            entry("2001::/23", AddressCategory.RESERVED),          // other IETF protocol assignments
            entry("3fff::/20", AddressCategory.RESERVED),          // documentation (RFC 9637)
            entry("5f00::/16", AddressCategory.RESERVED),          // segment routing SIDs
            entry("fc00::/7", AddressCategory.PRIVATE),            // unique local (AWS metadata fd00:ec2::254)
            entry("fec0::/10", AddressCategory.PRIVATE),           // site-local (deprecated)
            entry("fe80::/10", AddressCategory.LINK_LOCAL),
            entry("ff00::/8", AddressCategory.MULTICAST));

    private static final IpRange IPV4_COMPATIBLE = IpRange.parse("::/96");
    private static final IpRange IPV4_MAPPED = IpRange.parse("::ffff:0:0/96");
    private static final IpRange IPV4_TRANSLATED = IpRange.parse("::ffff:0:0:0/96");
    private static final IpRange NAT64 = IpRange.parse("64:ff9b::/96");
    private static final IpRange SIX_TO_FOUR = IpRange.parse("2002::/16");
    /** Only 2000::/3 is allocated as global unicast; anything outside it that no rule names is reserved. */
    private static final IpRange GLOBAL_UNICAST = IpRange.parse("2000::/3");

    private AddressClassifier() {
    }

    private static Entry entry(String cidr, AddressCategory category) {
        return new Entry(IpRange.parse(cidr), category);
    }

    public static AddressCategory categorize(InetAddress address) {
        InetAddress target = unwrap(address);
        if (target instanceof Inet4Address) {
            return first(IPV4, target);
        }
        AddressCategory category = first(IPV6, target);
        if (category == AddressCategory.PUBLIC && !GLOBAL_UNICAST.contains(target)) {
            return AddressCategory.RESERVED;
        }
        return category;
    }

    /**
     * The address a connection to {@code address} really reaches: the embedded IPv4 address of the IPv6 forms that
     * carry one, else the address itself (without an IPv6 scope, which does not change where a packet goes).
     */
    public static InetAddress unwrap(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] bytes = address.getAddress();
        InetAddress plain = v6(bytes);
        if (IPV4_MAPPED.contains(plain) || IPV4_TRANSLATED.contains(plain) || NAT64.contains(plain)) {
            return v4(bytes, 12);
        }
        // ::a.b.c.d, but not :: and ::1, which are addresses of their own.
        if (IPV4_COMPATIBLE.contains(plain) && (bytes[12] | bytes[13] | bytes[14]) != 0) {
            return v4(bytes, 12);
        }
        if (SIX_TO_FOUR.contains(plain)) {
            return v4(bytes, 2);
        }
        return plain;
    }

    private static AddressCategory first(List<Entry> entries, InetAddress address) {
        for (Entry entry : entries) {
            if (entry.range().contains(address)) {
                return entry.category();
            }
        }
        return AddressCategory.PUBLIC;
    }

    private static InetAddress v4(byte[] bytes, int offset) {
        byte[] four = new byte[4];
        System.arraycopy(bytes, offset, four, 0, 4);
        return byAddress(four);
    }

    private static InetAddress v6(byte[] bytes) {
        try {
            // Inet6Address.getByAddress keeps 16 bytes even for the mapped form (InetAddress.getByAddress would not).
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an address length: " + bytes.length, e);
        }
    }
}
