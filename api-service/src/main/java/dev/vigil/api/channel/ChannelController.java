package dev.vigil.api.channel;

import dev.vigil.api.identity.ApiPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/alert-channels}: the HTTP face of {@link Channels}, which holds the rules. */
@RestController
@RequestMapping("/api/v1/alert-channels")
@Tag(name = "Alert channels", description = "Where alerts go. Secrets are sealed at rest and shown redacted.")
class ChannelController {

    private final Channels channels;

    ChannelController(Channels channels) {
        this.channels = channels;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a channel", description = "Types and config: EMAIL {to}, WEBHOOK {url, secret}, "
            + "SLACK {webhookUrl, signingSecret?}, DISCORD/TEAMS/GOOGLE_CHAT/MATTERMOST {webhookUrl}, PAGERDUTY "
            + "{routingKey}, TELEGRAM {botToken, chatId}, OPSGENIE {apiKey, region?, priority?}, NTFY {topicUrl, "
            + "token?, priority?}, MATRIX {homeserverUrl, roomId, accessToken}, PUSHOVER {appToken, userKey, "
            + "priority?}, ZULIP {siteUrl, botEmail, apiKey, stream, topic?}, TEMPLATE_WEBHOOK {url, template, "
            + "authorization?}, SMS/VOICE {accountSid, authToken, fromNumber, toNumber} (docs/api.md). URLs must "
            + "reach public addresses (the SSRF guard) unless the deployment allows private ones.")
    ChannelView create(@AuthenticationPrincipal ApiPrincipal caller, @RequestBody ChannelRequest request) {
        return channels.create(caller, request);
    }

    @GetMapping
    @Operation(summary = "List the workspace's channels, oldest first")
    ChannelList list(@AuthenticationPrincipal ApiPrincipal caller) {
        return new ChannelList(channels.list(caller));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One channel, secrets redacted")
    ChannelView get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        return channels.get(caller, id);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a channel", description = "Without config the stored configuration (and its "
            + "secrets) is kept, which needs the same type; with config it is replaced whole.")
    ChannelView replace(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id,
                        @RequestBody ChannelRequest request) {
        return channels.replace(caller, id, request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a channel", description = "Monitors stop alerting it; its delivery log goes too.")
    void delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        channels.delete(caller, id);
    }

    @PostMapping("/{id}/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a test event", description = "Queued like any alert; its delivery shows in "
            + "GET /api/v1/alert-channels/{id}/deliveries.")
    TestEvents.Queued test(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        return channels.test(caller, id);
    }

    /** {@code GET /api/v1/alert-channels}. */
    record ChannelList(List<ChannelView> items) {
    }
}
