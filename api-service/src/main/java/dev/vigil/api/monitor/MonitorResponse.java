package dev.vigil.api.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.common.check.Assertion;
import dev.vigil.common.check.HttpCheck;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A monitor as API.md shows it; fields of other types are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MonitorResponse(UUID id, String name, String type, String url, String method,
                              Map<String, String> headers, String body, Boolean followRedirects,
                              List<Assertion> assertions, Integer degradedAboveMs, int intervalSeconds,
                              int timeoutMs, List<String> regions, int confirmations, List<UUID> alertChannelIds,
                              boolean paused, String status, String pingUrl, Instant createdAt, Instant updatedAt) {

    static MonitorResponse of(Monitor monitor) {
        HttpCheck http = monitor.getCheckSpec() instanceof HttpCheck h ? h : null;
        return new MonitorResponse(monitor.getId(), monitor.getName(), monitor.getType().name(),
                http == null ? null : http.url(), http == null ? null : http.method(),
                http == null ? null : http.headers(), http == null ? null : http.body(),
                http == null ? null : http.followRedirects(), http == null ? null : http.assertions(),
                monitor.getDegradedAboveMs(), monitor.getIntervalSeconds(), monitor.getTimeoutMs(),
                monitor.getRegions(), monitor.getConfirmations(), List.of(), monitor.isPaused(), monitor.getStatus(),
                null, monitor.getCreatedAt(), monitor.getUpdatedAt());
    }
}
