package dev.vigil.probe.check.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP server on loopback that offers STARTTLS (GreenMail serves implicit TLS only): greets, answers EHLO
 * with the STARTTLS extension, upgrades the connection with the given certificate, and says goodbye to QUIT. It
 * records the commands it received.
 */
final class StartTlsSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final SSLContext tls;
    private final Thread acceptor;
    final List<String> commands = new CopyOnWriteArrayList<>();

    StartTlsSmtpServer(SSLContext tls) throws IOException {
        this.tls = tls;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                converse(socket);
            } catch (IOException e) {
                // a client that went away, or the server closing
            }
        }
    }

    private void converse(Socket plain) throws IOException {
        Socket socket = plain;
        write(socket, "220 mail.test ESMTP ready");
        BufferedReader in = reader(socket);
        String line;
        while ((line = in.readLine()) != null) {
            commands.add(line);
            String command = line.toUpperCase(java.util.Locale.ROOT);
            if (command.startsWith("EHLO")) {
                write(socket, socket instanceof SSLSocket ? "250-mail.test\r\n250 SIZE 1000000"
                        : "250-mail.test\r\n250-SIZE 1000000\r\n250 STARTTLS");
            } else if (command.equals("STARTTLS")) {
                write(socket, "220 2.0.0 go ahead");
                SSLSocket upgraded = (SSLSocket) tls.getSocketFactory().createSocket(socket,
                        socket.getInetAddress().getHostAddress(), socket.getPort(), true);
                upgraded.setUseClientMode(false);
                upgraded.startHandshake();
                socket = upgraded;
                in = reader(socket);
            } else if (command.equals("QUIT")) {
                write(socket, "221 2.0.0 bye");
                return;
            } else {
                write(socket, "502 5.5.2 not implemented");
            }
        }
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    }

    private static void write(Socket socket, String reply) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws Exception {
        server.close();
        acceptor.join(2000);
    }
}
