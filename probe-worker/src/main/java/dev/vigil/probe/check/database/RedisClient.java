package dev.vigil.probe.check.database;

import dev.vigil.common.check.DatabaseEngine;
import dev.vigil.common.check.ReadOnlyQueries;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Redis by a minimal RESP2 exchange over a plain socket to the vetted address: {@code AUTH} when there is a password,
 * {@code SELECT} when a database number is given, then the check's read-only command ({@code PING} by default).
 * Replies are read with bounds on their size and depth, so a hostile server cannot make the probe buffer without end.
 */
final class RedisClient implements DatabaseClient {

    static final int MAX_BULK_BYTES = 512 * 1024;
    static final int MAX_LINE_BYTES = 64 * 1024;
    static final int MAX_ARRAY_ITEMS = 100;
    static final int MAX_DEPTH = 4;
    /** All replies of one check together, whatever their shape. */
    static final int MAX_REPLY_BYTES = 1024 * 1024;

    @Override
    public DatabaseEngine engine() {
        return DatabaseEngine.REDIS;
    }

    @Override
    public DatabaseAnswer probe(DatabaseTarget target, String query) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.address(), target.port()),
                    (int) target.remaining().toMillis());
            socket.setSoTimeout((int) target.remaining().toMillis());
            InputStream in = new Limited(new BufferedInputStream(socket.getInputStream()), MAX_REPLY_BYTES);
            OutputStream out = socket.getOutputStream();
            if (target.password() != null && !target.password().isEmpty()) {
                List<String> auth = target.username() == null || target.username().isEmpty()
                        ? List.of("AUTH", target.password()) : List.of("AUTH", target.username(), target.password());
                exchange(in, out, auth);
            }
            if (target.database() != null && !target.database().isEmpty()) {
                exchange(in, out, List.of("SELECT", target.database()));
            }
            long loggedIn = System.nanoTime();
            socket.setSoTimeout((int) target.remaining().toMillis());
            List<String> command = query == null ? List.of("PING") : ReadOnlyQueries.redisArguments(query);
            String value = exchange(in, out, command);
            long answered = System.nanoTime();
            String server = "Redis";
            return query == null ? new DatabaseAnswer(server, millis(answered - start), null, value)
                    : new DatabaseAnswer(server, millis(loggedIn - start), millis(answered - loggedIn), value);
        }
    }

    private static String exchange(InputStream in, OutputStream out, List<String> command) throws IOException {
        out.write(encode(command));
        out.flush();
        return read(in, 0);
    }

    /** A command as a RESP array of bulk strings (binary-safe: no quoting or escaping to get wrong). */
    static byte[] encode(List<String> command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(("*" + command.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String word : command) {
            byte[] data = word.getBytes(StandardCharsets.UTF_8);
            bytes.writeBytes(("$" + data.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            bytes.writeBytes(data);
            bytes.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return bytes.toByteArray();
    }

    /** One reply: simple strings, integers and bulk strings as text, arrays as their items on lines, nil as null. */
    static String read(InputStream in, int depth) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("the server closed the connection");
        }
        String line = line(in);
        return switch (type) {
            case '+', ':' -> line;
            case '-' -> throw new Refused(line);
            case '$' -> bulk(in, length(line, MAX_BULK_BYTES));
            case '*' -> array(in, length(line, MAX_ARRAY_ITEMS), depth);
            default -> throw new IOException("not a Redis server (unexpected reply '" + (char) type + "')");
        };
    }

    private static String bulk(InputStream in, int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] data = in.readNBytes(length);
        if (data.length < length || in.read() != '\r' || in.read() != '\n') {
            throw new EOFException("the server closed the connection mid-reply");
        }
        return new String(data, StandardCharsets.UTF_8);
    }

    private static String array(InputStream in, int items, int depth) throws IOException {
        if (items < 0) {
            return null;
        }
        if (depth >= MAX_DEPTH) {
            throw new IOException("the reply is nested deeper than " + MAX_DEPTH + " levels");
        }
        List<String> values = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            values.add(String.valueOf(read(in, depth + 1)));
        }
        return String.join("\n", values);
    }

    private static int length(String line, int max) throws IOException {
        int length;
        try {
            length = Integer.parseInt(line);
        } catch (NumberFormatException e) {
            throw new IOException("not a Redis server (bad length '" + line + "')");
        }
        if (length > max) {
            throw new IOException("the reply is larger than the probe reads (" + length + " > " + max + ")");
        }
        return length;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the server closed the connection mid-reply");
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_LINE_BYTES) {
                throw new IOException("not a Redis server (a reply line longer than " + MAX_LINE_BYTES + " bytes)");
            }
            line.write(b);
            previous = b;
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** Reads at most {@code limit} bytes in all, then fails: the replies' total size bound. */
    static final class Limited extends java.io.FilterInputStream {

        private long left;

        Limited(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                throw new IOException("the replies are larger than the probe reads (" + MAX_REPLY_BYTES + " bytes)");
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                throw new IOException("the replies are larger than the probe reads (" + MAX_REPLY_BYTES + " bytes)");
            }
            int n = super.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    /** An error reply ({@code -ERR ...}, {@code -NOAUTH ...}, {@code -WRONGPASS ...}). */
    static final class Refused extends IOException {

        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }
}
