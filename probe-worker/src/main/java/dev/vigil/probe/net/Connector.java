package dev.vigil.probe.net;

import dev.vigil.common.net.IpRange;
import dev.vigil.common.net.TargetGuard;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * Opens TCP connections the way checks need them: the host resolved once through the {@link TargetGuard} (so only
 * vetted addresses are tried, and the connection is pinned to them), each address tried in turn within the time
 * left, and how long resolution and connecting took.
 */
public final class Connector {

    private final TargetGuard guard;

    public Connector(TargetGuard guard) {
        this.guard = guard;
    }

    public TargetGuard guard() {
        return guard;
    }

    /**
     * Connects to {@code host:port} within {@code timeout}.
     *
     * @throws dev.vigil.common.net.BlockedAddressException when the host may not be reached
     * @throws java.net.UnknownHostException                when it does not resolve
     * @throws IOException                                  when no address accepted the connection in time
     */
    public Connection connect(String host, int port, Duration timeout) throws IOException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        List<InetAddress> addresses = guard.resolve(host);
        long resolved = System.nanoTime();
        IOException last = null;
        for (InetAddress address : addresses) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), (int) Math.max(1, left / 1_000_000));
                long connected = System.nanoTime();
                Long dnsMs = isLiteral(host) ? null : millis(resolved - start);
                return new Connection(socket, address, dnsMs, millis(connected - resolved));
            } catch (IOException e) {
                closeQuietly(socket);
                last = e;
            }
        }
        throw last != null ? last : new SocketTimeoutException("connect timed out");
    }

    private static boolean isLiteral(String host) {
        try {
            IpRange.parse(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do: the attempt already failed
        }
    }

    /**
     * An open connection and where the time went.
     *
     * @param dnsMs     resolution time, null for an IP literal
     * @param connectMs TCP handshake time
     */
    public record Connection(Socket socket, InetAddress address, Long dnsMs, long connectMs) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
