package dev.vigil.common.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay to another address, to make a real dependency (the test database) unreachable and reachable
 * again: {@link #cut()} closes the listener and every relayed connection, {@link #restore()} listens again on the
 * same port.
 */
public final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private final int port;

    private TcpProxy(InetSocketAddress target, ServerSocket listener) {
        this.target = target;
        this.listener = listener;
        this.port = listener.getLocalPort();
        accept(listener);
    }

    /** Relays from a free loopback port to {@code host:targetPort}. */
    public static TcpProxy to(String host, int targetPort) {
        try {
            return new TcpProxy(new InetSocketAddress(host, targetPort),
                    new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Relays to the server of a {@code jdbc:postgresql://host:port/...} URL and answers the same URL through this
     * proxy.
     */
    public static ProxiedUrl forJdbcUrl(String jdbcUrl) {
        String prefix = "jdbc:postgresql://";
        int slash = jdbcUrl.indexOf('/', prefix.length());
        String hostPort = jdbcUrl.substring(prefix.length(), slash);
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        int targetPort = colon < 0 ? 5432 : Integer.parseInt(hostPort.substring(colon + 1));
        TcpProxy proxy = to(host, targetPort);
        return new ProxiedUrl(proxy, prefix + "127.0.0.1:" + proxy.port() + jdbcUrl.substring(slash));
    }

    public record ProxiedUrl(TcpProxy proxy, String url) {
    }

    public int port() {
        return port;
    }

    /** Stops listening and drops every relayed connection. */
    public void cut() {
        closeQuietly(listener);
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    /** Listens again on the same port. */
    public void restore() {
        try {
            ServerSocket again = new ServerSocket();
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            listener = again;
            accept(again);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void accept(ServerSocket server) {
        Thread.ofVirtual().name("tcp-proxy-" + port).start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(target.getAddress(), target.getPort());
                    sockets.add(client);
                    sockets.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    // Listener closed by cut(), or the target refused: the client sees its connection fail.
                }
            }
        });
    }

    private void pump(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // One side closed.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        });
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        cut();
    }
}
