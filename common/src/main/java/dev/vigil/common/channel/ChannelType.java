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
    SLACK(List.of("webhookUrl"), Set.of("webhookUrl")),
    DISCORD(List.of("webhookUrl"), Set.of("webhookUrl")),
    TEAMS(List.of("webhookUrl"), Set.of("webhookUrl")),
    PAGERDUTY(List.of("routingKey"), Set.of("routingKey")),
    TELEGRAM(List.of("botToken", "chatId"), Set.of("botToken"));

    private final List<String> fields;
    private final Set<String> secrets;

    ChannelType(List<String> fields, Set<String> secrets) {
        this.fields = fields;
        this.secrets = secrets;
    }

    /** Every field is required. */
    public List<String> fields() {
        return fields;
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
