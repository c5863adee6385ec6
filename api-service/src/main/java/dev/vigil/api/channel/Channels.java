package dev.vigil.api.channel;

import dev.vigil.api.account.WorkspaceLocks;
import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.NotFoundException;
import dev.vigil.api.web.StoredTime;
import dev.vigil.common.channel.ChannelType;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A workspace's alert channels and the rules for them, for the REST API and the dashboard alike: configuration checked
 * per type (and URLs by the SSRF guard), at most {@code vigil.channel.max-per-workspace} channels (checked under the
 * workspace lock), secrets sealed at rest and shown redacted, every change audited in its transaction.
 */
@Service
public class Channels {

    private static final Logger log = LoggerFactory.getLogger(Channels.class);

    private final ChannelStore channels;
    private final ChannelConfigRules rules;
    private final ChannelProperties properties;
    private final TestEvents testEvents;
    private final WorkspaceLocks locks;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    Channels(ChannelStore channels, ChannelConfigRules rules, ChannelProperties properties, TestEvents testEvents,
             WorkspaceLocks locks, AuditLog audit, JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.channels = channels;
        this.rules = rules;
        this.properties = properties;
        this.testEvents = testEvents;
        this.locks = locks;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public ChannelView create(ApiPrincipal caller, ChannelRequest request) {
        FieldProblems problems = new FieldProblems();
        String name = problems.requiredLine("name", request.name(), 100);
        ChannelType type = type(request, problems);
        Map<String, String> config = type == null ? null : rules.check(type, request.config(), problems);
        problems.throwIfAny();
        locks.lock(caller.workspaceId());
        if (channels.count(caller.workspaceId()) >= properties.maxPerWorkspace()) {
            throw new ConflictException("Too many alert channels", "This workspace has "
                    + properties.maxPerWorkspace() + " alert channels, the most it may have; delete one first.");
        }
        UUID id = UUID.randomUUID();
        Instant now = StoredTime.now(clock);
        boolean isDefault = Boolean.TRUE.equals(request.isDefault());
        channels.insert(id, caller.workspaceId(), name, type, config, isDefault, now);
        audit.record(caller.workspaceId(), Actor.of(caller), "alert_channel.created", "ALERT_CHANNEL", id,
                Map.of("name", name, "type", type.name(), "isDefault", isDefault, "config", AuditLog.REDACTED));
        log.info("alert channel created workspace={} channel={} type={}", caller.workspaceId(), id, type);
        return channels.find(id, caller.workspaceId(), false).orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<ChannelView> list(ApiPrincipal caller) {
        return channels.list(caller.workspaceId()).stream().map(channel -> shownTo(caller, channel)).toList();
    }

    @Transactional(readOnly = true)
    public ChannelView get(ApiPrincipal caller, UUID id) {
        return shownTo(caller, load(caller, id, false));
    }

    /** A viewer sees no URL in full: a webhook's URL often is its credential (see ChannelConfigRules#forViewer). */
    private static ChannelView shownTo(ApiPrincipal caller, ChannelView channel) {
        if (caller.canWrite()) {
            return channel;
        }
        ChannelType type = ChannelType.fromName(channel.type());
        return type == null ? channel : new ChannelView(channel.id(), channel.name(), channel.type(),
                ChannelConfigRules.forViewer(type, channel.config()), channel.isDefault(), channel.healthy(),
                channel.createdAt(), channel.updatedAt());
    }

    @Transactional
    public ChannelView replace(ApiPrincipal caller, UUID id, ChannelRequest request) {
        FieldProblems problems = new FieldProblems();
        String name = problems.requiredLine("name", request.name(), 100);
        ChannelType type = type(request, problems);
        problems.throwIfAny();
        ChannelView current = load(caller, id, true);
        Map<String, String> config;
        if (request.config() == null) {
            config = channels.config(id, caller.workspaceId());
            if (type != ChannelType.valueOf(current.type()) || config.isEmpty()) {
                problems.add("config", "config is required when the type changes or none is stored");
            }
        } else {
            config = rules.check(type, request.config(), problems);
        }
        problems.throwIfAny();
        boolean isDefault = request.isDefault() == null ? current.isDefault() : request.isDefault();
        channels.update(id, caller.workspaceId(), name, type, config, isDefault, StoredTime.now(clock));
        audit.record(caller.workspaceId(), Actor.of(caller), "alert_channel.updated", "ALERT_CHANNEL", id,
                Map.of("name", name, "type", type.name(), "isDefault", isDefault,
                        "config", request.config() == null ? "(unchanged)" : AuditLog.REDACTED));
        return channels.find(id, caller.workspaceId(), false).orElseThrow();
    }

    /**
     * As {@link #replace}, for a form that never shows secrets: with the type unchanged, a secret field left blank
     * keeps its stored value (the stored configuration is opened here and never leaves this service).
     */
    @Transactional
    public ChannelView replaceKeepingBlankSecrets(ApiPrincipal caller, UUID id, ChannelRequest request) {
        ChannelView current = load(caller, id, true);
        ChannelType type = ChannelType.fromName(request.type());
        Map<String, Object> config = request.config();
        if (type != null && config != null && type.name().equals(current.type())) {
            Map<String, String> kept = channels.config(id, caller.workspaceId());
            Map<String, Object> merged = new LinkedHashMap<>(config);
            for (String field : type.fields()) {
                if (type.isSecret(field) && isBlank(merged.get(field)) && kept.containsKey(field)) {
                    merged.put(field, kept.get(field));
                }
            }
            config = merged;
        }
        return replace(caller, id, new ChannelRequest(request.name(), request.type(), config, request.isDefault()));
    }

    /**
     * The fields ({@code name}, {@code type}, {@code isDefault}, {@code config}) in which {@code request} differs from
     * the stored channel, comparing the configuration in clear (inside this service only); a 400 when the request is
     * invalid. An absent {@code isDefault} means false, as on creation: a declarative file states the whole channel.
     */
    @Transactional(readOnly = true)
    public List<String> differences(ApiPrincipal caller, UUID id, ChannelRequest request) {
        FieldProblems problems = new FieldProblems();
        String name = problems.requiredLine("name", request.name(), 100);
        ChannelType type = type(request, problems);
        Map<String, String> config = type == null ? null : rules.check(type, request.config(), problems);
        problems.throwIfAny();
        ChannelView current = load(caller, id, false);
        List<String> changed = new java.util.ArrayList<>();
        if (!name.equals(current.name())) {
            changed.add("name");
        }
        if (!type.name().equals(current.type())) {
            changed.add("type");
        }
        if (Boolean.TRUE.equals(request.isDefault()) != current.isDefault()) {
            changed.add("isDefault");
        }
        if (!config.equals(channels.config(id, caller.workspaceId()))) {
            changed.add("config");
        }
        return changed;
    }

    /** The monitors that link a channel, by name. */
    @Transactional(readOnly = true)
    public List<LinkedMonitor> linkedMonitors(ApiPrincipal caller, UUID id) {
        return jdbc.sql("""
                        SELECT m.id, m.name FROM monitor_alert_channels l JOIN monitors m ON m.id = l.monitor_id
                        WHERE l.channel_id = ? AND l.workspace_id = ? ORDER BY m.name""")
                .params(id, caller.workspaceId())
                .query((rs, row) -> new LinkedMonitor(rs.getObject("id", UUID.class), rs.getString("name"))).list();
    }

    /** A monitor alerting a channel. */
    public record LinkedMonitor(UUID id, String name) {
    }

    @Transactional
    public void delete(ApiPrincipal caller, UUID id) {
        ChannelView channel = load(caller, id, true);
        channels.delete(id, caller.workspaceId());
        audit.record(caller.workspaceId(), Actor.of(caller), "alert_channel.deleted", "ALERT_CHANNEL", id,
                Map.of("name", channel.name(), "type", channel.type()));
    }

    @Transactional
    public TestEvents.Queued test(ApiPrincipal caller, UUID id) {
        ChannelView channel = load(caller, id, false);
        TestEvents.Queued queued = testEvents.queue(caller.workspaceId(), channel, StoredTime.now(clock));
        audit.record(caller.workspaceId(), Actor.of(caller), "alert_channel.tested", "ALERT_CHANNEL", id,
                Map.of("name", channel.name()));
        return queued;
    }

    /**
     * The workspace of a SLACK channel and its Slack app's signing secret, for verifying a request Slack signed (an
     * Acknowledge button press). Not a caller's read: the secret never leaves the api-service, and the channel is
     * named by the button's value, so its workspace is where the press may act. Empty when the channel is not a
     * Slack channel with a signing secret, or its configuration does not open.
     */
    @Transactional(readOnly = true)
    public Optional<SlackApp> slackApp(UUID channelId) {
        try {
            return channels.slack(channelId).filter(row -> row.getValue().get("signingSecret") != null)
                    .map(row -> new SlackApp(channelId, row.getKey(), row.getValue().get("signingSecret")));
        } catch (ConflictException unreadable) {
            return Optional.empty();
        }
    }

    /** A Slack channel's workspace and signing secret (see {@link #slackApp}); never shown or logged. */
    public record SlackApp(UUID channelId, UUID workspaceId, String signingSecret) {

        @Override
        public String toString() {
            return "SlackApp[channelId=" + channelId + ", workspaceId=" + workspaceId + "]";
        }
    }

    private ChannelView load(ApiPrincipal caller, UUID id, boolean lock) {
        return channels.find(id, caller.workspaceId(), lock).orElseThrow(() -> new NotFoundException("alert channel"));
    }

    private static ChannelType type(ChannelRequest request, FieldProblems problems) {
        if (request.type() == null) {
            problems.add("type", "type is required: one of " + ChannelType.names());
            return null;
        }
        ChannelType type = ChannelType.fromName(request.type());
        if (type == null) {
            problems.add("type", "type must be one of " + ChannelType.names());
        }
        return type;
    }

    private static boolean isBlank(Object value) {
        return !(value instanceof String text) || text.isBlank();
    }
}
