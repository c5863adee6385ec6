package dev.vigil.api.dashboard.channel;

import dev.vigil.common.channel.ChannelType;
import dev.vigil.api.channel.ChannelView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the channel form holds: name, type, default flag and the configuration inputs of every type (the page shows
 * those of the chosen type). Secret inputs are always empty in the page; {@link #hints} holds what the API shows.
 */
class ChannelForm {

    /** One configuration input, with the types it belongs to. */
    public record Field(String name, String label, String types, boolean secret, String help) {
    }

    static final List<Field> FIELDS = List.of(
            new Field("to", "Recipients", "EMAIL", false, "Email addresses separated by commas (at most 10)"),
            new Field("url", "Webhook URL", "WEBHOOK TEMPLATE_WEBHOOK", false, "Receives a JSON POST for every event"),
            new Field("secret", "Signing secret", "WEBHOOK", true,
                    "16 to 256 letters, digits, '_', '-', '+', '/' or '=' (a Standard Webhooks whsec_ secret fits);"
                            + " signs every request"),
            new Field("webhookUrl", "Incoming webhook URL", "SLACK DISCORD TEAMS GOOGLE_CHAT MATTERMOST", true,
                    "The chat's incoming webhook address (kept secret)"),
            new Field("signingSecret", "Slack app signing secret (optional)", "SLACK", true,
                    "From your Slack app's Basic Information page: adds an Acknowledge button to alerts (set the "
                            + "app's Interactivity Request URL to <this site>/integrations/slack/actions)"),
            new Field("routingKey", "Integration (routing) key", "PAGERDUTY", true,
                    "The Events API v2 key of a PagerDuty service"),
            new Field("botToken", "Bot token", "TELEGRAM", true, "From @BotFather: <digits>:<token>"),
            new Field("chatId", "Chat id", "TELEGRAM", false, "A numeric chat id or an @channel name"),
            new Field("apiKey", "API key", "OPSGENIE ZULIP", true,
                    "Opsgenie: an API integration's key; Zulip: the bot's API key"),
            new Field("region", "Region (optional)", "OPSGENIE", false, "US (default) or EU: where your Opsgenie "
                    + "account lives"),
            new Field("topicUrl", "Topic URL", "NTFY", true,
                    "Server and topic, e.g. https://ntfy.sh/my-alerts or your own server's (kept secret)"),
            new Field("token", "Access token (optional)", "NTFY", true, "For a protected topic: sent as a bearer "
                    + "token"),
            new Field("priority", "Priority of critical alerts (optional)", "OPSGENIE NTFY PUSHOVER", false,
                    "Opsgenie P1-P5 (default P1), ntfy 1-5 (default 5), Pushover -2 to 2 (default 1; 2 repeats "
                            + "until acknowledged in Pushover)"),
            new Field("homeserverUrl", "Homeserver URL", "MATRIX", false, "e.g. https://matrix.example.org"),
            new Field("roomId", "Room id", "MATRIX", false, "The room's internal id: !opaque:server (Room settings, "
                    + "Advanced); the user of the token must have joined it"),
            new Field("accessToken", "Access token", "MATRIX", true, "The access token of the user that posts"),
            new Field("appToken", "Application token", "PUSHOVER", true, "Your Pushover application's API token"),
            new Field("userKey", "User or group key", "PUSHOVER", true, "Who receives the alerts"),
            new Field("siteUrl", "Zulip server URL", "ZULIP", false, "e.g. https://example.zulipchat.com"),
            new Field("botEmail", "Bot email", "ZULIP", false, "The bot's email address"),
            new Field("stream", "Stream (channel)", "ZULIP", false, "Where messages go"),
            new Field("topic", "Topic (optional)", "ZULIP", false, "Without one, each monitor gets its own topic"),
            new Field("template", "JSON template", "TEMPLATE_WEBHOOK", false,
                    "Mustache, rendered with the event: {{title}}, {{severity}}, {{link}}, {{text}}, {{event}}, "
                            + "{{monitor.name}}, {{incident.cause}}, ... Values are JSON-escaped; the result must "
                            + "be valid JSON"),
            new Field("authorization", "Authorization header (optional)", "TEMPLATE_WEBHOOK", true,
                    "Sent as the Authorization header, e.g. Bearer <token>"),
            new Field("accountSid", "Account SID", "SMS VOICE", false, "AC followed by 32 hex digits"),
            new Field("authToken", "Auth token", "SMS VOICE", true, "The account's auth token"),
            new Field("fromNumber", "From number", "SMS VOICE", false, "Your provider number, E.164: +15551234567"),
            new Field("toNumber", "To number", "SMS VOICE", false, "Who is texted or called, E.164"));
    static final List<String> INPUTS = List.of("name", "type", "isDefault", "to", "url", "secret", "webhookUrl",
            "routingKey", "botToken", "chatId", "signingSecret", "apiKey", "region", "topicUrl", "token", "priority",
            "homeserverUrl", "roomId", "accessToken", "appToken", "userKey", "siteUrl", "botEmail", "stream", "topic",
            "template", "authorization", "accountSid", "authToken", "fromNumber", "toNumber");

    String name = "";
    String type = "WEBHOOK";
    boolean isDefault;
    final Map<String, String> values = new LinkedHashMap<>();
    final Map<String, String> hints = new LinkedHashMap<>();
    /** The posted parameters, secrets included: read by {@link #submittedConfig}, never rendered. */
    private Map<String, String> raw = Map.of();

    static ChannelForm from(Map<String, String> params) {
        ChannelForm form = new ChannelForm();
        form.name = params.getOrDefault("name", "");
        form.type = params.getOrDefault("type", "");
        form.isDefault = "true".equals(params.get("isDefault")) || "on".equals(params.get("isDefault"));
        for (Field field : FIELDS) {
            // A submitted secret is not echoed back into the page, even when the form has errors.
            if (!field.secret()) {
                form.values.put(field.name(), params.getOrDefault(field.name(), ""));
            }
        }
        form.raw = params;
        return form;
    }

    static ChannelForm of(ChannelView channel) {
        ChannelForm form = new ChannelForm();
        form.name = channel.name();
        form.type = channel.type();
        form.isDefault = channel.isDefault();
        ChannelType type = ChannelType.fromName(channel.type());
        channel.config().forEach((field, value) -> {
            if (type != null && type.isSecret(field)) {
                form.hints.put(field, value);
            } else {
                form.values.put(field, value);
            }
        });
        return form;
    }

    /** The chosen type's inputs as the API's config, blank ones left out so the API names them as missing. */
    Map<String, Object> submittedConfig() {
        ChannelType chosen = ChannelType.fromName(type);
        Map<String, Object> config = new LinkedHashMap<>();
        if (chosen == null) {
            return config;
        }
        for (String field : chosen.fields()) {
            String value = raw.get(field);
            if (value != null && !value.isBlank()) {
                config.put(field, value);
            }
        }
        return config;
    }

    public String getName() { return name; }
    public String getType() { return type; }
    public boolean isDefault() { return isDefault; }
    public String value(String field) { return values.getOrDefault(field, ""); }
    public String hint(String field) { return hints.get(field); }
}
