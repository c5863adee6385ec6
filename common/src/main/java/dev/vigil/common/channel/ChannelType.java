package dev.vigil.common.channel;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The kinds of alert channel, the configuration fields each takes and which of them are secrets: the contract of
 * {@code alert_channels.type} and of the sealed configuration, which the api-service validates and writes and the
 * alerting service's senders read.
 */
public enum ChannelType {
    EMAIL(List.of("to"), Set.of()),
    WEBHOOK(List.of("url", "secret"), Set.of("secret")),
    /** With {@code signingSecret} (the Slack app's), alerts carry an Acknowledge button (docs/api.md). */
    SLACK(List.of("webhookUrl", "signingSecret"), Set.of("webhookUrl", "signingSecret"), Set.of("signingSecret")),
    DISCORD(List.of("webhookUrl"), Set.of("webhookUrl")),
    TEAMS(List.of("webhookUrl"), Set.of("webhookUrl")),
    PAGERDUTY(List.of("routingKey"), Set.of("routingKey")),
    TELEGRAM(List.of("botToken", "chatId"), Set.of("botToken")),
    /** Opsgenie Alerts API v2; {@code region} US (default) or EU picks the deployment's endpoint. */
    OPSGENIE(List.of("apiKey", "region", "priority"), Set.of("apiKey"), Set.of("region", "priority")),
    /** ntfy (ntfy.sh or self-hosted): {@code topicUrl} is the server and topic; the topic is a secret of sorts. */
    NTFY(List.of("topicUrl", "token", "priority"), Set.of("topicUrl", "token"), Set.of("token", "priority")),
    GOOGLE_CHAT(List.of("webhookUrl"), Set.of("webhookUrl")),
    MATTERMOST(List.of("webhookUrl"), Set.of("webhookUrl")),
    /** Matrix client-server API on the tenant's homeserver, as the user owning {@code accessToken}. */
    MATRIX(List.of("homeserverUrl", "roomId", "accessToken"), Set.of("accessToken")),
    PUSHOVER(List.of("appToken", "userKey", "priority"), Set.of("appToken", "userKey"), Set.of("priority")),
    /** Zulip on the tenant's server ({@code siteUrl}); without {@code topic}, one topic per monitor. */
    ZULIP(List.of("siteUrl", "botEmail", "apiKey", "stream", "topic"), Set.of("apiKey"), Set.of("topic")),
    /** A webhook whose JSON body is the tenant's Mustache template ({@code dev.vigil.common.channel.JsonTemplate}). */
    TEMPLATE_WEBHOOK(List.of("url", "template", "authorization"), Set.of("authorization"), Set.of("authorization")),
    /** Text messages through a Twilio-compatible API (the deployment's endpoint). */
    SMS(List.of("accountSid", "authToken", "fromNumber", "toNumber"), Set.of("authToken")),
    /** Phone calls reading the alert out (TwiML {@code <Say>}) through a Twilio-compatible API. */
    VOICE(List.of("accountSid", "authToken", "fromNumber", "toNumber"), Set.of("authToken"));

    private final List<String> fields;
    private final Set<String> secrets;
    private final Set<String> optional;

    ChannelType(List<String> fields, Set<String> secrets) {
        this(fields, secrets, Set.of());
    }

    ChannelType(List<String> fields, Set<String> secrets, Set<String> optional) {
        this.fields = fields;
        this.secrets = secrets;
        this.optional = optional;
    }

    /** Every field the type takes; all are required except the {@link #isOptional optional} ones. */
    public List<String> fields() {
        return fields;
    }

    public boolean isOptional(String field) {
        return optional.contains(field);
    }

    public boolean isSecret(String field) {
        return secrets.contains(field);
    }

    public static ChannelType fromName(String name) {
        return name == null ? null : Arrays.stream(values())
                .filter(t -> t.name().equals(name.toUpperCase(Locale.ROOT))).findFirst().orElse(null);
    }

    /** "[EMAIL, WEBHOOK, ...]", for messages. */
    public static String names() {
        return Arrays.toString(values());
    }
}
