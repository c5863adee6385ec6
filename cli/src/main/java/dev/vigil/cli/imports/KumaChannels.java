package dev.vigil.cli.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Uptime Kuma's notifications as Vigil alert channels: for each kind Vigil has a channel for, which fields of Kuma's
 * notification form (its {@code config} JSON, field names as Kuma's providers read them) become which fields of the
 * channel's configuration, which are secrets (written as environment references {@code KUMA_<CHANNEL>_<FIELD>},
 * never their values) and how a value is converted (Kuma's Opsgenie priority 3 is Vigil's {@code P3}). Whatever a
 * notification has beyond that is reported, field by field.
 */
final class KumaChannels {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One field: Kuma's name, Vigil's, whether it is a secret, whether Kuma may leave it empty, a conversion. */
    private record Field(String kuma, String vigil, boolean secret, boolean optional, UnaryOperator<String> convert) {

        static Field plain(String kuma, String vigil) {
            return new Field(kuma, vigil, false, false, UnaryOperator.identity());
        }

        static Field secret(String kuma, String vigil) {
            return new Field(kuma, vigil, true, false, UnaryOperator.identity());
        }

        static Field optional(String kuma, String vigil, UnaryOperator<String> convert) {
            return new Field(kuma, vigil, false, true, convert);
        }
    }

    private record Kind(String type, List<Field> fields) {
    }

    /** Kuma's provider name (lower case, as its {@code type}) → the Vigil channel it becomes. */
    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("slack", new Kind("SLACK", List.of(Field.secret("slackwebhookURL", "webhookUrl")))),
            Map.entry("discord", new Kind("DISCORD", List.of(Field.secret("discordWebhookUrl", "webhookUrl")))),
            Map.entry("teams", new Kind("TEAMS", List.of(Field.secret("webhookUrl", "webhookUrl")))),
            Map.entry("pagerduty", new Kind("PAGERDUTY",
                    List.of(Field.secret("pagerdutyIntegrationKey", "routingKey")))),
            Map.entry("telegram", new Kind("TELEGRAM", List.of(Field.secret("telegramBotToken", "botToken"),
                    Field.plain("telegramChatID", "chatId")))),
            Map.entry("smtp", new Kind("EMAIL", List.of(Field.plain("smtpTo", "to")))),
            Map.entry("webhook", new Kind("WEBHOOK", List.of(Field.plain("webhookURL", "url")))),
            Map.entry("opsgenie", new Kind("OPSGENIE", List.of(Field.secret("opsgenieApiKey", "apiKey"),
                    Field.optional("opsgenieRegion", "region", r -> r.toUpperCase(Locale.ROOT)),
                    Field.optional("opsgeniePriority", "priority", p -> "P" + p)))),
            Map.entry("ntfy", new Kind("NTFY", List.of(
                    Field.optional("ntfyPriority", "priority", UnaryOperator.identity())))),
            Map.entry("googlechat", new Kind("GOOGLE_CHAT",
                    List.of(Field.secret("googleChatWebhookURL", "webhookUrl")))),
            Map.entry("mattermost", new Kind("MATTERMOST",
                    List.of(Field.secret("mattermostWebhookUrl", "webhookUrl")))),
            Map.entry("matrix", new Kind("MATRIX", List.of(Field.plain("homeserverUrl", "homeserverUrl"),
                    Field.plain("internalRoomId", "roomId"), Field.secret("accessToken", "accessToken")))),
            Map.entry("pushover", new Kind("PUSHOVER", List.of(Field.secret("pushoverapptoken", "appToken"),
                    Field.secret("pushoveruserkey", "userKey"),
                    Field.optional("pushoverpriority", "priority", UnaryOperator.identity())))));

    /** What Vigil has, for the message about a kind it has not. */
    static final String SUPPORTED = "Slack, Discord, Teams, Google Chat, Mattermost, Matrix, Telegram, PagerDuty, "
            + "Opsgenie, ntfy, Pushover, email and webhooks";

    /** Notification config fields that name the notification rather than configure it. */
    private static final Set<String> META = Set.of("name", "type", "isDefault", "applyExisting", "id", "userId",
            "active");

    private final List<String> unmapped;
    private final List<String> secrets;

    KumaChannels(List<String> unmapped, List<String> secrets) {
        this.unmapped = unmapped;
        this.secrets = secrets;
    }

    /** The Kuma provider of a notification row, as its config names it. */
    static String kindOf(JsonNode row) {
        return KumaSource.parsed(row.path("config")).path("type").asString("");
    }

    /** Whether Vigil has a channel for the provider. */
    static boolean supported(String kuma) {
        return KINDS.containsKey(kuma.toLowerCase(Locale.ROOT));
    }

    /**
     * The channel spec of a supported notification under {@code key}, or null (with the reason reported) when a
     * field Vigil needs is empty.
     */
    ObjectNode channel(JsonNode row, String key, String path) {
        String name = row.path("name").asString("");
        JsonNode config = KumaSource.parsed(row.path("config"));
        String kuma = config.path("type").asString("");
        Kind kind = KINDS.get(kuma.toLowerCase(Locale.ROOT));
        ObjectNode spec = JSON.createObjectNode();
        spec.put("key", key);
        spec.put("name", name.isEmpty() ? "Kuma " + kuma : name);
        spec.put("type", kind.type());
        ObjectNode vigil = spec.putObject("config");
        List<String> handled = new ArrayList<>();
        for (Field field : kind.fields()) {
            handled.add(field.kuma());
            String value = text(config.path(field.kuma()));
            if (value.isEmpty()) {
                if (field.optional()) {
                    continue;
                }
                unmapped.add(path + ": not imported: its " + field.kuma() + " is empty");
                return null;
            }
            if (field.secret()) {
                vigil.set(field.vigil(), secret(path + "." + field.kuma(), key, field.vigil()));
            } else {
                vigil.put(field.vigil(), field.convert().apply(value));
            }
        }
        switch (kind.type()) {
            // Vigil signs every webhook with a secret of the channel's own; Kuma's webhooks have none.
            case "WEBHOOK" -> vigil.set("secret", secret(path + " (new signing secret, 16+ characters)", key,
                    "secret"));
            case "NTFY" -> {
                if (!ntfy(config, vigil, key, path, handled)) {
                    return null;
                }
            }
            default -> {
                // every field is in the table
            }
        }
        for (String field : config.propertyNames()) {
            JsonNode value = config.get(field);
            if (!handled.contains(field) && !META.contains(field) && !UptimeKumaImporter.empty(value)) {
                unmapped.add(path + "." + field + ": not imported" + UptimeKumaImporter.describe(field, value));
            }
        }
        return spec;
    }

    /**
     * ntfy: Kuma keeps the server and the topic apart, Vigil one URL (a secret, since whoever knows a topic can read
     * it); Kuma's access token becomes the channel's token, a username and password cannot (Vigil's ntfy channel
     * takes a token).
     */
    private boolean ntfy(JsonNode config, ObjectNode vigil, String key, String path, List<String> handled) {
        handled.addAll(List.of("ntfyserverurl", "ntfytopic", "ntfyAuthenticationMethod", "ntfyaccesstoken"));
        String server = text(config.path("ntfyserverurl"));
        String topic = text(config.path("ntfytopic"));
        if (server.isEmpty() || topic.isEmpty()) {
            unmapped.add(path + ": not imported: its ntfyserverurl or ntfytopic is empty");
            return false;
        }
        vigil.set("topicUrl", secret(path + ".ntfyserverurl + \"/\" + ntfytopic ("
                + server.replaceAll("/+$", "") + "/<topic>)", key, "topicUrl"));
        String method = text(config.path("ntfyAuthenticationMethod"));
        if (method.equals("accessToken") && !text(config.path("ntfyaccesstoken")).isEmpty()) {
            vigil.set("token", secret(path + ".ntfyaccesstoken", key, "token"));
        } else if (method.equals("usernamePassword")) {
            unmapped.add(path + ".ntfyAuthenticationMethod: a username and password are not imported (Vigil's ntfy "
                    + "channel takes an access token: add one by hand)");
        }
        return true;
    }

    private ObjectNode secret(String path, String channelKey, String field) {
        String name = ("KUMA_" + channelKey.substring("kuma-".length()) + "_"
                + field.replaceAll("([a-z])([A-Z])", "$1_$2")).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        secrets.add(name + ": " + path);
        ObjectNode reference = JSON.createObjectNode();
        reference.put("env", name);
        return reference;
    }

    /** A form value as text: Kuma stores numbers (a priority) as JSON numbers and everything else as strings. */
    private static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        return value.isNumber() ? value.numberValue().toString() : value.asString("").strip();
    }
}
