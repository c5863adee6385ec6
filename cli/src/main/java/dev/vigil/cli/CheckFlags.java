package dev.vigil.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The flags of the check types beyond HTTP, TCP, DNS and TLS (PING, UDP, DOMAIN, SMTP, IMAP, POP3, WEBSOCKET, GRPC,
 * DATABASE), shared by {@code vigil check} and {@code vigil monitors create}: each sets the API field of the same
 * meaning, and the API says which fields a type takes (a flag of another type is a 400 naming it).
 */
final class CheckFlags {

    @Option(names = "--min-days", paramLabel = "DAYS", description = "TLS, SMTP/IMAP/POP3 with TLS: fail when the "
            + "certificate expires in fewer days; DOMAIN: when the registration does")
    Integer minDaysValid;

    @Option(names = "--packet-count", paramLabel = "N", description = "PING: echo requests sent (1 to 10)")
    Integer packetCount;

    @Option(names = "--max-loss", paramLabel = "PERCENT", description = "PING: packet loss still counted as up")
    Integer maxPacketLossPercent;

    @Option(names = "--payload", paramLabel = "TEXT", description = "UDP: what is sent")
    String payload;

    @Option(names = "--hex", description = "UDP: the payload (and what assertions see) is hex digits")
    boolean hex;

    @Option(names = "--tls-mode", paramLabel = "MODE", description = "SMTP, IMAP, POP3: NONE, STARTTLS or IMPLICIT")
    String tlsMode;

    @Option(names = "--send", paramLabel = "TEXT", description = "WEBSOCKET: a message to send once connected")
    String send;

    @Option(names = "--expect", paramLabel = "REGEX", description = "WEBSOCKET: a received message must match; "
            + "DATABASE: the first value of the answer must match")
    String expect;

    @Option(names = "--service", paramLabel = "NAME", description = "GRPC: the service to ask the health service "
            + "about (default: the whole server)")
    String service;

    @Option(names = "--tls", description = "GRPC: speak TLS")
    boolean tls;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "DATABASE: POSTGRESQL, MYSQL or REDIS")
    String engine;

    @Option(names = "--database", paramLabel = "NAME", description = "DATABASE: the database (Redis: its number)")
    String database;

    @Option(names = "--username", paramLabel = "USER", description = "DATABASE: the user")
    String username;

    @Option(names = "--password-var", paramLabel = "VARIABLE", description = "DATABASE: the workspace variable "
            + "holding the password (its name; never the password itself)")
    String passwordVariable;

    @Option(names = "--query", paramLabel = "QUERY", description = "DATABASE: one read-only statement or command")
    String query;

    /** Puts the flags given into a request body; upper-cases the enumerated ones. */
    void addTo(Map<String, Object> body) {
        put(body, "minDaysValid", minDaysValid);
        put(body, "packetCount", packetCount);
        put(body, "maxPacketLossPercent", maxPacketLossPercent);
        put(body, "payload", payload);
        if (hex) {
            body.put("payloadEncoding", "HEX");
        }
        put(body, "tlsMode", upper(tlsMode));
        put(body, "send", send);
        put(body, "expect", expect);
        put(body, "service", service);
        if (tls) {
            body.put("tls", true);
        }
        put(body, "engine", upper(engine));
        put(body, "database", database);
        put(body, "username", username);
        if (passwordVariable != null) {
            // The API stores only a reference; a bare name is made one, a reference given whole is kept.
            body.put("password", passwordVariable.startsWith("{{") ? passwordVariable
                    : "{{vars." + passwordVariable + "}}");
        }
        put(body, "query", query);
    }

    private static void put(Map<String, Object> body, String field, Object value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }
}
