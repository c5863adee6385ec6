package dev.vigil.api.monitor;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.vigil.common.check.Assertion;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A monitor as docs/api.md writes it: common fields plus the fields of its type, flat. Unknown fields are refused by
 * the JSON reader, fields of another type by {@link MonitorDefinitions}. The read-only fields of a monitor as the API
 * answers it ({@code id}, {@code status}, ...) are accepted and ignored, so a client can PUT back what it read.
 */
@JsonIgnoreProperties(value = {"id", "status", "pingUrl", "tags", "createdAt", "updatedAt", "skippedChecks",
        "lastSkippedAt", "flapping", "unavailableIn"})
@Schema(description = "A monitor definition. Send the common fields and those of its type only.")
public record MonitorRequest(
        @Schema(description = "1 to 200 characters", example = "Homepage") String name,
        @Schema(description = "HTTP, TCP, DNS, TLS, HEARTBEAT, PLUGIN, API_STEPS, BROWSER, PING, UDP, DOMAIN, SMTP, "
                + "IMAP, POP3, WEBSOCKET, GRPC or DATABASE", example = "HTTP") String type,
        // HTTP
        @Schema(description = "HTTP: absolute http(s) URL, no credentials in it",
                example = "https://example.com/health") String url,
        @Schema(description = "HTTP: GET (default), HEAD, POST, PUT, PATCH, DELETE or OPTIONS") String method,
        @Schema(description = "HTTP: request headers, at most 50") Map<String, String> headers,
        @Schema(description = "HTTP: request body, with POST, PUT, PATCH or DELETE; at most 64 KiB") String body,
        @Schema(description = "HTTP: follow redirects (default true)") Boolean followRedirects,
        @Schema(description = "HTTP, DNS and UDP: conditions on the response, at most 20; HTTP passes on 2xx/3xx "
                + "without any, UDP on any reply") List<Assertion> assertions,
        @Schema(description = "Probed types: UP but slower than this is DEGRADED (1 to timeoutMs)")
        Integer degradedAboveMs,
        // TCP, DNS, TLS
        @Schema(description = "TCP, TLS, PING, UDP, SMTP, IMAP, POP3: host name or IP address; DNS: the name to "
                + "query; DOMAIN: the registered domain") String host,
        @Schema(description = "TCP, UDP: required; TLS: default 443; SMTP: 25 (465 with IMPLICIT); IMAP: 143 (993); "
                + "POP3: 110 (995)") Integer port,
        @Schema(description = "DNS: A (default), AAAA, CNAME, MX, TXT or NS") String recordType,
        @Schema(description = "DNS: resolver IP, optionally with port, e.g. 9.9.9.9:53") String resolver,
        @Schema(description = "TLS, and SMTP, IMAP, POP3 with TLS: fail when the certificate expires in fewer days "
                + "(default 14); DOMAIN: when the registration does (default 30)")
        Integer minDaysValid,
        // HEARTBEAT
        @Schema(description = "HEARTBEAT: expected time between pings, in seconds") Integer periodSeconds,
        @Schema(description = "HEARTBEAT: extra time before a late ping counts as missed (default: a tenth of the "
                + "period, 60 s to 1 h)") Integer graceSeconds,
        @Schema(description = "HEARTBEAT: a 5-field Unix cron expression of when the job runs, instead of a period "
                + "(day-of-month and day-of-week match either, as in cron); overdue graceSeconds after a scheduled "
                + "time without a ping", example = "0 3 * * *") String schedule,
        @Schema(description = "HEARTBEAT with a schedule: the IANA time zone it is in (default UTC)",
                example = "Europe/Berlin") String timeZone,
        @Schema(description = "HEARTBEAT: a run started with /ping/{token}/start that has not ended (a ping or an "
                + "exit code) after this many seconds is reported as too long (60 to 604800; default: no limit)")
        Integer maxRunSeconds,
        // PLUGIN
        @Schema(description = "PLUGIN: a name from GET /api/v1/plugins", example = "check_ssh") String plugin,
        @Schema(description = "PLUGIN: arguments, at most 32; never passed through a shell") List<String> args,
        // every type
        @Schema(description = "Seconds between checks (30 to 86400 by default; default 60). HEARTBEAT: equals "
                + "periodSeconds and may be left out") Integer intervalSeconds,
        @Schema(description = "Check timeout in ms (100 to 60000, at most the interval; default 10000)")
        Integer timeoutMs,
        @Schema(description = "Probe regions (default: all); HEARTBEAT: none") List<String> regions,
        @Schema(description = "Other regions that must confirm a failure (0 to regions-1, default 1)")
        Integer confirmations,
        @Schema(description = "Alert channels of this workspace to notify") List<UUID> alertChannelIds,
        @Schema(description = "Tags of this workspace to put on the monitor, at most 20 (see /api/v1/tags)")
        List<UUID> tagIds,
        @Schema(description = "The group (folder) of this workspace to put it in; none: ungrouped") UUID groupId,
        @Schema(description = "Create paused; on PUT, leave out to keep the current state") Boolean paused,
        // API_STEPS, BROWSER
        @Schema(description = "API_STEPS: the requests, in order (1 to 10); BROWSER: the steps, in order (1 to 30). "
                + "See docs/api.md") List<JsonNode> steps,
        @Schema(description = "Probed types: alert noise settings (failures in a row, recovery rounds, flap "
                + "detection); left out, or a field of it left out: the deployment's") NoiseSettings noise,
        // PING, UDP, SMTP, IMAP, POP3 (issue 17)
        @Schema(description = "PING: echo requests sent (1 to 10, default 3)") Integer packetCount,
        @Schema(description = "PING: the packet loss in percent still counted as up (0 to 99, default 50)")
        Integer maxPacketLossPercent,
        @Schema(description = "UDP: what is sent, text or hex digits (at most 4096 bytes; default empty)")
        String payload,
        @Schema(description = "UDP: TEXT (default) or HEX: how payload is written and how assertions see the reply")
        String payloadEncoding,
        @Schema(description = "SMTP, IMAP, POP3: NONE, STARTTLS or IMPLICIT (default STARTTLS; IMPLICIT on 465, "
                + "993 and 995)") String tlsMode,
        // WEBSOCKET (with url, headers), GRPC and DATABASE (with host, port)
        @Schema(description = "WEBSOCKET: a text message to send once the connection is open") String send,
        @Schema(description = "WEBSOCKET: a regular expression a received message must contain a match of; "
                + "DATABASE: one the first value of the answer must contain a match of") String expect,
        @Schema(description = "GRPC: the service name to ask grpc.health.v1.Health about (default: the whole "
                + "server)", example = "payments.v1.Payments") String service,
        @Schema(description = "GRPC: speak TLS, verifying the certificate (default false: plaintext)") Boolean tls,
        @Schema(description = "DATABASE: POSTGRESQL, MYSQL (also MariaDB) or REDIS") String engine,
        @Schema(description = "DATABASE: the database name (Redis: its number)") String database,
        @Schema(description = "DATABASE: the user (a name or {{vars.NAME}}); required for SQL engines")
        String username,
        @Schema(description = "DATABASE: a workspace variable holding the password, as {{vars.NAME}}",
                example = "{{vars.DB_PASSWORD}}") String password,
        @Schema(description = "DATABASE: one read-only statement (SQL) or command (Redis) to run; default: log in "
                + "(Redis: PING)") String query) {

    /** A request of the types without WEBSOCKET, GRPC or DATABASE fields. */
    public MonitorRequest(String name, String type, String url, String method, Map<String, String> headers,
                          String body, Boolean followRedirects, List<Assertion> assertions, Integer degradedAboveMs,
                          String host, Integer port, String recordType, String resolver, Integer minDaysValid,
                          Integer periodSeconds, Integer graceSeconds, String schedule, String timeZone,
                          Integer maxRunSeconds, String plugin, List<String> args, Integer intervalSeconds,
                          Integer timeoutMs, List<String> regions, Integer confirmations, List<UUID> alertChannelIds,
                          List<UUID> tagIds, UUID groupId, Boolean paused, List<JsonNode> steps, NoiseSettings noise,
                          Integer packetCount, Integer maxPacketLossPercent, String payload, String payloadEncoding,
                          String tlsMode) {
        this(name, type, url, method, headers, body, followRedirects, assertions, degradedAboveMs, host, port,
                recordType, resolver, minDaysValid, periodSeconds, graceSeconds, schedule, timeZone, maxRunSeconds,
                plugin, args, intervalSeconds, timeoutMs, regions, confirmations, alertChannelIds, tagIds, groupId,
                paused, steps, noise, packetCount, maxPacketLossPercent, payload, payloadEncoding, tlsMode, null,
                null, null, null, null, null, null, null, null);
    }

    /** A request without noise settings of its own and of the types before issue 17's network types. */
    public MonitorRequest(String name, String type, String url, String method, Map<String, String> headers,
                          String body, Boolean followRedirects, List<Assertion> assertions, Integer degradedAboveMs,
                          String host, Integer port, String recordType, String resolver, Integer minDaysValid,
                          Integer periodSeconds, Integer graceSeconds, String schedule, String timeZone,
                          Integer maxRunSeconds, String plugin, List<String> args, Integer intervalSeconds,
                          Integer timeoutMs, List<String> regions, Integer confirmations, List<UUID> alertChannelIds,
                          List<UUID> tagIds, UUID groupId, Boolean paused, List<JsonNode> steps) {
        this(name, type, url, method, headers, body, followRedirects, assertions, degradedAboveMs, host, port,
                recordType, resolver, minDaysValid, periodSeconds, graceSeconds, schedule, timeZone, maxRunSeconds,
                plugin, args, intervalSeconds, timeoutMs, regions, confirmations, alertChannelIds, tagIds, groupId,
                paused, steps, null, null, null, null, null, null);
    }

    /** A request with noise settings, of the types before issue 17's network types (no ping, UDP or mail fields). */
    public MonitorRequest(String name, String type, String url, String method, Map<String, String> headers,
                          String body, Boolean followRedirects, List<Assertion> assertions, Integer degradedAboveMs,
                          String host, Integer port, String recordType, String resolver, Integer minDaysValid,
                          Integer periodSeconds, Integer graceSeconds, String schedule, String timeZone,
                          Integer maxRunSeconds, String plugin, List<String> args, Integer intervalSeconds,
                          Integer timeoutMs, List<String> regions, Integer confirmations, List<UUID> alertChannelIds,
                          List<UUID> tagIds, UUID groupId, Boolean paused, List<JsonNode> steps, NoiseSettings noise) {
        this(name, type, url, method, headers, body, followRedirects, assertions, degradedAboveMs, host, port,
                recordType, resolver, minDaysValid, periodSeconds, graceSeconds, schedule, timeZone, maxRunSeconds,
                plugin, args, intervalSeconds, timeoutMs, regions, confirmations, alertChannelIds, tagIds, groupId,
                paused, steps, noise, null, null, null, null, null);
    }

    /** A request without noise settings of its own, of any type. */
    public MonitorRequest(String name, String type, String url, String method, Map<String, String> headers,
                          String body, Boolean followRedirects, List<Assertion> assertions, Integer degradedAboveMs,
                          String host, Integer port, String recordType, String resolver, Integer minDaysValid,
                          Integer periodSeconds, Integer graceSeconds, String schedule, String timeZone,
                          Integer maxRunSeconds, String plugin, List<String> args, Integer intervalSeconds,
                          Integer timeoutMs, List<String> regions, Integer confirmations, List<UUID> alertChannelIds,
                          List<UUID> tagIds, UUID groupId, Boolean paused, List<JsonNode> steps, Integer packetCount,
                          Integer maxPacketLossPercent, String payload, String payloadEncoding, String tlsMode) {
        this(name, type, url, method, headers, body, followRedirects, assertions, degradedAboveMs, host, port,
                recordType, resolver, minDaysValid, periodSeconds, graceSeconds, schedule, timeZone, maxRunSeconds,
                plugin, args, intervalSeconds, timeoutMs, regions, confirmations, alertChannelIds, tagIds, groupId,
                paused, steps, null, packetCount, maxPacketLossPercent, payload, payloadEncoding, tlsMode);
    }

    /** A request of the types without steps. */
    public MonitorRequest(String name, String type, String url, String method, Map<String, String> headers,
                          String body, Boolean followRedirects, List<Assertion> assertions, Integer degradedAboveMs,
                          String host, Integer port, String recordType, String resolver, Integer minDaysValid,
                          Integer periodSeconds, Integer graceSeconds, String schedule, String timeZone,
                          Integer maxRunSeconds, String plugin, List<String> args, Integer intervalSeconds,
                          Integer timeoutMs, List<String> regions, Integer confirmations, List<UUID> alertChannelIds,
                          List<UUID> tagIds, UUID groupId, Boolean paused) {
        this(name, type, url, method, headers, body, followRedirects, assertions, degradedAboveMs, host, port,
                recordType, resolver, minDaysValid, periodSeconds, graceSeconds, schedule, timeZone, maxRunSeconds,
                plugin, args, intervalSeconds, timeoutMs, regions, confirmations, alertChannelIds, tagIds, groupId,
                paused, (List<JsonNode>) null);
    }

    /** A request of the types without steps, and without a heartbeat schedule. */
    public MonitorRequest(String name, String type, String url, String method, Map<String, String> headers,
                          String body, Boolean followRedirects, List<Assertion> assertions, Integer degradedAboveMs,
                          String host, Integer port, String recordType, String resolver, Integer minDaysValid,
                          Integer periodSeconds, Integer graceSeconds, String plugin, List<String> args,
                          Integer intervalSeconds, Integer timeoutMs, List<String> regions, Integer confirmations,
                          List<UUID> alertChannelIds, List<UUID> tagIds, UUID groupId, Boolean paused) {
        this(name, type, url, method, headers, body, followRedirects, assertions, degradedAboveMs, host, port,
                recordType, resolver, minDaysValid, periodSeconds, graceSeconds, null, null, null, plugin, args,
                intervalSeconds, timeoutMs, regions, confirmations, alertChannelIds, tagIds, groupId, paused,
                (List<JsonNode>) null);
    }
}
