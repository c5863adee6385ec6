package dev.vigil.common.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A CIDR block such as {@code 10.1.0.0/16} or {@code fd00:ec2::/32}. An IPv4 range never contains an IPv6 address
 * and vice versa; callers compare the unwrapped form ({@link AddressClassifier#unwrap}) of mapped addresses.
 */
public final class IpRange {

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private IpRange(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /**
     * Parses {@code address/prefix} or a bare address (a single-address range). Only IP literals are accepted, never
     * host names, so parsing never touches DNS.
     *
     * @throws IllegalArgumentException with a message naming the bad part
     */
    public static IpRange parse(String cidr) {
        if (cidr == null || cidr.isBlank()) {
            throw new IllegalArgumentException("an IP range must not be empty");
        }
        String trimmed = cidr.trim();
        int slash = trimmed.indexOf('/');
        String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = literal(addressText);
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP address: " + addressText);
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in " + trimmed);
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("prefix length of " + trimmed + " must be 0.." + bits);
            }
        }
        return new IpRange(mask(bytes, prefix), prefix, trimmed);
    }

    /** The bytes of an IPv4 or IPv6 literal, or null when {@code text} is not one (never resolves names). */
    static byte[] literal(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean ipv4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = t.contains(":") && t.matches("[0-9A-Fa-f:.]+");
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            // A literal: InetAddress parses it without a lookup.
            byte[] bytes = InetAddress.getByName(t).getAddress();
            if (ipv6 && bytes.length == 4) {
                // Java turns ::ffff:a.b.c.d into an IPv4 address; a range written in IPv6 stays IPv6.
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xFF;
                mapped[11] = (byte) 0xFF;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                return mapped;
            }
            return bytes;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefixLength), network);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] = (byte) (masked[i] & (0xFF << (8 - keep)));
        }
        return masked;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpRange range && range.prefixLength == prefixLength
                && Arrays.equals(range.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return text;
    }
}
