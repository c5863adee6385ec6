package dev.vigil.api.oneshot;

import dev.vigil.api.monitor.MonitorRequest;
import dev.vigil.common.check.Assertion;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * A check to run once: the check fields of a monitor (docs/api.md), validated by the same rules. Fields a stored
 * monitor has but a check of no monitor cannot use (name, interval, confirmations, channels, tags, group, paused) are
 * unknown here and refused by the JSON reader.
 */
@Schema(description = "A check to run once from each region; the check fields of a monitor, same rules.")
public record CheckRunRequest(
        @Schema(description = "HTTP, TCP, DNS, TLS, PLUGIN, PING, UDP, DOMAIN, SMTP, IMAP, POP3, "
                + "WEBSOCKET, GRPC or DATABASE", example = "HTTP")
        String type,
        @Schema(description = "HTTP: absolute http(s) URL", example = "https://example.com/health") String url,
        @Schema(description = "HTTP: GET (default), HEAD, POST, PUT, PATCH, DELETE or OPTIONS") String method,
        @Schema(description = "HTTP: request headers, at most 50") Map<String, String> headers,
        @Schema(description = "HTTP: request body") String body,
        @Schema(description = "HTTP: follow redirects (default true)") Boolean followRedirects,
        @Schema(description = "HTTP and DNS: conditions on the response, at most 20") List<Assertion> assertions,
        @Schema(description = "UP but slower than this is DEGRADED (1 to timeoutMs)") Integer degradedAboveMs,
        @Schema(description = "TCP, TLS: host; DNS: the name to query") String host,
        @Schema(description = "TCP: required; TLS: default 443") Integer port,
        @Schema(description = "DNS: A (default), AAAA, CNAME, MX, TXT or NS") String recordType,
        @Schema(description = "DNS: resolver IP, optionally with port") String resolver,
        @Schema(description = "TLS: fail when the certificate expires in fewer days (default 14)")
        Integer minDaysValid,
        @Schema(description = "PLUGIN: a name from GET /api/v1/plugins") String plugin,
        @Schema(description = "PLUGIN: arguments") List<String> args,
        @Schema(description = "Check timeout in ms (100 to 60000, default 10000); the answer comes within "
                + "timeoutMs + 5 s") Integer timeoutMs,
        @Schema(description = "Regions to run from (default: all)") List<String> regions,
        // PING, UDP, SMTP, IMAP, POP3 (issue 17); DOMAIN uses host and minDaysValid
        @Schema(description = "PING: echo requests sent (1 to 10, default 3)") Integer packetCount,
        @Schema(description = "PING: the packet loss in percent still counted as up (0 to 99, default 50)")
        Integer maxPacketLossPercent,
        @Schema(description = "UDP: what is sent, text or hex digits") String payload,
        @Schema(description = "UDP: TEXT (default) or HEX") String payloadEncoding,
        @Schema(description = "SMTP, IMAP, POP3: NONE, STARTTLS (default) or IMPLICIT") String tlsMode,
        // WEBSOCKET (with url, headers), GRPC and DATABASE (with host, port)
        @Schema(description = "WEBSOCKET: a text message to send once the connection is open") String send,
        @Schema(description = "WEBSOCKET: a regular expression a received message must match; DATABASE: one the "
                + "first value of the answer must match") String expect,
        @Schema(description = "GRPC: the service to ask grpc.health.v1.Health about (default: the whole server)")
        String service,
        @Schema(description = "GRPC: speak TLS (default false)") Boolean tls,
        @Schema(description = "DATABASE: POSTGRESQL, MYSQL or REDIS") String engine,
        @Schema(description = "DATABASE: the database name (Redis: its number)") String database,
        @Schema(description = "DATABASE: the user; a one-shot check takes no password (a workspace variable needs "
                + "a monitor)") String username,
        @Schema(description = "DATABASE: refused here (see username)") String password,
        @Schema(description = "DATABASE: one read-only statement or command (default: log in; Redis: PING)")
        String query) {

    /** As a monitor request, for the monitor rules; everything a check of no monitor has not is left out. */
    MonitorRequest asMonitorRequest() {
        return new MonitorRequest(null, type, url, method, headers, body, followRedirects, assertions,
                degradedAboveMs, host, port, recordType, resolver, minDaysValid, null, null, null, null, null, plugin,
                args, null, timeoutMs, regions, null, null, null, null, null, null, null, packetCount,
                maxPacketLossPercent, payload, payloadEncoding, tlsMode, send, expect, service, tls, engine, database,
                username, password, query);
    }
}
