package dev.vigil.api.monitor;

import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.monitor.MonitorResponse.TagLabel;
import dev.vigil.api.overload.SkippedChecks;
import dev.vigil.api.web.ApiProperties;
import dev.vigil.common.check.ApiStep;
import dev.vigil.common.check.ApiStepsCheck;
import dev.vigil.common.check.BrowserCheck;
import dev.vigil.common.check.BrowserStep;
import dev.vigil.common.check.DatabaseCheck;
import dev.vigil.common.check.GrpcCheck;
import dev.vigil.common.check.WebSocketCheck;
import dev.vigil.common.check.DnsCheck;
import dev.vigil.common.check.HeartbeatCheck;
import dev.vigil.common.check.HttpCheck;
import dev.vigil.common.check.PluginCheck;
import dev.vigil.common.check.TcpCheck;
import dev.vigil.common.check.TlsCheck;
import dev.vigil.common.fleet.RegionCapabilities;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Builds {@link MonitorResponse}s: the flat API shape of a stored monitor, with its alert channel links and its ping
 * URL. A viewer sees header values, request bodies and plugin arguments redacted: they are where monitors keep
 * credentials for the monitored service, and read-only access to Vigil should not be access to that service.
 */
@Component
public class MonitorViews {

    static final String REDACTED = "(redacted)";
    private static final SkippedChecks.MonitorSkips NO_SKIPS = new SkippedChecks.MonitorSkips(0, null);

    private final MonitorChannelLinks links;
    private final MonitorLabels labels;
    private final SkippedChecks skipped;
    private final ApiProperties api;
    private final Supplier<RegionCapabilities> capabilities;

    MonitorViews(MonitorChannelLinks links, MonitorLabels labels, SkippedChecks skipped, ApiProperties api,
                 Supplier<RegionCapabilities> capabilities) {
        this.capabilities = capabilities;
        this.links = links;
        this.labels = labels;
        this.skipped = skipped;
        this.api = api;
    }

    public MonitorResponse of(Monitor monitor, ApiPrincipal caller) {
        return of(List.of(monitor), caller).getFirst();
    }

    /** A page of monitors with their links, tags and skipped checks in three queries, whatever the page's size. */
    public List<MonitorResponse> of(List<Monitor> monitors, ApiPrincipal caller) {
        List<UUID> ids = monitors.stream().map(Monitor::getId).toList();
        Map<UUID, List<UUID>> all = links.of(ids);
        Map<UUID, List<TagLabel>> tags = labels.tagsOf(ids);
        Map<UUID, SkippedChecks.MonitorSkips> skips = skipped.ofMonitors(ids);
        RegionCapabilities capable = capabilities.get();
        return monitors.stream().map(m -> of(m, all.getOrDefault(m.getId(), List.of()),
                tags.getOrDefault(m.getId(), List.of()), skips.getOrDefault(m.getId(), NO_SKIPS), capable, caller))
                .toList();
    }

    /**
     * A monitor just created in this transaction, as {@link #of(Monitor, ApiPrincipal)} would show it, without the
     * reads that cannot find anything for it: no checks were skipped for an id that did not exist, and links and tags
     * are read (for their order and tag names) only when it has some.
     */
    MonitorResponse ofCreated(Monitor monitor, boolean linked, boolean tagged, ApiPrincipal caller) {
        List<UUID> ids = List.of(monitor.getId());
        List<UUID> channelIds = linked ? links.of(ids).getOrDefault(monitor.getId(), List.of()) : List.of();
        List<TagLabel> tagLabels = tagged ? labels.tagsOf(ids).getOrDefault(monitor.getId(), List.of()) : List.of();
        return of(monitor, channelIds, tagLabels, NO_SKIPS, capabilities.get(), caller);
    }

    String pingUrl(Monitor monitor) {
        return monitor.getPingToken() == null ? null : api.link("/ping/" + monitor.getPingToken());
    }

    private MonitorResponse of(Monitor monitor, List<UUID> channelIds, List<TagLabel> tags,
                               SkippedChecks.MonitorSkips skips, RegionCapabilities capable,
                               ApiPrincipal caller) {
        var spec = monitor.getCheckSpec();
        HttpCheck http = spec instanceof HttpCheck h ? h : null;
        TcpCheck tcp = spec instanceof TcpCheck t ? t : null;
        DnsCheck dns = spec instanceof DnsCheck d ? d : null;
        TlsCheck tls = spec instanceof TlsCheck t ? t : null;
        HeartbeatCheck heartbeat = spec instanceof HeartbeatCheck hb ? hb : null;
        PluginCheck plugin = spec instanceof PluginCheck p ? p : null;
        NetworkFields net = NetworkFields.of(spec);
        WebSocketCheck socket = spec instanceof WebSocketCheck w ? w : null;
        GrpcCheck grpc = spec instanceof GrpcCheck g ? g : null;
        DatabaseCheck db = spec instanceof DatabaseCheck d ? d : null;
        String host = tcp != null ? tcp.host() : dns != null ? dns.host() : tls != null ? tls.host()
                : grpc != null ? grpc.host() : db != null ? db.host() : net.host();
        Integer port = tcp != null ? Integer.valueOf(tcp.port()) : tls != null ? Integer.valueOf(tls.port())
                : grpc != null ? Integer.valueOf(grpc.port()) : db != null ? Integer.valueOf(db.port()) : net.port();
        return new MonitorResponse(monitor.getId(), monitor.getName(), monitor.getType().name(),
                http != null ? http.url() : socket != null ? socket.url() : null, http == null ? null : http.method(),
                http != null ? headers(http.headers(), caller) : socket != null ? headers(socket.headers(), caller)
                        : null,
                http == null || http.body() == null ? null : caller.canWrite() ? http.body() : REDACTED,
                http == null ? null : http.followRedirects(),
                host, port, dns == null ? null : dns.recordType(), dns == null ? null : dns.resolver(),
                tls == null ? net.minDaysValid() : Integer.valueOf(tls.minDaysValid()),
                heartbeat == null ? null : heartbeat.periodSeconds(),
                heartbeat == null ? null : heartbeat.graceSeconds(),
                heartbeat == null ? null : heartbeat.schedule(),
                heartbeat == null ? null : heartbeat.timeZone(),
                heartbeat == null ? null : heartbeat.maxRunSeconds(),
                pingUrl(monitor),
                plugin == null ? null : plugin.plugin(),
                plugin == null ? null : caller.canWrite() ? plugin.args() : plugin.args().stream().map(a -> REDACTED)
                        .toList(),
                http != null ? http.assertions() : dns != null ? dns.assertions() : net.assertions(),
                monitor.getDegradedAboveMs(), monitor.getIntervalSeconds(),
                heartbeat == null ? monitor.getTimeoutMs() : null, monitor.getRegions(), monitor.getConfirmations(),
                channelIds, tags.stream().map(TagLabel::id).toList(), tags, monitor.getGroupId(), monitor.isPaused(),
                monitor.getStatus(), monitor.getCreatedAt(), monitor.getUpdatedAt(), skips.last24h(),
                skips.lastSkippedAt(), steps(spec, caller),
                monitor.getNoise().isDeployment() ? null : monitor.getNoise(), monitor.isFlapping(),
                net.packetCount(), net.maxPacketLossPercent(),
                net.payload() == null || caller.canWrite() ? net.payload() : REDACTED, net.payloadEncoding(),
                net.tlsMode(),
                socket == null || socket.send() == null ? null : caller.canWrite() ? socket.send() : REDACTED,
                socket != null ? socket.expect() : db != null ? db.expect() : null,
                grpc == null ? null : grpc.service(), grpc == null ? null : grpc.tls(),
                db == null || db.engine() == null ? null : db.engine().name(), db == null ? null : db.database(),
                db == null || db.username() == null ? null : caller.canWrite() ? db.username() : REDACTED,
                db == null ? null : db.password(), db == null ? null : db.query(),
                capable.lacking(monitor.getType(), monitor.getRegions()));
    }

    /** A multi-step check's steps; for viewers, header values, bodies and filled-in values are redacted. */
    private static List<?> steps(Object spec, ApiPrincipal caller) {
        if (spec instanceof ApiStepsCheck api) {
            return caller.canWrite() ? api.steps() : api.steps().stream().map(s -> new ApiStep(s.name(), s.url(),
                    s.method(), headers(s.headers(), caller), s.body() == null ? null : REDACTED,
                    s.followRedirects(), s.assertions(), s.extract())).toList();
        }
        if (spec instanceof BrowserCheck browser) {
            return caller.canWrite() ? browser.steps() : browser.steps().stream().map(s -> s.action()
                    == BrowserStep.Action.FILL ? new BrowserStep(s.action(), s.selector(), REDACTED, s.timeoutMs())
                    : s).toList();
        }
        return null;
    }

    private static Map<String, String> headers(Map<String, String> headers, ApiPrincipal caller) {
        if (caller.canWrite()) {
            return new TreeMap<>(headers);
        }
        Map<String, String> redacted = new TreeMap<>();
        headers.keySet().forEach(name -> redacted.put(name, REDACTED));
        return redacted;
    }
}
