package dev.vigil.probe.check.browser;

import dev.vigil.common.net.BlockedAddressException;
import dev.vigil.common.net.TargetGuard;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one way out for a browser check's Chromium ({@code --proxy-server}, loopback not bypassed): an HTTP proxy on
 * loopback, one per run, that opens every connection the page asks for through the SSRF guard's socket factory. The
 * browser hands it host names, not addresses (CONNECT for HTTPS and WebSockets, absolute URLs for plain HTTP), so the
 * guard both resolves and vets them: a page (or a redirect, an image, a script) that reaches for an internal address
 * gets a 403 for that request and the refusal is recorded as a failed request of the run.
 */
final class GuardedProxy implements Closeable {

    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int MAX_RECORDED = 50;

    private final TargetGuard guard;
    private final ServerSocket server;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean recording;

    GuardedProxy(TargetGuard guard) throws IOException {
        this.guard = guard;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().name("browser-proxy").start(this::accept);
    }

    /** {@code host:port} for Chromium's {@code --proxy-server}. */
    String address() {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    /** From now on, failed requests are recorded (before, they are only refused). */
    void startRecording() {
        recording = true;
    }

    /** The requests refused by the guard or that could not connect, as "host:port: why". */
    List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                Thread.ofVirtual().name("browser-proxy-conn").start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        Socket upstream = null;
        try (client) {
            InputStream in = client.getInputStream();
            byte[] head = readHead(in);
            if (head == null) {
                return;
            }
            String text = new String(head, StandardCharsets.ISO_8859_1);
            String requestLine = text.substring(0, text.indexOf("\r\n"));
            String[] parts = requestLine.split(" ");
            if (parts.length != 3) {
                reply(client, "400 Bad Request");
                return;
            }
            boolean connect = parts[0].equalsIgnoreCase("CONNECT");
            String host;
            int port;
            String forwardedHead = null;
            if (connect) {
                int colon = parts[1].lastIndexOf(':');
                host = strip(parts[1].substring(0, colon));
                port = Integer.parseInt(parts[1].substring(colon + 1));
            } else {
                URI uri = URI.create(parts[1]);
                if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                    reply(client, "400 Bad Request");
                    return;
                }
                host = strip(uri.getHost());
                port = uri.getPort() < 0 ? 80 : uri.getPort();
                String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                if (uri.getRawQuery() != null) {
                    path += "?" + uri.getRawQuery();
                }
                // One request per connection ("Connection: close"): the connection is piped to this host only, so a
                // browser reusing it for another host would otherwise send that request here.
                String headers = text.substring(text.indexOf("\r\n") + 2, text.length() - 2)
                        .replaceAll("(?im)^(Proxy-)?Connection:[^\r\n]*\r\n", "");
                forwardedHead = parts[0] + " " + path + " " + parts[2] + "\r\n" + headers + "Connection: close\r\n\r\n";
            }
            try {
                upstream = guard.socketFactory().createSocket();
                upstream.connect(InetSocketAddress.createUnresolved(host, port), CONNECT_TIMEOUT_MS);
            } catch (BlockedAddressException e) {
                record(host + ":" + port + ": refused by the SSRF guard (" + e.getMessage() + ")");
                reply(client, "403 Forbidden");
                return;
            } catch (IOException e) {
                record(host + ":" + port + ": " + e.getMessage());
                reply(client, "502 Bad Gateway");
                return;
            }
            open.add(upstream);
            if (connect) {
                client.getOutputStream().write("HTTP/1.1 200 Connection Established\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                client.getOutputStream().flush();
            } else {
                upstream.getOutputStream().write(forwardedHead.getBytes(StandardCharsets.ISO_8859_1));
            }
            Socket target = upstream;
            Thread up = Thread.ofVirtual().start(() -> pipe(client, target));
            pipe(target, client);
            up.join();
        } catch (IOException | RuntimeException e) {
            // a browser closing a connection midway is normal
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(client);
            if (upstream != null) {
                open.remove(upstream);
                closeQuietly(upstream);
            }
        }
    }

    private void record(String failure) {
        if (recording && failures.size() < MAX_RECORDED) {
            failures.add(failure);
        }
    }

    /** An IPv6 literal comes in brackets; the guard wants the address. */
    private static String strip(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1)
                : host.toLowerCase(Locale.ROOT);
    }

    /** The request line and headers, up to the blank line; null when the browser closed first. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(1024);
        int matched = 0;
        while (head.size() < MAX_HEADER_BYTES) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toByteArray();
            }
        }
        return null;
    }

    private static void reply(Socket client, String status) throws IOException {
        OutputStream out = client.getOutputStream();
        out.write(("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        acceptor.interrupt();
        open.forEach(GuardedProxy::closeQuietly);
    }
}
