package dev.vigil.probe.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loopback targets that misbehave on purpose: one that accepts connections and never answers, one that answers an
 * HTTP request with headers and then trickles its body a byte at a time, one that serves a fixed HTTP body (a
 * pathological JSON document), one that streams a huge body. Each connection is served on a virtual thread; {@link #close()} closes
 * the listening socket and every connection.
 */
public final class HostileTargets implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Behaviour behaviour;

    private interface Behaviour {
        void serve(Socket socket) throws IOException, InterruptedException;
    }

    private HostileTargets(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
        Thread.ofVirtual().name("hostile-accept").start(this::accept);
    }

    /** Accepts, reads whatever is sent, never writes a byte. */
    public static HostileTargets silent() throws IOException {
        return new HostileTargets(socket -> {
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[4096];
            while (in.read(sink) != -1) {
                // keep the connection open and say nothing
            }
        });
    }

    /** Answers 200 with a long body, sending one byte every {@code everyMs}: always "still coming". */
    public static HostileTargets trickling(long everyMs) throws IOException {
        return new HostileTargets(socket -> {
            readRequestHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < 1_000_000; i++) {
                out.write('a');
                out.flush();
                Thread.sleep(everyMs);
            }
        });
    }

    /** Answers every request with 200 and {@code body}. */
    public static HostileTargets serving(String contentType, byte[] body) throws IOException {
        return new HostileTargets(socket -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (readRequestHead(in)) {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
        });
    }

    /** Answers every request with 200 and {@code size} bytes of 'a' (no Content-Length: read until closed). */
    public static HostileTargets huge(long size) throws IOException {
        byte[] chunk = "a".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        return new HostileTargets(socket -> {
            readRequestHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            for (long sent = 0; sent < size; sent += chunk.length) {
                out.write(chunk);
            }
            out.flush();
        });
    }

    public int port() {
        return server.getLocalPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Connections still open from the client's side as far as this server has seen. */
    public long open() {
        return connections.stream().filter(s -> !s.isClosed()).count();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                connections.add(socket);
                Thread.ofVirtual().name("hostile-conn").start(() -> {
                    try (socket) {
                        behaviour.serve(socket);
                    } catch (IOException | InterruptedException e) {
                        // the client went away, or the target is closing
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Reads up to the blank line ending a request head; false at end of stream. */
    private static boolean readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        int b;
        while ((b = in.read()) != -1) {
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
            if (matched == 4) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : connections) {
            socket.close();
        }
    }
}
