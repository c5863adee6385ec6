package dev.vigil.api.channel;

import dev.vigil.api.account.WorkspaceLocks;
import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.security.ApiPrincipal;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.NotFoundException;
import dev.vigil.api.web.StoredTime;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/alert-channels")
@Tag(name = "Alert channels", description = "Where alerts go. Secrets are sealed at rest and shown redacted.")
public class ChannelController {

    private static final Logger log = LoggerFactory.getLogger(ChannelController.class);

    private final ChannelStore channels;
    private final ChannelConfigRules rules;
    private final ChannelProperties properties;
    private final TestEvents testEvents;
    private final WorkspaceLocks locks;
    private final AuditLog audit;
    private final Clock clock;

    ChannelController(ChannelStore channels, ChannelConfigRules rules, ChannelProperties properties,
                      TestEvents testEvents, WorkspaceLocks locks, AuditLog audit, Clock clock) {
        this.channels = channels;
        this.rules = rules;
        this.properties = properties;
        this.testEvents = testEvents;
        this.locks = locks;
        this.audit = audit;
        this.clock = clock;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    @Operation(summary = "Create a channel", description = "Types and config: EMAIL {to}, WEBHOOK {url, secret}, "
            + "SLACK/DISCORD/TEAMS {webhookUrl}, PAGERDUTY {routingKey}, TELEGRAM {botToken, chatId}. URLs must "
            + "reach public addresses (the SSRF guard) unless the deployment allows private ones.")
    public ChannelView create(@AuthenticationPrincipal ApiPrincipal caller, @RequestBody ChannelRequest request) {
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

    @GetMapping
    @Transactional(readOnly = true)
    @Operation(summary = "List the workspace's channels, oldest first")
    public ChannelList list(@AuthenticationPrincipal ApiPrincipal caller) {
        return new ChannelList(channels.list(caller.workspaceId()));
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    @Operation(summary = "One channel, secrets redacted")
    public ChannelView get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        return load(caller, id, false);
    }

    @PutMapping("/{id}")
    @Transactional
    @Operation(summary = "Replace a channel", description = "Without config the stored configuration (and its "
            + "secrets) is kept, which needs the same type; with config it is replaced whole.")
    public ChannelView replace(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id,
                        @RequestBody ChannelRequest request) {
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

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    @Operation(summary = "Delete a channel", description = "Monitors stop alerting it; its delivery log goes too.")
    public void delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        ChannelView channel = load(caller, id, true);
        channels.delete(id, caller.workspaceId());
        audit.record(caller.workspaceId(), Actor.of(caller), "alert_channel.deleted", "ALERT_CHANNEL", id,
                Map.of("name", channel.name(), "type", channel.type()));
    }

    @PostMapping("/{id}/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Transactional
    @Operation(summary = "Send a test event", description = "Queued like any alert; its delivery shows in "
            + "GET /api/v1/alert-channels/{id}/deliveries.")
    public TestEvents.Queued test(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        ChannelView channel = load(caller, id, false);
        TestEvents.Queued queued = testEvents.queue(caller.workspaceId(), channel, StoredTime.now(clock));
        audit.record(caller.workspaceId(), Actor.of(caller), "alert_channel.tested", "ALERT_CHANNEL", id,
                Map.of("name", channel.name()));
        return queued;
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

    /** {@code GET /api/v1/alert-channels}. */
    public record ChannelList(List<ChannelView> items) {
    }
}
