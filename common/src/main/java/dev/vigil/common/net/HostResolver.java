package dev.vigil.common.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Turns a host name into addresses. The seam where tests (and DNS-over-something clients) plug in. */
@FunctionalInterface
public interface HostResolver {

    /** The operating system's resolver ({@code /etc/hosts}, then DNS), through the JVM's address cache. */
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /** All addresses of {@code host}; never empty. */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
