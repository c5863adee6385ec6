package dev.vigil.common.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A connection refused by the {@link TargetPolicy} before any packet was sent. It extends
 * {@link UnknownHostException} on purpose: the resolver hooks of HTTP clients (OkHttp's {@code Dns}, Apache's
 * {@code DnsResolver}, Netty's {@code AddressResolver}) may only throw that, and "this name leads nowhere we may go"
 * is what it means to them. Catch it before {@code UnknownHostException} to tell the two apart.
 */
public final class BlockedAddressException extends UnknownHostException {

    private static final long serialVersionUID = 1L;

    private final String host;
    private final transient InetAddress address;

    public BlockedAddressException(String host, InetAddress address, String reason) {
        super(describe(host, address, reason));
        this.host = host;
        this.address = address;
    }

    private static String describe(String host, InetAddress address, String reason) {
        String ip = address.getHostAddress();
        String subject = host == null || host.equals(ip) ? ip : host + " (" + ip + ")";
        return subject + " is " + reason + ", which may not be reached from here";
    }

    /** The host name as given, or null when the target was an address. */
    public String host() {
        return host;
    }

    /** The refused address. */
    public InetAddress address() {
        return address;
    }
}
