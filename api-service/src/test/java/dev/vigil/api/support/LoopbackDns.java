package dev.vigil.api.support;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.List;
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
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A tiny authoritative DNS server on a loopback UDP port, answering TXT queries from a table the test fills
 * ({@link #txt}) and NXDOMAIN for anything else. It records the names it was asked, so a test can show the service
 * asked it rather than some other resolver.
 */
public final class LoopbackDns implements AutoCloseable {

    private final DatagramSocket socket;
    private final Map<Name, List<String>> txt = new ConcurrentHashMap<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final Thread thread;

    private LoopbackDns() throws SocketException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        thread = Thread.ofPlatform().daemon().name("loopback-dns").start(this::serve);
    }

    public static LoopbackDns start() {
        try {
            return new LoopbackDns();
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code host:port}, as the service's resolver setting takes it. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /** Publishes TXT records (their texts) at {@code name}, replacing what was there. */
    public void txt(String name, String... texts) {
        txt.put(absolute(name), List.of(texts));
    }

    public List<String> asked() {
        return List.copyOf(asked);
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                byte[] answer = answer(query).toWire(512);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private Message answer(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        Record question = query.getQuestion();
        response.addRecord(question, Section.QUESTION);
        asked.add(question.getName().toString());
        List<String> texts = question.getType() == Type.TXT ? txt.get(question.getName()) : null;
        if (texts == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            return response;
        }
        for (String text : texts) {
            response.addRecord(new TXTRecord(question.getName(), DClass.IN, 5, text), Section.ANSWER);
        }
        return response;
    }

    private static Name absolute(String name) {
        try {
            return Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
        thread.interrupt();
    }
}
