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
            new Field("url", "Webhook URL", "WEBHOOK", false, "Receives a JSON POST for every event"),
            new Field("secret", "Signing secret", "WEBHOOK", true,
                    "16 to 256 letters, digits, '_', '-', '+', '/' or '=' (a Standard Webhooks whsec_ secret fits);"
                            + " signs every request"),
            new Field("webhookUrl", "Incoming webhook URL", "SLACK DISCORD TEAMS", true,
                    "The chat's incoming webhook address (kept secret)"),
            new Field("routingKey", "Integration (routing) key", "PAGERDUTY", true,
                    "The Events API v2 key of a PagerDuty service"),
            new Field("botToken", "Bot token", "TELEGRAM", true, "From @BotFather: <digits>:<token>"),
            new Field("chatId", "Chat id", "TELEGRAM", false, "A numeric chat id or an @channel name"));
    static final List<String> INPUTS = List.of("name", "type", "isDefault", "to", "url", "secret", "webhookUrl",
            "routingKey", "botToken", "chatId");

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
