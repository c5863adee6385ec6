package dev.vigil.common.check;

/** The kinds of monitor Vigil runs. HEARTBEAT is never probed: the monitored job calls Vigil instead. */
public enum MonitorType {
    HTTP, TCP, DNS, TLS, HEARTBEAT, PLUGIN,
    /** A sequence of HTTP requests passing values from one to the next (issue 17). */
    API_STEPS,
    /** A real Chromium driven through declarative steps (issue 17). */
    BROWSER,
    /** ICMP echo: latency and packet loss (issue 17). */
    PING,
    /** A UDP datagram and the reply it must get (issue 17). */
    UDP,
    /** A domain's registration expiry, read over RDAP (issue 17). */
    DOMAIN,
    /** An SMTP server's greeting, optionally STARTTLS or implicit TLS (issue 17). */
    SMTP,
    /** An IMAP server's greeting, optionally STARTTLS or implicit TLS (issue 17). */
    IMAP,
    /** A POP3 server's greeting, optionally STLS or implicit TLS (issue 17). */
    POP3,
    /** A WebSocket handshake, optionally a message sent and one expected back (issue 17). */
    WEBSOCKET,
    /** The standard gRPC health check, grpc.health.v1.Health/Check (issue 17). */
    GRPC,
    /** PostgreSQL, MySQL/MariaDB or Redis reachability, optionally one read-only query (issue 17). */
    DATABASE
}
