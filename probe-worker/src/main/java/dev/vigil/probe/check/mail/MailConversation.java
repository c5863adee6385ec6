package dev.vigil.probe.check.mail;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Lines to and from a mail server over one socket (plain or TLS). A hostile server cannot make the probe read without
 * end: a line is at most {@link #MAX_LINE} bytes, and the socket's read timeout bounds every wait.
 */
final class MailConversation {

    static final int MAX_LINE = 2048;

    private final InputStream in;
    private final OutputStream out;

    MailConversation(Socket socket) throws IOException {
        this.in = new BufferedInputStream(socket.getInputStream(), 4096);
        this.out = socket.getOutputStream();
    }

    /** The next line without its CRLF (a bare LF also ends it). */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b == -1) {
                if (line.size() == 0) {
                    throw new MailProtocolException("the server closed the connection");
                }
                break;
            }
            if (b == '\n') {
                break;
            }
            if (line.size() >= MAX_LINE) {
                throw new MailProtocolException("the server sent a line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    void send(String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The server answered something the protocol does not allow here; the message says what. */
    static class MailProtocolException extends IOException {

        private static final long serialVersionUID = 1L;

        MailProtocolException(String message) {
            super(message);
        }
    }
}
