package dev.vigil.api.monitor;

import dev.vigil.api.web.FieldProblems;
import dev.vigil.common.check.CheckSpec;
import dev.vigil.common.check.HeartbeatCheck;
import dev.vigil.common.check.HeartbeatSchedule;
import dev.vigil.common.check.MonitorType;
import dev.vigil.common.check.PluginCheck;
import dev.vigil.common.region.RegionProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import dev.vigil.common.plugin.NagiosPluginList;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Turns an API request into validated {@link MonitorDefinition}, collecting every problem at once so a person can fix
 * them in one go.
 *
 * <p>HEARTBEAT monitors are not probed: they have no regions, timeout, confirmations or degraded threshold, and their
 * {@code intervalSeconds} is their {@code periodSeconds} (either may be given; if both, they must agree), so lists
 * and the scheduler see one consistent number.
 */
@Component
class MonitorDefinitions {

    static final int DEFAULT_INTERVAL_SECONDS = 60;
    static final int DEFAULT_TIMEOUT_MS = 10_000;
    static final int MIN_TIMEOUT_MS = 100;
    static final int MAX_ALERT_CHANNELS = 20;
    static final int MAX_TAGS = 20;
    static final int MAX_GRACE_SECONDS = 7 * 86_400;
    static final int MIN_RUN_SECONDS = 60;
    static final int MAX_RUN_SECONDS = 7 * 86_400;

    private static final Set<MonitorType> PROBED = EnumSet.complementOf(EnumSet.of(MonitorType.HEARTBEAT));

    /** Fields that belong to some types only; sending one for another type is a mistake worth naming. */
    private static final List<TypedField> TYPED_FIELDS = List.of(
            new TypedField("url", MonitorRequest::url, EnumSet.of(MonitorType.HTTP, MonitorType.WEBSOCKET)),
            new TypedField("method", MonitorRequest::method, EnumSet.of(MonitorType.HTTP)),
            new TypedField("headers", MonitorRequest::headers, EnumSet.of(MonitorType.HTTP, MonitorType.WEBSOCKET)),
            new TypedField("body", MonitorRequest::body, EnumSet.of(MonitorType.HTTP)),
            new TypedField("followRedirects", MonitorRequest::followRedirects, EnumSet.of(MonitorType.HTTP)),
            new TypedField("assertions", MonitorRequest::assertions, EnumSet.of(MonitorType.HTTP, MonitorType.DNS,
                    MonitorType.UDP)),
            new TypedField("host", MonitorRequest::host, with(NetworkCheckRules.TYPES, MonitorType.TCP,
                    MonitorType.DNS, MonitorType.TLS, MonitorType.GRPC, MonitorType.DATABASE)),
            new TypedField("port", MonitorRequest::port, EnumSet.of(MonitorType.TCP, MonitorType.TLS,
                    MonitorType.UDP, MonitorType.SMTP, MonitorType.IMAP, MonitorType.POP3, MonitorType.GRPC,
                    MonitorType.DATABASE)),
            new TypedField("recordType", MonitorRequest::recordType, EnumSet.of(MonitorType.DNS)),
            new TypedField("resolver", MonitorRequest::resolver, EnumSet.of(MonitorType.DNS)),
            new TypedField("minDaysValid", MonitorRequest::minDaysValid, EnumSet.of(MonitorType.TLS,
                    MonitorType.DOMAIN, MonitorType.SMTP, MonitorType.IMAP, MonitorType.POP3)),
            new TypedField("periodSeconds", MonitorRequest::periodSeconds, EnumSet.of(MonitorType.HEARTBEAT)),
            new TypedField("graceSeconds", MonitorRequest::graceSeconds, EnumSet.of(MonitorType.HEARTBEAT)),
            new TypedField("schedule", MonitorRequest::schedule, EnumSet.of(MonitorType.HEARTBEAT)),
            new TypedField("timeZone", MonitorRequest::timeZone, EnumSet.of(MonitorType.HEARTBEAT)),
            new TypedField("maxRunSeconds", MonitorRequest::maxRunSeconds, EnumSet.of(MonitorType.HEARTBEAT)),
            new TypedField("plugin", MonitorRequest::plugin, EnumSet.of(MonitorType.PLUGIN)),
            new TypedField("args", MonitorRequest::args, EnumSet.of(MonitorType.PLUGIN)),
            new TypedField("steps", MonitorRequest::steps, EnumSet.of(MonitorType.API_STEPS, MonitorType.BROWSER)),
            new TypedField("packetCount", MonitorRequest::packetCount, EnumSet.of(MonitorType.PING)),
            new TypedField("maxPacketLossPercent", MonitorRequest::maxPacketLossPercent,
                    EnumSet.of(MonitorType.PING)),
            new TypedField("payload", MonitorRequest::payload, EnumSet.of(MonitorType.UDP)),
            new TypedField("payloadEncoding", MonitorRequest::payloadEncoding, EnumSet.of(MonitorType.UDP)),
            new TypedField("tlsMode", MonitorRequest::tlsMode, EnumSet.of(MonitorType.SMTP, MonitorType.IMAP,
                    MonitorType.POP3)),
            new TypedField("send", MonitorRequest::send, EnumSet.of(MonitorType.WEBSOCKET)),
            new TypedField("expect", MonitorRequest::expect, EnumSet.of(MonitorType.WEBSOCKET, MonitorType.DATABASE)),
            new TypedField("service", MonitorRequest::service, EnumSet.of(MonitorType.GRPC)),
            new TypedField("tls", MonitorRequest::tls, EnumSet.of(MonitorType.GRPC)),
            new TypedField("engine", MonitorRequest::engine, EnumSet.of(MonitorType.DATABASE)),
            new TypedField("database", MonitorRequest::database, EnumSet.of(MonitorType.DATABASE)),
            new TypedField("username", MonitorRequest::username, EnumSet.of(MonitorType.DATABASE)),
            new TypedField("password", MonitorRequest::password, EnumSet.of(MonitorType.DATABASE)),
            new TypedField("query", MonitorRequest::query, EnumSet.of(MonitorType.DATABASE)),
            new TypedField("degradedAboveMs", MonitorRequest::degradedAboveMs, PROBED),
            new TypedField("timeoutMs", MonitorRequest::timeoutMs, PROBED),
            new TypedField("regions", MonitorRequest::regions, PROBED),
            new TypedField("confirmations", r -> r.confirmations() == null || r.confirmations() == 0 ? null
                    : r.confirmations(), PROBED),
            new TypedField("noise", r -> r.noise() == null || r.noise().isDeployment() ? null : r.noise(), PROBED));

    private final MonitorProperties limits;
    private final RegionProperties regions;
    private final MonitorChannelLinks channels;
    private final MonitorLabels labels;
    private final ObjectProvider<PluginCatalog> plugins;
    private final NagiosPluginList nagiosPlugins;

    MonitorDefinitions(MonitorProperties limits, RegionProperties regions, MonitorChannelLinks channels,
                       MonitorLabels labels, ObjectProvider<PluginCatalog> plugins,
                       NagiosPluginList nagiosPlugins) {
        this.limits = limits;
        this.regions = regions;
        this.channels = channels;
        this.labels = labels;
        this.plugins = plugins;
        this.nagiosPlugins = nagiosPlugins;
    }

    /**
     * The definition a request asks for, or a 400 naming every invalid field.
     *
     * @param creating on creation an absent {@code paused} means false; on replacement it keeps the current state
     */
    MonitorDefinition definitionOf(UUID workspaceId, MonitorRequest request, boolean creating) {
        FieldProblems problems = new FieldProblems();
        String name = problems.requiredLine("name", request.name(), 200);
        MonitorType type = type(problems, request.type());
        if (type != null) {
            for (TypedField field : TYPED_FIELDS) {
                if (!field.types().contains(type) && isPresent(field.value().apply(request))) {
                    problems.add(field.name(), field.name() + " does not apply to " + type + " monitors; it is a field"
                            + " of " + field.types().stream().map(Enum::name).sorted()
                            .collect(Collectors.joining(", ")) + " monitors");
                }
            }
        }
        List<UUID> alertChannels = alertChannels(problems, workspaceId, request.alertChannelIds());
        List<UUID> tags = tags(problems, workspaceId, request.tagIds());
        UUID group = request.groupId();
        if (group != null && !labels.groupInWorkspace(workspaceId, group)) {
            problems.add("groupId", "no such group: " + group + " (see GET /api/v1/monitor-groups)");
        }
        Boolean paused = request.paused() == null && creating ? Boolean.FALSE : request.paused();
        if (type == MonitorType.HEARTBEAT) {
            HeartbeatCheck heartbeat = heartbeat(problems, request);
            problems.throwIfAny();
            return new MonitorDefinition(name, heartbeat, heartbeat.periodSeconds(), DEFAULT_TIMEOUT_MS, List.of(), 0,
                    null, paused, alertChannels, tags, group, NoiseSettings.DEPLOYMENT);
        }
        int interval = request.intervalSeconds() != null ? request.intervalSeconds()
                : type == MonitorType.BROWSER ? limits.browserMinIntervalSeconds() : DEFAULT_INTERVAL_SECONDS;
        if (interval < limits.minIntervalSeconds() || interval > limits.maxIntervalSeconds()) {
            problems.add("intervalSeconds", "intervalSeconds must be between " + limits.minIntervalSeconds() + " and "
                    + limits.maxIntervalSeconds());
        } else if (type == MonitorType.BROWSER && interval < limits.browserMinIntervalSeconds()) {
            problems.add("intervalSeconds", "a BROWSER monitor runs at most every "
                    + limits.browserMinIntervalSeconds() + " seconds: intervalSeconds must be at least that");
        }
        int timeout = request.timeoutMs() == null ? (int) Math.min(DEFAULT_TIMEOUT_MS, interval * 1000L)
                : request.timeoutMs();
        if (timeout < MIN_TIMEOUT_MS || timeout > limits.maxTimeoutMs()) {
            problems.add("timeoutMs", "timeoutMs must be between " + MIN_TIMEOUT_MS + " and " + limits.maxTimeoutMs());
        } else if (timeout > interval * 1000L) {
            problems.add("timeoutMs", "timeoutMs must not exceed the interval (" + interval * 1000L + " ms)");
        }
        List<String> chosen = regions(problems, request.regions());
        int confirmations = request.confirmations() == null ? Math.min(1, Math.max(chosen.size() - 1, 0))
                : request.confirmations();
        if (confirmations < 0 || confirmations > Math.max(chosen.size() - 1, 0)) {
            problems.add("confirmations", "confirmations must be between 0 and the number of other regions ("
                    + Math.max(chosen.size() - 1, 0) + ")");
        }
        Integer degradedAbove = request.degradedAboveMs();
        if (degradedAbove != null && (degradedAbove < 1 || degradedAbove > timeout)) {
            problems.add("degradedAboveMs", "degradedAboveMs must be between 1 and timeoutMs (" + timeout + ")");
        }
        NoiseSettings noise = noise(problems, request.noise());
        CheckSpec check = type == null ? null : probedCheck(problems, type, request, chosen);
        problems.throwIfAny();
        return new MonitorDefinition(name, check, interval, timeout, chosen, confirmations, degradedAbove, paused,
                alertChannels, tags, group, noise);
    }

    /** The noise settings within their bounds (docs/api.md, Noise settings); none given: the deployment's. */
    private static NoiseSettings noise(FieldProblems problems, NoiseSettings requested) {
        if (requested == null) {
            return NoiseSettings.DEPLOYMENT;
        }
        between(problems, "noise.failuresInRow", requested.failuresInRow(), 1, NoiseSettings.MAX_FAILURES_IN_ROW);
        between(problems, "noise.recoveryRounds", requested.recoveryRounds(), 1, NoiseSettings.MAX_RECOVERY_ROUNDS);
        between(problems, "noise.flapTransitions", requested.flapTransitions(), NoiseSettings.MIN_FLAP_TRANSITIONS,
                NoiseSettings.MAX_FLAP_TRANSITIONS);
        between(problems, "noise.flapWindowRounds", requested.flapWindowRounds(),
                NoiseSettings.MIN_FLAP_WINDOW_ROUNDS, NoiseSettings.MAX_FLAP_WINDOW_ROUNDS);
        if (requested.flapTransitions() != null && requested.flapWindowRounds() != null
                && !problems.has("noise.flapTransitions") && !problems.has("noise.flapWindowRounds")
                && requested.flapTransitions() > requested.flapWindowRounds()) {
            // A round changes the state at most once: more changes than rounds could never be seen.
            problems.add("noise.flapTransitions", "flapTransitions must not exceed flapWindowRounds ("
                    + requested.flapWindowRounds() + "): a monitor changes state at most once a round");
        }
        return requested;
    }

    private static void between(FieldProblems problems, String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            problems.add(field, field.substring(field.indexOf('.') + 1) + " must be between " + min + " and " + max);
        }
    }

    private CheckSpec probedCheck(FieldProblems problems, MonitorType type, MonitorRequest request,
                                  List<String> chosenRegions) {
        return switch (type) {
            case HTTP -> HttpCheckRules.check(problems, request);
            case TCP -> CheckRules.tcp(problems, request.host(), request.port());
            case DNS -> CheckRules.dns(problems, request.host(), request.recordType(), request.resolver(),
                    request.assertions());
            case TLS -> CheckRules.tls(problems, request.host(), request.port(), request.minDaysValid());
            case PLUGIN -> {
                PluginCheck plugin = CheckRules.plugin(problems, request.plugin(), request.args());
                PluginCatalog catalog = plugins.getIfAvailable(() -> PluginCatalog.ANY);
                if (plugin.plugin() != null && !problems.has("args") && !problems.has("regions")) {
                    PluginRules.check(problems, plugin, nagiosPlugins, catalog, chosenRegions);
                }
                if (plugin.plugin() != null && !problems.has("plugin") && !problems.has("regions")) {
                    catalog.unavailability(plugin.plugin(), chosenRegions)
                            .ifPresent(reason -> problems.add("plugin", reason));
                }
                yield plugin;
            }
            case API_STEPS -> SyntheticCheckRules.apiSteps(problems, request.steps());
            case BROWSER -> SyntheticCheckRules.browser(problems, request.steps());
            case PING, UDP, DOMAIN, SMTP, IMAP, POP3 -> NetworkCheckRules.check(problems, type, request);
            case WEBSOCKET -> ServiceCheckRules.webSocket(problems, request);
            case GRPC -> ServiceCheckRules.grpc(problems, request);
            case DATABASE -> ServiceCheckRules.database(problems, request);
            case HEARTBEAT -> throw new IllegalStateException("heartbeats are not probed");
        };
    }

    private HeartbeatCheck heartbeat(FieldProblems problems, MonitorRequest request) {
        Integer maxRun = request.maxRunSeconds();
        if (maxRun != null && (maxRun < MIN_RUN_SECONDS || maxRun > MAX_RUN_SECONDS)) {
            problems.add("maxRunSeconds", "maxRunSeconds must be between " + MIN_RUN_SECONDS + " and "
                    + MAX_RUN_SECONDS);
        }
        if (request.schedule() != null) {
            return scheduled(problems, request, maxRun);
        }
        if (request.timeZone() != null) {
            problems.add("timeZone", "timeZone applies to a heartbeat with a schedule only");
        }
        HeartbeatCheck periodic = periodic(problems, request);
        return new HeartbeatCheck(periodic.periodSeconds(), periodic.graceSeconds(), null, null, maxRun);
    }

    /**
     * A cron heartbeat. Its period (shown in lists, and the default grace's base) is the shortest gap between two
     * scheduled times, so periodSeconds and intervalSeconds a client read and sends back are ignored, not refused.
     */
    private HeartbeatCheck scheduled(FieldProblems problems, MonitorRequest request, Integer maxRun) {
        String expression = problems.optionalLine("schedule", request.schedule(), 200);
        String zoneName = request.timeZone() == null ? "UTC" : problems.optionalLine("timeZone", request.timeZone(),
                100);
        if (expression == null) {
            if (!problems.has("schedule")) {
                problems.add("schedule", "schedule must be a cron expression such as \"0 3 * * *\"");
            }
            return new HeartbeatCheck(0, 0);
        }
        HeartbeatSchedule schedule;
        try {
            schedule = HeartbeatSchedule.parse(expression, zoneName == null ? "UTC" : zoneName);
        } catch (HeartbeatSchedule.InvalidZone e) {
            problems.add("timeZone", e.getMessage());
            return new HeartbeatCheck(0, 0);
        } catch (IllegalArgumentException e) {
            problems.add("schedule", e.getMessage());
            return new HeartbeatCheck(0, 0);
        }
        long gap = schedule.shortestGap(Instant.EPOCH).toSeconds();
        int period = (int) Math.clamp(gap, limits.minIntervalSeconds(), limits.maxPeriodSeconds());
        int grace = request.graceSeconds() == null ? defaultGrace(period) : request.graceSeconds();
        if (grace < 0 || grace > MAX_GRACE_SECONDS) {
            problems.add("graceSeconds", "graceSeconds must be between 0 and " + MAX_GRACE_SECONDS);
        }
        return new HeartbeatCheck(period, grace, schedule.expression(), schedule.zone().getId(), maxRun);
    }

    private HeartbeatCheck periodic(FieldProblems problems, MonitorRequest request) {
        Integer period = request.periodSeconds() != null ? request.periodSeconds() : request.intervalSeconds();
        if (period == null) {
            problems.add("periodSeconds", "periodSeconds is required: how often the job pings, in seconds");
            return new HeartbeatCheck(0, 0);
        }
        if (request.intervalSeconds() != null && !request.intervalSeconds().equals(period)) {
            problems.add("intervalSeconds", "a heartbeat's intervalSeconds is its periodSeconds; leave it out or "
                    + "give the same value");
        }
        if (period < limits.minIntervalSeconds() || period > limits.maxPeriodSeconds()) {
            problems.add("periodSeconds", "periodSeconds must be between " + limits.minIntervalSeconds() + " and "
                    + limits.maxPeriodSeconds());
        }
        int grace = request.graceSeconds() == null ? defaultGrace(period) : request.graceSeconds();
        if (grace < 0 || grace > MAX_GRACE_SECONDS) {
            problems.add("graceSeconds", "graceSeconds must be between 0 and " + MAX_GRACE_SECONDS);
        }
        return new HeartbeatCheck(period, grace);
    }

    /** A tenth of the period, at least a minute (cron jitter, slow starts) and at most an hour. */
    static int defaultGrace(int periodSeconds) {
        return Math.clamp(periodSeconds / 10, 60, 3600);
    }

    private static MonitorType type(FieldProblems problems, String type) {
        if (type == null || type.isBlank()) {
            problems.add("type", "type is required: one of " + Arrays.toString(MonitorType.values()));
            return null;
        }
        for (MonitorType candidate : MonitorType.values()) {
            if (candidate.name().equals(type)) {
                return candidate;
            }
        }
        problems.add("type", "type must be one of " + Arrays.toString(MonitorType.values()));
        return null;
    }

    private List<String> regions(FieldProblems problems, List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return regions.ids();
        }
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            String region = requested.get(i);
            if (region == null) {
                problems.add("regions[" + i + "]", "a region id is required, one of " + regions.ids());
            } else if (!regions.contains(region)) {
                problems.add("regions", "unknown region '" + (region.length() > 40 ? region.substring(0, 40) + "…"
                        : region) + "'; available: " + String.join(", ", regions.ids()));
            } else if (!chosen.contains(region)) {
                chosen.add(region);
            }
        }
        return chosen;
    }

    private List<UUID> alertChannels(FieldProblems problems, UUID workspaceId, List<UUID> requested) {
        if (requested == null || requested.isEmpty()) {
            return List.of();
        }
        if (requested.size() > MAX_ALERT_CHANNELS) {
            problems.add("alertChannelIds", "at most " + MAX_ALERT_CHANNELS + " alert channels per monitor");
            return List.of();
        }
        if (requested.contains(null)) {
            problems.add("alertChannelIds", "alertChannelIds must be channel ids, not null");
            return List.of();
        }
        List<UUID> distinct = List.copyOf(new LinkedHashSet<>(requested));
        List<UUID> unknown = channels.notInWorkspace(workspaceId, distinct);
        if (!unknown.isEmpty()) {
            problems.add("alertChannelIds", "no such alert channel: " + unknown.stream().map(UUID::toString)
                    .collect(Collectors.joining(", ")) + " (see GET /api/v1/alert-channels)");
        }
        return distinct;
    }

    private List<UUID> tags(FieldProblems problems, UUID workspaceId, List<UUID> requested) {
        if (requested == null || requested.isEmpty()) {
            return List.of();
        }
        if (requested.contains(null)) {
            problems.add("tagIds", "tagIds must be tag ids, not null");
            return List.of();
        }
        List<UUID> distinct = List.copyOf(new LinkedHashSet<>(requested));
        if (distinct.size() > MAX_TAGS) {
            problems.add("tagIds", "at most " + MAX_TAGS + " tags per monitor");
            return List.of();
        }
        List<UUID> unknown = labels.tagsNotInWorkspace(workspaceId, distinct);
        if (!unknown.isEmpty()) {
            problems.add("tagIds", "no such tag: " + unknown.stream().map(UUID::toString)
                    .collect(Collectors.joining(", ")) + " (see GET /api/v1/tags)");
        }
        return distinct;
    }

    private static Set<MonitorType> with(Set<MonitorType> types, MonitorType... more) {
        EnumSet<MonitorType> all = EnumSet.copyOf(types);
        all.addAll(Arrays.asList(more));
        return all;
    }

    private static boolean isPresent(Object value) {
        return value != null && !(value instanceof Collection<?> c && c.isEmpty())
                && !(value instanceof Map<?, ?> m && m.isEmpty());
    }

    private record TypedField(String name, Function<MonitorRequest, Object> value, Set<MonitorType> types) {
    }
}
