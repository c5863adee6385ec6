package dev.vigil.api.monitor;

import dev.vigil.api.account.WorkspaceLocks;
import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.NotFoundException;
import dev.vigil.api.web.StoredTime;
import dev.vigil.common.check.MonitorType;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every change to a monitor, each in one transaction with its audit entry. The scheduler hears of changes that
 * matter to it from the database itself (the trigger of V1 NOTIFYs {@code monitor_changed} when the definition,
 * interval, regions or pause state change, and on insert and delete), so nothing here has to remember to tell it.
 */
@Component
public class MonitorEditor {

    private static final Logger log = LoggerFactory.getLogger(MonitorEditor.class);

    private final MonitorRepository monitors;
    private final MonitorDefinitions definitions;
    private final MonitorChannelLinks links;
    private final MonitorLabels labels;
    private final MonitorViews views;
    private final PingTokens pingTokens;
    private final MonitorProperties limits;
    private final WorkspaceLocks locks;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;

    MonitorEditor(MonitorRepository monitors, MonitorDefinitions definitions, MonitorChannelLinks links,
                  MonitorLabels labels, MonitorViews views, PingTokens pingTokens, MonitorProperties limits,
                  WorkspaceLocks locks,
                  AuditLog audit, JsonMapper json, Clock clock) {
        this.monitors = monitors;
        this.definitions = definitions;
        this.links = links;
        this.labels = labels;
        this.views = views;
        this.pingTokens = pingTokens;
        this.limits = limits;
        this.locks = locks;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public MonitorResponse create(ApiPrincipal caller, MonitorRequest request) {
        MonitorDefinition definition = definitions.definitionOf(caller.workspaceId(), request, true);
        locks.lock(caller.workspaceId());
        if (monitors.countByWorkspaceId(caller.workspaceId()) >= limits.maxPerWorkspace()) {
            throw new ConflictException("Too many monitors", "This workspace has " + limits.maxPerWorkspace()
                    + " monitors, the most it may have; delete one first.");
        }
        Instant now = StoredTime.now(clock);
        Monitor monitor = new Monitor(caller.workspaceId(), definition, now);
        if (monitor.getType() == MonitorType.HEARTBEAT) {
            monitor.usePingToken(pingTokens.next(), now);
        }
        monitors.saveAndFlush(monitor);
        links.replace(monitor.getId(), caller.workspaceId(), definition.alertChannelIds());
        labels.replaceTags(monitor.getId(), caller.workspaceId(), definition.tagIds());
        MonitorResponse created = views.of(monitor, caller);
        audit.record(caller.workspaceId(), Actor.of(caller), "monitor.created", "MONITOR", monitor.getId(),
                MonitorChanges.snapshot(created));
        log.info("monitor created workspace={} monitor={} type={}", caller.workspaceId(), monitor.getId(),
                monitor.getType());
        return created;
    }

    @Transactional
    public MonitorResponse replace(ApiPrincipal caller, UUID id, MonitorRequest request) {
        Monitor monitor = load(caller, id);
        MonitorDefinition definition = definitions.definitionOf(caller.workspaceId(), request, false);
        MonitorResponse before = views.of(monitor, caller);
        Instant now = StoredTime.now(clock);
        monitor.apply(definition, now);
        if (monitor.getType() == MonitorType.HEARTBEAT && monitor.getPingToken() == null) {
            monitor.usePingToken(pingTokens.next(), now);
        } else if (monitor.getType() != MonitorType.HEARTBEAT && monitor.getPingToken() != null) {
            monitor.usePingToken(null, now);
        }
        monitors.saveAndFlush(monitor);
        links.replace(monitor.getId(), caller.workspaceId(), definition.alertChannelIds());
        labels.replaceTags(monitor.getId(), caller.workspaceId(), definition.tagIds());
        MonitorResponse after = views.of(monitor, caller);
        Map<String, Object> diff = MonitorChanges.diff(json, before, after);
        if (!((Map<?, ?>) diff.get("changes")).isEmpty()) {
            audit.record(caller.workspaceId(), Actor.of(caller), "monitor.updated", "MONITOR", id, diff);
        }
        log.info("monitor updated workspace={} monitor={}", caller.workspaceId(), id);
        return after;
    }

    @Transactional
    public void delete(ApiPrincipal caller, UUID id) {
        Monitor monitor = load(caller, id);
        MonitorResponse before = views.of(monitor, caller);
        monitors.delete(monitor);
        monitors.flush();
        audit.record(caller.workspaceId(), Actor.of(caller), "monitor.deleted", "MONITOR", id,
                MonitorChanges.snapshot(before));
        log.info("monitor deleted workspace={} monitor={}", caller.workspaceId(), id);
    }

    /** Pause or resume; doing it twice is harmless and recorded once. */
    @Transactional
    public MonitorResponse setPaused(ApiPrincipal caller, UUID id, boolean paused) {
        Monitor monitor = load(caller, id);
        if (monitor.setPaused(paused, StoredTime.now(clock))) {
            monitors.saveAndFlush(monitor);
            audit.record(caller.workspaceId(), Actor.of(caller), paused ? "monitor.paused" : "monitor.resumed",
                    "MONITOR", id, Map.of("name", monitor.getName()));
            log.info("monitor {} workspace={} monitor={}", paused ? "paused" : "resumed", caller.workspaceId(), id);
        }
        return views.of(monitor, caller);
    }

    /** A new ping URL for a heartbeat whose URL leaked; the old one stops counting at once. */
    @Transactional
    MonitorResponse rotatePingToken(ApiPrincipal caller, UUID id) {
        Monitor monitor = load(caller, id);
        if (monitor.getType() != MonitorType.HEARTBEAT) {
            throw new ConflictException("Not a heartbeat", "Only HEARTBEAT monitors have a ping URL.");
        }
        monitor.usePingToken(pingTokens.next(), StoredTime.now(clock));
        monitors.saveAndFlush(monitor);
        audit.record(caller.workspaceId(), Actor.of(caller), "monitor.ping_url_rotated", "MONITOR", id,
                Map.of("name", monitor.getName()));
        return views.of(monitor, caller);
    }

    private Monitor load(ApiPrincipal caller, UUID id) {
        return monitors.findByIdAndWorkspaceId(id, caller.workspaceId())
                .orElseThrow(() -> new NotFoundException("monitor"));
    }
}
