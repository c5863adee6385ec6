package dev.vigil.api.apply;

import dev.vigil.api.account.WorkspaceLocks;
import dev.vigil.api.apply.VigilDocument.ChannelSpec;
import dev.vigil.api.apply.VigilDocument.MaintenanceSpec;
import dev.vigil.api.apply.VigilDocument.MonitorSpec;
import dev.vigil.api.apply.VigilDocument.StatusPageSpec;
import dev.vigil.api.channel.ChannelRequest;
import dev.vigil.api.channel.Channels;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.maintenance.MaintenanceRequest;
import dev.vigil.api.maintenance.MaintenanceView;
import dev.vigil.api.maintenance.MaintenanceWindows;
import dev.vigil.api.monitor.MonitorBatch;
import dev.vigil.api.monitor.MonitorRequest;
import dev.vigil.api.statuspage.StatusPageRequest;
import dev.vigil.api.statuspage.StatusPages;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Plans and applies a document, all or nothing, in one transaction under the workspace lock:
 * <ol>
 *   <li>the document as a whole ({@link DocumentRules}): keys, references, unresolved secrets;</li>
 *   <li>alert channels, then monitors (which name channels, and tags and a group by name: {@link DocumentLabels}),
 *       then status pages and maintenance windows (which name monitors): each object matched to a stored one by key
 *       ({@link KeyIndex}), compared, and created or updated through its feature's own service, so validation,
 *       quotas and audit entries are the API's;</li>
 *   <li>with prune, the managed objects the document no longer names are deleted, dependents first;</li>
 *   <li>the keys of created and adopted objects are recorded.</li>
 * </ol>
 * A dry run does the same work and rolls it back, so its plan has passed every rule the apply would meet.
 * Every problem of a phase is reported at once, named by its path in the document.
 */
@Component
public class DocumentApplier {

    private static final Logger log = LoggerFactory.getLogger(DocumentApplier.class);

    private final WorkspaceLocks locks;
    private final ManagedKeys keys;
    private final Channels channels;
    private final MonitorBatch monitors;
    private final StatusPages pages;
    private final MaintenanceWindows windows;
    private final DocumentLabels labels;

    DocumentApplier(WorkspaceLocks locks, ManagedKeys keys, Channels channels, MonitorBatch monitors,
                    StatusPages pages, MaintenanceWindows windows, DocumentLabels labels) {
        this.locks = locks;
        this.keys = keys;
        this.channels = channels;
        this.monitors = monitors;
        this.pages = pages;
        this.windows = windows;
        this.labels = labels;
    }

    @Transactional
    public Plan apply(ApiPrincipal caller, VigilDocument document, boolean dryRun, boolean prune) {
        UUID workspace = caller.workspaceId();
        locks.lock(workspace);
        keys.forgetDeleted(workspace);
        List<ChannelSpec> channelSpecs = orEmpty(document.alertChannels());
        List<MonitorSpec> monitorSpecs = orEmpty(document.monitors());
        List<StatusPageSpec> pageSpecs = orEmpty(document.statusPages());
        List<MaintenanceSpec> windowSpecs = orEmpty(document.maintenanceWindows());

        // 1. The document as a whole.
        FieldProblems problems = new FieldProblems();
        DocumentRules.checkVersion(problems, document);
        DocumentRules.checkKeys(problems, ObjectKind.ALERT_CHANNEL, channelSpecs, ChannelSpec::key);
        DocumentRules.checkKeys(problems, ObjectKind.MONITOR, monitorSpecs, MonitorSpec::key);
        DocumentRules.checkKeys(problems, ObjectKind.STATUS_PAGE, pageSpecs, StatusPageSpec::key);
        DocumentRules.checkKeys(problems, ObjectKind.MAINTENANCE, windowSpecs, MaintenanceSpec::key);
        problems.throwIfAny();
        KeyIndex channelIndex = index(workspace, ObjectKind.ALERT_CHANNEL, prune, channelSpecs, ChannelSpec::key);
        KeyIndex monitorIndex = index(workspace, ObjectKind.MONITOR, prune, monitorSpecs, MonitorSpec::key);
        KeyIndex pageIndex = index(workspace, ObjectKind.STATUS_PAGE, prune, pageSpecs, StatusPageSpec::key);
        KeyIndex windowIndex = index(workspace, ObjectKind.MAINTENANCE, prune, windowSpecs, MaintenanceSpec::key);
        checkReferences(problems, channelSpecs, monitorSpecs, pageSpecs, windowSpecs, channelIndex, monitorIndex);
        problems.throwIfAny();

        // 2. Creates and updates, kind by kind.
        PlanBuilder plan = new PlanBuilder(prune);
        applyChannels(caller, channelSpecs, channelIndex, plan, problems);
        problems.throwIfAny();
        applyMonitors(caller, monitorSpecs, monitorIndex, channelIndex, plan, problems);
        problems.throwIfAny();
        applyPages(caller, pageSpecs, pageIndex, monitorIndex, plan, problems);
        applyWindows(caller, windowSpecs, windowIndex, monitorIndex, plan, problems);
        problems.throwIfAny();

        // 3. Prune, dependents first.
        if (prune) {
            prune(caller, windowIndex, pageIndex, monitorIndex, channelIndex, plan);
        }
        // 4. Keys of what was created or adopted.
        for (KeyIndex index : List.of(channelIndex, monitorIndex, pageIndex, windowIndex)) {
            keys.put(workspace, index.kind, plan.newKeys(index.kind));
        }
        Plan result = plan.build(!dryRun);
        if (dryRun) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
        } else {
            log.info("document applied workspace={} create={} update={} delete={} unchanged={}", workspace,
                    result.summary().create(), result.summary().update(), result.summary().delete(),
                    result.summary().unchanged());
        }
        return result;
    }

    private <T> KeyIndex index(UUID workspace, ObjectKind kind, boolean prune, List<T> specs,
                               java.util.function.Function<T, String> key) {
        return new KeyIndex(kind, prune, specs, key, keys.managed(workspace, kind), keys.existing(workspace, kind));
    }

    private static void checkReferences(FieldProblems problems, List<ChannelSpec> channelSpecs,
                                        List<MonitorSpec> monitorSpecs, List<StatusPageSpec> pageSpecs,
                                        List<MaintenanceSpec> windowSpecs, KeyIndex channelIndex,
                                        KeyIndex monitorIndex) {
        for (int i = 0; i < channelSpecs.size(); i++) {
            if (channelSpecs.get(i).config() != null) {
                String path = "alertChannels[" + i + "].config";
                channelSpecs.get(i).config().forEach((field, value) ->
                        DocumentRules.checkResolved(problems, path + "." + field, value));
            }
        }
        for (int i = 0; i < monitorSpecs.size(); i++) {
            DocumentLabels.check(problems, "monitors[" + i + "]", monitorSpecs.get(i).tags(),
                    monitorSpecs.get(i).group());
            List<String> refs = orEmpty(monitorSpecs.get(i).alertChannels());
            for (int j = 0; j < refs.size(); j++) {
                DocumentRules.checkReference(problems, "monitors[" + i + "].alertChannels[" + j + "]", refs.get(j),
                        channelIndex);
            }
        }
        for (int i = 0; i < pageSpecs.size(); i++) {
            StatusPageSpec page = pageSpecs.get(i);
            DocumentRules.checkResolved(problems, "statusPages[" + i + "].password", page.password());
            if (page.password() != null && !(page.password() instanceof String)
                    && !problems.has("statusPages[" + i + "].password")) {
                problems.add("statusPages[" + i + "].password", "password must be a string");
            }
            List<VigilDocument.ComponentSpec> components = orEmpty(page.components());
            for (int j = 0; j < components.size(); j++) {
                if (components.get(j) != null) {
                    DocumentRules.checkReference(problems, "statusPages[" + i + "].components[" + j + "].monitor",
                            components.get(j).monitor(), monitorIndex);
                }
            }
        }
        for (int i = 0; i < windowSpecs.size(); i++) {
            List<String> refs = orEmpty(windowSpecs.get(i).monitors());
            for (int j = 0; j < refs.size(); j++) {
                DocumentRules.checkReference(problems, "maintenanceWindows[" + i + "].monitors[" + j + "]",
                        refs.get(j), monitorIndex);
            }
        }
    }

    private void applyChannels(ApiPrincipal caller, List<ChannelSpec> specs, KeyIndex index, PlanBuilder plan,
                               FieldProblems problems) {
        for (int i = 0; i < specs.size(); i++) {
            ChannelSpec spec = specs.get(i);
            String path = "alertChannels[" + i + "]";
            ChannelRequest request = new ChannelRequest(spec.name(), spec.type(), spec.config(),
                    Boolean.TRUE.equals(spec.isDefault()));
            UUID id = index.match(spec.key());
            if (id == null) {
                var created = attempt(problems, path, UnaryOperator.identity(), () -> channels.create(caller, request));
                if (created != null) {
                    UUID newId = UUID.fromString(created.id());
                    index.resolved(spec.key(), newId);
                    plan.create(index.kind, spec.key(), path, newId, spec.name());
                }
                continue;
            }
            index.resolved(spec.key(), id);
            List<String> changed = attempt(problems, path, UnaryOperator.identity(),
                    () -> channels.differences(caller, id, request));
            if (changed != null && !changed.isEmpty()) {
                attempt(problems, path, UnaryOperator.identity(), () -> channels.replace(caller, id, request));
            }
            plan.matched(index.kind, spec.key(), path, id, spec.name(), changed, index.adopts(spec.key()));
        }
    }

    private void applyMonitors(ApiPrincipal caller, List<MonitorSpec> specs, KeyIndex index, KeyIndex channelIndex,
                               PlanBuilder plan, FieldProblems problems) {
        Map<UUID, MonitorBatch.Prepared> current = monitors.current(caller.workspaceId());
        Map<UUID, DocumentLabels.Labels> currentLabels = labels.current(caller.workspaceId());
        List<MonitorBatch.Prepared> toCreate = new ArrayList<>();
        List<Integer> createdAt = new ArrayList<>();
        Map<UUID, MonitorBatch.Prepared> toUpdate = new LinkedHashMap<>();
        Map<UUID, List<String>> changedFields = new LinkedHashMap<>();
        // Spec index → monitor id, of the monitors whose tags or group the document sets anew.
        Map<Integer, UUID> toLabel = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            MonitorSpec spec = specs.get(i);
            String path = "monitors[" + i + "]";
            List<UUID> channelIds = List.copyOf(orEmpty(spec.alertChannels()).stream().map(channelIndex::resolve)
                    .collect(Collectors.toCollection(LinkedHashSet::new)));
            MonitorBatch.Prepared prepared = attempt(problems, path, UnaryOperator.identity(),
                    () -> monitors.prepare(caller.workspaceId(), request(spec), channelIds));
            if (prepared == null) {
                continue;
            }
            UUID id = index.match(spec.key());
            if (id == null) {
                toCreate.add(prepared);
                createdAt.add(i);
                continue;
            }
            index.resolved(spec.key(), id);
            List<String> changed = monitors.changes(current.get(id), prepared);
            if (!changed.isEmpty()) {
                toUpdate.put(id, prepared);
                changedFields.put(id, changed);
            }
            List<String> relabelled = DocumentLabels.changes(currentLabels.get(id), spec.tags(), spec.group());
            if (!relabelled.isEmpty()) {
                toLabel.put(i, id);
            }
            List<String> all = new ArrayList<>(changed);
            all.addAll(relabelled);
            plan.matched(index.kind, spec.key(), path, id, prepared.name(), all, index.adopts(spec.key()));
        }
        if (!problems.isEmpty()) {
            return;
        }
        int deleting = index.prune ? index.unnamed().size() : 0;
        List<UUID> ids = monitors.create(caller, toCreate, deleting);
        for (int n = 0; n < ids.size(); n++) {
            MonitorSpec spec = specs.get(createdAt.get(n));
            index.resolved(spec.key(), ids.get(n));
            plan.create(index.kind, spec.key(), "monitors[" + createdAt.get(n) + "]", ids.get(n),
                    toCreate.get(n).name());
            if (spec.tags() != null || spec.group() != null) {
                toLabel.put(createdAt.get(n), ids.get(n));
            }
        }
        monitors.update(caller, toUpdate, changedFields);
        toLabel.forEach((i, id) -> attempt(problems, "monitors[" + i + "]", UnaryOperator.identity(),
                () -> {
                    labels.apply(caller, id, specs.get(i).tags(), specs.get(i).group());
                    return id;
                }));
    }

    /** Tags and group are named in a document, not by id: DocumentLabels sets them once the monitor exists. */
    private static MonitorRequest request(MonitorSpec s) {
        return new MonitorRequest(s.name(), s.type(), s.url(), s.method(), s.headers(), s.body(), s.followRedirects(),
                s.assertions(), s.degradedAboveMs(), s.host(), s.port(), s.recordType(), s.resolver(),
                s.minDaysValid(), s.periodSeconds(), s.graceSeconds(), s.schedule(),
                s.timeZone(), s.maxRunSeconds(), s.plugin(), s.args(), s.intervalSeconds(),
                s.timeoutMs(), s.regions(), s.confirmations(), null, null, null, s.paused(), s.steps(), s.noise(),
                s.packetCount(), s.maxPacketLossPercent(), s.payload(), s.payloadEncoding(), s.tlsMode(),
                s.send(), s.expect(), s.service(), s.tls(), s.engine(), s.database(), s.username(), s.password(),
                s.query());
    }

    private void applyPages(ApiPrincipal caller, List<StatusPageSpec> specs, KeyIndex index, KeyIndex monitorIndex,
                            PlanBuilder plan, FieldProblems problems) {
        // The request names monitors by id where the document names them by key.
        UnaryOperator<String> field = f -> f.replaceAll("\\.monitorId$", ".monitor");
        for (int i = 0; i < specs.size(); i++) {
            StatusPageSpec spec = specs.get(i);
            String path = "statusPages[" + i + "]";
            List<StatusPageRequest.ComponentRequest> components = spec.components() == null ? null
                    : spec.components().stream().map(c -> c == null ? null : new StatusPageRequest.ComponentRequest(
                    c.name(), c.monitor() == null ? null : monitorIndex.resolve(c.monitor()), c.group(), null)).toList();
            String password = spec.password() instanceof String text ? text : "";
            StatusPageRequest request = new StatusPageRequest(spec.slug(), spec.title(), spec.description(),
                    spec.logoUrl(), spec.customDomain(), password, spec.allowedIps(), components, null);
            UUID id = index.match(spec.key());
            if (id == null) {
                var created = attempt(problems, path, field, () -> pages.create(caller, request));
                if (created != null) {
                    index.resolved(spec.key(), created.id());
                    plan.create(index.kind, spec.key(), path, created.id(), spec.title());
                }
                continue;
            }
            index.resolved(spec.key(), id);
            List<String> changed = attempt(problems, path, field, () -> pages.differences(caller, id, request));
            if (changed != null && !changed.isEmpty()) {
                attempt(problems, path, field, () -> pages.replace(caller, id, request));
            }
            plan.matched(index.kind, spec.key(), path, id, spec.title(), changed, index.adopts(spec.key()));
        }
    }

    private void applyWindows(ApiPrincipal caller, List<MaintenanceSpec> specs, KeyIndex index,
                              KeyIndex monitorIndex, PlanBuilder plan, FieldProblems problems) {
        UnaryOperator<String> field = f -> f.replaceAll("^monitorIds", "monitors");
        for (int i = 0; i < specs.size(); i++) {
            MaintenanceSpec spec = specs.get(i);
            String path = "maintenanceWindows[" + i + "]";
            // No monitors: an announcement that silences nothing, as with the API.
            List<UUID> monitorIds = orEmpty(spec.monitors()).stream().map(monitorIndex::resolve).toList();
            MaintenanceRequest request = new MaintenanceRequest(spec.title(), spec.description(), monitorIds,
                    spec.startsAt(), spec.endsAt(), spec.recurrence(), spec.timeZone(), spec.checks());
            UUID id = index.match(spec.key());
            if (id == null) {
                MaintenanceView created = attempt(problems, path, field, () -> windows.create(caller, request));
                if (created != null) {
                    index.resolved(spec.key(), created.id());
                    plan.create(index.kind, spec.key(), path, created.id(), spec.title());
                }
                continue;
            }
            index.resolved(spec.key(), id);
            List<String> changed = attempt(problems, path, field, () -> windows.differences(caller, id, request));
            if (changed != null && !changed.isEmpty()) {
                attempt(problems, path, field, () -> windows.replace(caller, id, request));
            }
            plan.matched(index.kind, spec.key(), path, id, spec.title(), changed, index.adopts(spec.key()));
        }
    }

    private void prune(ApiPrincipal caller, KeyIndex windowIndex, KeyIndex pageIndex, KeyIndex monitorIndex,
                       KeyIndex channelIndex, PlanBuilder plan) {
        UUID workspace = caller.workspaceId();
        Map<String, UUID> goneWindows = windowIndex.unnamed();
        if (!goneWindows.isEmpty()) {
            Map<UUID, String> titles = windows.all(workspace).stream()
                    .collect(Collectors.toMap(MaintenanceView::id, MaintenanceView::title));
            goneWindows.forEach((key, id) -> {
                windows.delete(caller, id);
                plan.delete(windowIndex.kind, key, id, titles.get(id));
            });
        }
        pageIndex.unnamed().forEach((key, id) -> {
            String title = pages.get(caller, id).title();
            pages.delete(caller, id);
            plan.delete(pageIndex.kind, key, id, title);
        });
        Map<String, UUID> goneMonitors = monitorIndex.unnamed();
        if (!goneMonitors.isEmpty()) {
            Map<UUID, MonitorBatch.Prepared> current = monitors.current(workspace);
            Map<UUID, String> names = new LinkedHashMap<>();
            goneMonitors.forEach((key, id) -> {
                names.put(id, current.get(id).name());
                plan.delete(monitorIndex.kind, key, id, current.get(id).name());
            });
            monitors.delete(caller, names);
        }
        channelIndex.unnamed().forEach((key, id) -> {
            String name = channels.get(caller, id).name();
            channels.delete(caller, id);
            plan.delete(channelIndex.kind, key, id, name);
        });
        for (KeyIndex index : List.of(windowIndex, pageIndex, monitorIndex, channelIndex)) {
            keys.remove(workspace, index.kind, index.unnamed().keySet());
        }
    }

    /**
     * Runs one object's service call; its 400 becomes problems under the object's path (the call's own field names
     * mapped to the document's), and the phase goes on so every object's problems are reported together. A 409 (a
     * slug taken, a quota full) ends the apply at once: the statement behind it may have failed, which ends the
     * transaction.
     */
    private static <T> T attempt(FieldProblems problems, String path, UnaryOperator<String> field, Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidRequestException e) {
            e.errors().forEach(p -> problems.add(path + "." + field.apply(p.field()), p.message()));
            return null;
        } catch (ConflictException e) {
            problems.add(path, e.getBody().getDetail());
            throw new InvalidRequestException(problems.list());
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
