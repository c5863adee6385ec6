package dev.vigil.probe.check.mail;

import dev.vigil.probe.check.mail.MailConversation.MailProtocolException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The few commands a mail check needs, per protocol: the greeting, the TLS upgrade, the goodbye. Nothing logs in and
 * nothing is sent but these commands (the EHLO name is the probe's own address literal, as RFC 5321 allows).
 */
enum MailDialect {

    SMTP {
        @Override
        String greeting(MailConversation conversation) throws IOException {
            List<String> reply = smtpReply(conversation);
            String last = reply.getLast();
            if (!last.startsWith("220")) {
                throw new MailProtocolException("the server did not greet with 220: " + clip(last));
            }
            return String.join(" / ", reply.stream().map(l -> l.length() > 4 ? l.substring(4) : l).toList())
                    .transform(text -> "220 " + text);
        }

        @Override
        void startTls(MailConversation conversation, String localAddress) throws IOException {
            conversation.send("EHLO " + localAddress);
            List<String> ehlo = smtpReply(conversation);
            if (!ehlo.getLast().startsWith("250")) {
                throw new MailProtocolException("the server refused EHLO: " + clip(ehlo.getLast()));
            }
            boolean offered = ehlo.stream().skip(1).map(l -> l.length() > 4 ? l.substring(4) : "")
                    .anyMatch(ext -> ext.toUpperCase(Locale.ROOT).startsWith("STARTTLS"));
            if (!offered) {
                throw new StartTlsRefused("the server does not offer STARTTLS (not in its EHLO reply)");
            }
            conversation.send("STARTTLS");
            String answer = smtpReply(conversation).getLast();
            if (!answer.startsWith("220")) {
                throw new StartTlsRefused("the server refused STARTTLS: " + clip(answer));
            }
        }

        @Override
        void quit(MailConversation conversation) throws IOException {
            conversation.send("QUIT");
            smtpReply(conversation);
        }
    },

    IMAP {
        @Override
        String greeting(MailConversation conversation) throws IOException {
            String line = conversation.readLine();
            String upper = line.toUpperCase(Locale.ROOT);
            if (!upper.startsWith("* OK") && !upper.startsWith("* PREAUTH")) {
                throw new MailProtocolException("the server did not greet with * OK: " + clip(line));
            }
            return line;
        }

        @Override
        void startTls(MailConversation conversation, String localAddress) throws IOException {
            conversation.send("v1 STARTTLS");
            String answer = tagged(conversation, "v1");
            if (!answer.toUpperCase(Locale.ROOT).startsWith("V1 OK")) {
                throw new StartTlsRefused("the server refused STARTTLS: " + clip(answer));
            }
        }

        @Override
        void quit(MailConversation conversation) throws IOException {
            conversation.send("v2 LOGOUT");
            tagged(conversation, "v2");
        }

        /** Untagged lines are skipped up to the tagged completion (a server may send a capability list first). */
        private String tagged(MailConversation conversation, String tag) throws IOException {
            for (int i = 0; i < MAX_REPLY_LINES; i++) {
                String line = conversation.readLine();
                if (line.regionMatches(true, 0, tag + " ", 0, tag.length() + 1)) {
                    return line;
                }
            }
            throw new MailProtocolException("the server sent more than " + MAX_REPLY_LINES + " lines without "
                    + "completing the command");
        }
    },

    POP3 {
        @Override
        String greeting(MailConversation conversation) throws IOException {
            String line = conversation.readLine();
            if (!line.startsWith("+OK")) {
                throw new MailProtocolException("the server did not greet with +OK: " + clip(line));
            }
            return line;
        }

        @Override
        void startTls(MailConversation conversation, String localAddress) throws IOException {
            conversation.send("STLS");
            String answer = conversation.readLine();
            if (!answer.startsWith("+OK")) {
                throw new StartTlsRefused("the server refused STLS (STARTTLS): " + clip(answer));
            }
        }

        @Override
        void quit(MailConversation conversation) throws IOException {
            conversation.send("QUIT");
            conversation.readLine();
        }
    };

    static final int MAX_REPLY_LINES = 100;

    /** The server's greeting, checked; the text for the check's message. */
    abstract String greeting(MailConversation conversation) throws IOException;

    /** Asks for the TLS upgrade; returns when the server is ready for the handshake. */
    abstract void startTls(MailConversation conversation, String localAddress) throws IOException;

    /** Ends the session politely. */
    abstract void quit(MailConversation conversation) throws IOException;

    /** An SMTP reply: its lines, up to the one with a space after the code. */
    private static List<String> smtpReply(MailConversation conversation) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < MAX_REPLY_LINES; i++) {
            String line = conversation.readLine();
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return lines;
            }
        }
        throw new MailProtocolException("the server sent a reply of more than " + MAX_REPLY_LINES + " lines");
    }

    static String clip(String text) {
        return text.length() <= 200 ? text : text.substring(0, 199) + "…";
    }

    /** The server does not offer, or refused, the TLS upgrade. */
    static final class StartTlsRefused extends MailProtocolException {

        private static final long serialVersionUID = 1L;

        StartTlsRefused(String message) {
            super(message);
        }
    }
}
