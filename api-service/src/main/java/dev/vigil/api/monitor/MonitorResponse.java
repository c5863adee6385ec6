package dev.vigil.api.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.common.check.Assertion;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A monitor as docs/api.md shows it: the common fields and those of its type; fields of other types are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MonitorResponse(UUID id, String name, String type,
                              // HTTP
                              String url, String method, Map<String, String> headers, String body,
                              Boolean followRedirects,
                              // TCP, DNS, TLS
                              String host, Integer port, String recordType, String resolver, Integer minDaysValid,
                              // HEARTBEAT
                              Integer periodSeconds, Integer graceSeconds, String schedule, String timeZone,
                              Integer maxRunSeconds,
                              @Schema(description = "HEARTBEAT: where the job pings (GET or POST; /fail for an "
                                      + "explicit failure)", example = "https://vigil.example/ping/hb_8fJ2...")
                              String pingUrl,
                              // PLUGIN
                              String plugin, List<String> args,
                              // HTTP, DNS, UDP
                              List<Assertion> assertions,
                              // every type
                              Integer degradedAboveMs, int intervalSeconds, Integer timeoutMs, List<String> regions,
                              int confirmations, List<UUID> alertChannelIds,
                              @Schema(description = "The ids of its tags") List<UUID> tagIds,
                              @Schema(description = "Its tags, by name, for display") List<TagLabel> tags,
                              @Schema(description = "Its group, or absent when ungrouped") UUID groupId,
                              boolean paused,
                              @Schema(description = "PENDING, UP, DEGRADED, DOWN or PAUSED") String status,
                              Instant createdAt, Instant updatedAt,
                              @Schema(description = "Checks the probes skipped in the last 24 hours (one per region "
                                      + "and round): jobs dropped because probes could not keep up. Those rounds "
                                      + "count as no data in uptime, not as uptime.")
                              int skippedChecks,
                              @Schema(description = "The most recent skipped round; absent when none is on record")
                              Instant lastSkippedAt,
                              // API_STEPS, BROWSER
                              @Schema(description = "API_STEPS, BROWSER: the steps (values redacted for viewers)")
                              List<?> steps,
                              @Schema(description = "Probed types: its own alert noise settings; absent, or a field "
                                      + "of it absent: the deployment's")
                              NoiseSettings noise,
                              @Schema(description = "Changing between up and down too often (flap detection): "
                                      + "its incident is held open and alerts wait until it settles")
                              boolean flapping,
                              // PING, UDP, SMTP, IMAP, POP3 (issue 17)
                              Integer packetCount, Integer maxPacketLossPercent,
                              @Schema(description = "UDP: what is sent (redacted for viewers)") String payload,
                              String payloadEncoding, String tlsMode,
                              // WEBSOCKET (with url, headers), GRPC and DATABASE (with host, port)
                              @Schema(description = "WEBSOCKET: the message sent once open (redacted for viewers)")
                              String send,
                              String expect, String service, Boolean tls, String engine, String database,
                              @Schema(description = "DATABASE: the user (redacted for viewers)") String username,
                              @Schema(description = "DATABASE: the workspace variable holding the password, as "
                                      + "{{vars.NAME}} (never its value)") String password,
                              String query,

                              @Schema(description = "BROWSER: the monitor's regions whose live probes have no working "
                                      + "Chromium; its checks do not run there, and when that is every region the "
                                      + "monitor is not checked at all (its status stays as it was, not DOWN)")
                              List<String> unavailableIn) {

    /** A tag as a monitor shows it. */
    public record TagLabel(UUID id, String name, String color) {
    }
}
