package dev.vigil.common.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Parses name server addresses as operators write them: {@code ip}, {@code ip:port} or {@code [v6]:port} (port 53
 * when none is given). Only IP literals: a name server named by a host name would need a resolver to find it.
 */
public final class NameServers {

    private NameServers() {
    }

    /**
     * @param property the setting being parsed, named in the error
     * @throws IllegalArgumentException naming the setting and the bad entry
     */
    public static List<InetSocketAddress> parse(String property, List<String> servers) {
        return servers.stream().map(server -> parseOne(property, server)).toList();
    }

    private static InetSocketAddress parseOne(String property, String server) {
        String text = server.trim();
        String host = text;
        int port = 53;
        int colon = text.lastIndexOf(':');
        boolean bracketed = text.startsWith("[");
        if (bracketed ? text.contains("]:") : colon > 0 && text.indexOf(':') == colon) {
            host = text.substring(0, colon);
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(property + ": bad port in " + text);
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        byte[] literal = IpRange.literal(bare);
        if (literal == null) {
            throw new IllegalArgumentException(property + ": " + text + " is not an IP address (with an optional port)");
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(literal), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(property + ": " + text, e);
        }
    }
}
