package dev.vigil.common.check;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The type-specific definition of a check. Serialised with a {@code type} property naming the {@link MonitorType}, so
 * the same JSON is stored in {@code monitors.check_spec} and carried inside every {@code CheckJob}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = HttpCheck.class, name = "HTTP"),
        @JsonSubTypes.Type(value = TcpCheck.class, name = "TCP"),
        @JsonSubTypes.Type(value = DnsCheck.class, name = "DNS"),
        @JsonSubTypes.Type(value = TlsCheck.class, name = "TLS"),
        @JsonSubTypes.Type(value = HeartbeatCheck.class, name = "HEARTBEAT"),
        @JsonSubTypes.Type(value = PluginCheck.class, name = "PLUGIN"),
        @JsonSubTypes.Type(value = ApiStepsCheck.class, name = "API_STEPS"),
        @JsonSubTypes.Type(value = BrowserCheck.class, name = "BROWSER"),
        @JsonSubTypes.Type(value = PingCheck.class, name = "PING"),
        @JsonSubTypes.Type(value = UdpCheck.class, name = "UDP"),
        @JsonSubTypes.Type(value = DomainCheck.class, name = "DOMAIN"),
        @JsonSubTypes.Type(value = SmtpCheck.class, name = "SMTP"),
        @JsonSubTypes.Type(value = ImapCheck.class, name = "IMAP"),
        @JsonSubTypes.Type(value = Pop3Check.class, name = "POP3"),
        @JsonSubTypes.Type(value = WebSocketCheck.class, name = "WEBSOCKET"),
        @JsonSubTypes.Type(value = GrpcCheck.class, name = "GRPC"),
        @JsonSubTypes.Type(value = DatabaseCheck.class, name = "DATABASE")})
public sealed interface CheckSpec permits HttpCheck, TcpCheck, DnsCheck, TlsCheck, HeartbeatCheck, PluginCheck,
        ApiStepsCheck, BrowserCheck,
        PingCheck, UdpCheck, DomainCheck, SmtpCheck, ImapCheck, Pop3Check,
        WebSocketCheck, GrpcCheck, DatabaseCheck {

    @JsonIgnore
    MonitorType type();

    /** A short human description of what is checked (a URL, host:port, a plugin name), for alerts and listings. */
    @JsonIgnore
    String target();
}
