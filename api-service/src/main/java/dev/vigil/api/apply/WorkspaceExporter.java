package dev.vigil.api.apply;

import dev.vigil.api.apply.VigilDocument.ChannelSpec;
import dev.vigil.api.apply.VigilDocument.ComponentSpec;
import dev.vigil.api.apply.VigilDocument.MaintenanceSpec;
import dev.vigil.api.apply.VigilDocument.MonitorSpec;
import dev.vigil.api.apply.VigilDocument.StatusPageSpec;
import dev.vigil.api.channel.ChannelView;
import dev.vigil.api.channel.Channels;
import dev.vigil.api.group.MonitorGroups;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.maintenance.MaintenanceView;
import dev.vigil.api.maintenance.MaintenanceWindows;
import dev.vigil.api.monitor.MonitorRepository;
import dev.vigil.api.monitor.MonitorResponse;
import dev.vigil.api.monitor.MonitorViews;
import dev.vigil.api.statuspage.StatusPageView;
import dev.vigil.api.statuspage.StatusPages;
import dev.vigil.common.channel.ChannelType;
import dev.vigil.common.json.WireJson;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * A workspace as a document that {@link DocumentApplier} accepts: applied to an empty workspace it makes the same
 * objects. Managed objects keep their keys; the others are keyed by their id, which an apply to this workspace
 * adopts. Secrets never leave: a channel's secret fields and a page's password are written as environment
 * references ({@code {"env": "VIGIL_<KEY>_<FIELD>"}}) for the person applying the file to provide. What a VIEWER
 * key cannot read (header values, bodies, plugin arguments) is exported redacted, as the monitors API shows it.
 */
@Component
public class WorkspaceExporter {

    private final ManagedKeys keys;
    private final Channels channels;
    private final MonitorRepository monitors;
    private final MonitorViews views;
    private final StatusPages pages;
    private final MaintenanceWindows windows;
    private final MonitorGroups groups;

    WorkspaceExporter(ManagedKeys keys, Channels channels, MonitorRepository monitors, MonitorViews views,
                      StatusPages pages, MaintenanceWindows windows, MonitorGroups groups) {
        this.groups = groups;
        this.keys = keys;
        this.channels = channels;
        this.monitors = monitors;
        this.views = views;
        this.pages = pages;
        this.windows = windows;
    }

    @Transactional(readOnly = true)
    public VigilDocument export(ApiPrincipal caller) {
        UUID workspace = caller.workspaceId();
        Map<UUID, String> channelKeys = keysById(workspace, ObjectKind.ALERT_CHANNEL);
        Map<UUID, String> monitorKeys = keysById(workspace, ObjectKind.MONITOR);
        Map<UUID, String> pageKeys = keysById(workspace, ObjectKind.STATUS_PAGE);
        Map<UUID, String> windowKeys = keysById(workspace, ObjectKind.MAINTENANCE);

        List<ChannelSpec> channelSpecs = channels.list(caller).stream()
                .map(c -> channel(c, key(channelKeys, UUID.fromString(c.id())))).toList();
        // A group by its own name: an apply finds it by that name again (a top-level group first).
        Map<UUID, String> groupNames = new HashMap<>();
        groups.list(caller).forEach(g -> groupNames.put(g.id(), g.name()));
        List<MonitorResponse> found = views.of(monitors.findByWorkspaceId(workspace,
                Pageable.unpaged(Sort.by("createdAt", "id"))).getContent(), caller);
        List<MonitorSpec> monitorSpecs = found.stream()
                .map(m -> monitor(m, key(monitorKeys, m.id()), m.alertChannelIds().stream()
                        .map(id -> key(channelKeys, id)).toList(), groupNames)).toList();
        List<StatusPageSpec> pageSpecs = pages.list(caller).stream()
                .map(p -> page(p, key(pageKeys, p.id()), monitorKeys)).toList();
        List<MaintenanceSpec> windowSpecs = windows.all(workspace).reversed().stream()
                .map(w -> new MaintenanceSpec(key(windowKeys, w.id()), w.title(), blankToNull(w.description()),
                        keys(w.monitorIds(), monitorKeys), w.startsAt().toString(), w.endsAt().toString(),
                        w.recurrence(), w.timeZone(), w.checks()))
                .toList();
        return new VigilDocument(null, VigilDocument.VERSION, channelSpecs, monitorSpecs, pageSpecs, windowSpecs);
    }

    private static ChannelSpec channel(ChannelView channel, String key) {
        ChannelType type = ChannelType.fromName(channel.type());
        Map<String, Object> config = new LinkedHashMap<>();
        channel.config().forEach((field, value) -> config.put(field, type != null && type.isSecret(field)
                ? envReference(key, field) : value));
        return new ChannelSpec(key, channel.name(), channel.type(), config, channel.isDefault() ? true : null);
    }

    private static MonitorSpec monitor(MonitorResponse m, String key, List<String> channelKeys,
                                       Map<UUID, String> groupNames) {
        boolean heartbeat = "HEARTBEAT".equals(m.type());
        return new MonitorSpec(key, m.name(), m.type(), m.url(), m.method(), emptyToNull(m.headers()), m.body(),
                m.followRedirects(), emptyToNull(m.assertions()), m.degradedAboveMs(), m.host(), m.port(),
                m.recordType(), m.resolver(), m.minDaysValid(), m.periodSeconds(), m.graceSeconds(), m.schedule(),
                m.timeZone(), m.maxRunSeconds(), m.plugin(),
                emptyToNull(m.args()), heartbeat ? null : m.intervalSeconds(), m.timeoutMs(),
                heartbeat ? null : m.regions(), heartbeat ? null : m.confirmations(), emptyToNull(channelKeys),
                m.paused() ? true : null, m.steps() == null || m.steps().isEmpty() ? null
                        : m.steps().stream().map(step -> (JsonNode) WireJson.mapper().valueToTree(step)).toList(),
                m.noise(),
                m.packetCount(), m.maxPacketLossPercent(), m.payload(), m.payloadEncoding(), m.tlsMode(),
                m.tags() == null || m.tags().isEmpty() ? null
                        : m.tags().stream().map(MonitorResponse.TagLabel::name).toList(),
                m.groupId() == null ? null : groupNames.get(m.groupId()),
                m.send(), m.expect(), m.service(), m.tls(), m.engine(), m.database(), m.username(),
                m.password(), m.query());
    }

    private static StatusPageSpec page(StatusPageView p, String key, Map<UUID, String> monitorKeys) {
        List<ComponentSpec> components = p.components().stream()
                .map(c -> new ComponentSpec(c.name(), key(monitorKeys, c.monitorId()), c.group())).toList();
        return new StatusPageSpec(key, p.slug(), p.title(), blankToNull(p.description()), p.logoUrl(),
                p.customDomain(), p.passwordProtected() ? envReference(key, "password") : null,
                emptyToNull(p.allowedIps()), components);
    }

    /** {@code {"env": "VIGIL_OPS_HOOK_SECRET"}} for key {@code ops-hook}, field {@code secret}. */
    static Map<String, String> envReference(String key, String field) {
        String name = ("VIGIL_" + key + "_" + field.replaceAll("([a-z])([A-Z])", "$1_$2"))
                .toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        return Map.of("env", name);
    }

    private Map<UUID, String> keysById(UUID workspace, ObjectKind kind) {
        Map<UUID, String> byId = new HashMap<>();
        keys.managed(workspace, kind).forEach((key, id) -> byId.put(id, key));
        return byId;
    }

    private static String key(Map<UUID, String> keys, UUID id) {
        return keys.getOrDefault(id, id.toString());
    }

    private static List<String> keys(List<UUID> ids, Map<UUID, String> keys) {
        return ids.stream().map(id -> key(keys, id)).toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static <T extends Collection<?>> T emptyToNull(T values) {
        return values == null || values.isEmpty() ? null : values;
    }

    private static <K, V> Map<K, V> emptyToNull(Map<K, V> values) {
        return values == null || values.isEmpty() ? null : values;
    }
}
