package dev.vigil.common.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A tiny authoritative DNS server on a loopback UDP port, built from dnsjava's message classes: it answers from the
 * records it was given, NXDOMAIN for names it has none for, and ignores queries when told to be silent. Answers can
 * be changed while it runs ({@link #replace}), to play a DNS rebinding attack; it counts the queries it got.
 */
public final class TestDnsServer implements AutoCloseable {

    private final DatagramSocket socket;
    private final Map<String, List<Record>> zone = new ConcurrentHashMap<>();
    private final Thread thread;
    private final Map<String, Integer> queries = new ConcurrentHashMap<>();
    private final Map<String, Record> rePoint = new ConcurrentHashMap<>();
    private volatile boolean silent;

    private TestDnsServer() throws SocketException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        thread = Thread.ofPlatform().daemon().name("test-dns").start(this::serve);
    }

    public static TestDnsServer start() throws SocketException {
        return new TestDnsServer();
    }

    /** Adds a record in zone-file text form, e.g. {@code "www.test. 60 IN A 192.0.2.1"}. */
    public TestDnsServer add(String name, int type, String rdata) throws IOException {
        Record record = Record.fromString(Name.fromString(name), type, DClass.IN, 60, rdata, Name.root);
        zone.computeIfAbsent(key(record.getName(), type), k -> new CopyOnWriteArrayList<>())
                .add(record);
        return this;
    }

    /** Replaces every record of {@code name} and {@code type} with one, e.g. to re-point a name after vetting. */
    public TestDnsServer replace(String name, int type, String rdata) throws IOException {
        Record record = Record.fromString(Name.fromString(name), type, DClass.IN, 0, rdata, Name.root);
        zone.put(key(record.getName(), type), new CopyOnWriteArrayList<>(List.of(record)));
        return this;
    }

    /**
     * After answering the next query for {@code name} and {@code type}, replaces its records with one: a DNS
     * rebinding attack on a running service, whose vetting lookup sees the first answer and any later lookup the
     * second.
     */
    public TestDnsServer rePointAfterNextAnswer(String name, int type, String rdata) throws IOException {
        Record record = Record.fromString(Name.fromString(name), type, DClass.IN, 0, rdata, Name.root);
        rePoint.put(key(record.getName(), type), record);
        return this;
    }

    /** Queries answered so far for {@code name} (any type). */
    public int queries(String name) {
        String absolute = name.endsWith(".") ? name : name + ".";
        return queries.getOrDefault(absolute.toLowerCase(Locale.ROOT), 0);
    }

    /** The server as a list entry of name servers: {@code 127.0.0.1:port}. */
    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    public void silent(boolean silent) {
        this.silent = silent;
    }

    /** {@code 127.0.0.1:port}, as a monitor names a resolver. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private static String key(Name name, int type) {
        return name.toString().toLowerCase(Locale.ROOT) + "/" + Type.string(type);
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                if (silent) {
                    continue;
                }
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                Record question = query.getQuestion();
                queries.merge(question.getName().toString().toLowerCase(Locale.ROOT), 1, Integer::sum);
                Message answer = new Message(query.getHeader().getID());
                answer.getHeader().setFlag(Flags.QR);
                answer.getHeader().setFlag(Flags.AA);
                answer.addRecord(question, Section.QUESTION);
                List<Record> records = zone.get(key(question.getName(), question.getType()));
                boolean nameKnown = zone.keySet().stream()
                        .anyMatch(k -> k.startsWith(question.getName().toString().toLowerCase(Locale.ROOT)
                                + "/"));
                if (records != null) {
                    records.forEach(r -> answer.addRecord(r, Section.ANSWER));
                } else if (!nameKnown) {
                    answer.getHeader().setRcode(Rcode.NXDOMAIN);
                }
                byte[] wire = answer.toWire();
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
                Record next = rePoint.remove(key(question.getName(), question.getType()));
                if (next != null) {
                    zone.put(key(next.getName(), next.getType()), new CopyOnWriteArrayList<>(List.of(next)));
                }
            } catch (IOException e) {
                // closed, or a malformed query: keep serving until closed
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(2000);
    }
}
