package dev.vigil.api.monitor;

import dev.vigil.common.check.Assertion;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A monitor as API.md writes it: common fields plus the fields of its type, flat. Unknown fields are refused by the
 * JSON reader; which fields a type needs is checked by {@link MonitorDefinitions}.
 */
public record MonitorRequest(String name, String type,
                             // HTTP
                             String url, String method, Map<String, String> headers, String body,
                             Boolean followRedirects, List<Assertion> assertions, Integer degradedAboveMs,
                             // TCP, DNS, TLS
                             String host, Integer port, String recordType, String resolver, Integer minDaysValid,
                             // HEARTBEAT
                             Integer periodSeconds, Integer graceSeconds,
                             // PLUGIN
                             String plugin, List<String> args,
                             // every type
                             Integer intervalSeconds, Integer timeoutMs, List<String> regions,
                             Integer confirmations, List<UUID> alertChannelIds, Boolean paused) {
}
