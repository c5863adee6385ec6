package dev.vigil.api.apply;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.api.monitor.NoiseSettings;
import dev.vigil.common.check.Assertion;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A workspace as a document ({@code vigil.yaml}, JSON on the wire), the input of {@code POST /api/v1/apply} and the
 * output of {@code GET /api/v1/export}. Every object has a {@code key}, stable across edits, by which it is matched
 * with what the workspace holds; objects refer to each other by key. Secrets (a channel's secret fields, a page's
 * password) are written in files as {@code {"env": "NAME"}} and resolved by the client before sending: the server
 * never reads files, and a resolved secret is never written back into one.
 *
 * @param version the document format, 1
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VigilDocument(@JsonProperty("$schema") String schema, Integer version,
                            List<ChannelSpec> alertChannels, List<MonitorSpec> monitors,
                            List<StatusPageSpec> statusPages, List<MaintenanceSpec> maintenanceWindows) {

    static final int VERSION = 1;

    /** An alert channel; {@code config} as for {@code POST /api/v1/alert-channels}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChannelSpec(String key, String name, String type, Map<String, Object> config, Boolean isDefault) {
    }

    /**
     * A monitor: the fields of {@code POST /api/v1/monitors}, with channels named by key in {@code alertChannels},
     * and its tags and group by name ({@code tags}, {@code group}; created in the workspace when missing). An absent
     * {@code paused} leaves a monitor's pause state as it is (so pausing during an incident survives an apply);
     * {@code true} or {@code false} sets it; likewise an absent {@code tags} or {@code group}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MonitorSpec(String key, String name, String type,
                              String url, String method, Map<String, String> headers, String body,
                              Boolean followRedirects, List<Assertion> assertions, Integer degradedAboveMs,
                              String host, Integer port, String recordType, String resolver, Integer minDaysValid,
                              Integer periodSeconds, Integer graceSeconds, String schedule, String timeZone,
                              Integer maxRunSeconds, String plugin, List<String> args,
                              Integer intervalSeconds, Integer timeoutMs, List<String> regions,
                              Integer confirmations, List<String> alertChannels, Boolean paused,
                              List<JsonNode> steps, NoiseSettings noise,
                              // PING, UDP, SMTP, IMAP, POP3 (issue 17)
                              Integer packetCount, Integer maxPacketLossPercent, String payload,
                              String payloadEncoding, String tlsMode,
                              // named, not keyed (DocumentLabels)
                              List<String> tags, String group,
                              // WEBSOCKET, GRPC, DATABASE (password: a {{vars.NAME}} reference, never a value)
                              String send, String expect, String service, Boolean tls, String engine,
                              String database, String username, String password, String query) {

        /** A monitor of the types without WEBSOCKET, GRPC or DATABASE fields. */
        public MonitorSpec(String key, String name, String type, String url, String method,
                           Map<String, String> headers, String body, Boolean followRedirects,
                           List<Assertion> assertions, Integer degradedAboveMs, String host, Integer port,
                           String recordType, String resolver, Integer minDaysValid, Integer periodSeconds,
                           Integer graceSeconds, String schedule, String timeZone, Integer maxRunSeconds,
                           String plugin, List<String> args, Integer intervalSeconds, Integer timeoutMs,
                           List<String> regions, Integer confirmations, List<String> alertChannels, Boolean paused,
                           List<JsonNode> steps, NoiseSettings noise, Integer packetCount,
                           Integer maxPacketLossPercent, String payload, String payloadEncoding, String tlsMode,
                           List<String> tags, String group) {
            this(key, name, type, url, method, headers, body, followRedirects, assertions, degradedAboveMs, host, port,
                    recordType, resolver, minDaysValid, periodSeconds, graceSeconds, schedule, timeZone,
                    maxRunSeconds, plugin, args, intervalSeconds, timeoutMs, regions, confirmations, alertChannels,
                    paused, steps, noise, packetCount, maxPacketLossPercent, payload, payloadEncoding, tlsMode, tags,
                    group, null, null, null, null, null, null, null, null, null);
        }

        /** A monitor without noise settings of its own, of the types before issue 17's network types. */
        public MonitorSpec(String key, String name, String type, String url, String method,
                           Map<String, String> headers, String body, Boolean followRedirects,
                           List<Assertion> assertions, Integer degradedAboveMs, String host, Integer port,
                           String recordType, String resolver, Integer minDaysValid, Integer periodSeconds,
                           Integer graceSeconds, String schedule, String timeZone, Integer maxRunSeconds,
                           String plugin, List<String> args, Integer intervalSeconds, Integer timeoutMs,
                           List<String> regions, Integer confirmations, List<String> alertChannels, Boolean paused,
                           List<JsonNode> steps) {
            this(key, name, type, url, method, headers, body, followRedirects, assertions, degradedAboveMs, host, port,
                    recordType, resolver, minDaysValid, periodSeconds, graceSeconds, schedule, timeZone,
                    maxRunSeconds, plugin, args, intervalSeconds, timeoutMs, regions, confirmations, alertChannels,
                    paused, steps, null, null, null, null, null, null, null, null);
        }

        /** A monitor with noise settings, of the types before issue 17's network types. */
        public MonitorSpec(String key, String name, String type, String url, String method,
                           Map<String, String> headers, String body, Boolean followRedirects,
                           List<Assertion> assertions, Integer degradedAboveMs, String host, Integer port,
                           String recordType, String resolver, Integer minDaysValid, Integer periodSeconds,
                           Integer graceSeconds, String schedule, String timeZone, Integer maxRunSeconds,
                           String plugin, List<String> args, Integer intervalSeconds, Integer timeoutMs,
                           List<String> regions, Integer confirmations, List<String> alertChannels, Boolean paused,
                           List<JsonNode> steps, NoiseSettings noise) {
            this(key, name, type, url, method, headers, body, followRedirects, assertions, degradedAboveMs, host, port,
                    recordType, resolver, minDaysValid, periodSeconds, graceSeconds, schedule, timeZone,
                    maxRunSeconds, plugin, args, intervalSeconds, timeoutMs, regions, confirmations, alertChannels,
                    paused, steps, noise, null, null, null, null, null, null, null);
        }

        /** A monitor without noise settings of its own, of any type. */
        public MonitorSpec(String key, String name, String type, String url, String method,
                           Map<String, String> headers, String body, Boolean followRedirects,
                           List<Assertion> assertions, Integer degradedAboveMs, String host, Integer port,
                           String recordType, String resolver, Integer minDaysValid, Integer periodSeconds,
                           Integer graceSeconds, String schedule, String timeZone, Integer maxRunSeconds,
                           String plugin, List<String> args, Integer intervalSeconds, Integer timeoutMs,
                           List<String> regions, Integer confirmations, List<String> alertChannels, Boolean paused,
                           List<JsonNode> steps, Integer packetCount, Integer maxPacketLossPercent,
                           String payload, String payloadEncoding, String tlsMode) {
            this(key, name, type, url, method, headers, body, followRedirects, assertions, degradedAboveMs, host, port,
                    recordType, resolver, minDaysValid, periodSeconds, graceSeconds, schedule, timeZone,
                    maxRunSeconds, plugin, args, intervalSeconds, timeoutMs, regions, confirmations, alertChannels,
                    paused, steps, null, packetCount, maxPacketLossPercent, payload, payloadEncoding, tlsMode,
                    null, null);
        }
    }

    /**
     * A status page; components name monitors by key. {@code password} absent means a page without one; in a file
     * it is an environment reference, resolved by the client.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StatusPageSpec(String key, String slug, String title, String description, String logoUrl,
                                 String customDomain, Object password, List<String> allowedIps,
                                 List<ComponentSpec> components) {
    }

    /** One component of a page: a public name for a monitor (by key), optionally in a group. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ComponentSpec(String name, String monitor, String group) {
    }

    /** A maintenance window over monitors named by key; times are ISO-8601 with an offset. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MaintenanceSpec(String key, String title, String description, List<String> monitors,
                                  String startsAt, String endsAt, String recurrence, String timeZone,
                                  String checks) {
    }
}
