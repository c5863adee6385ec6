package dev.vigil.cli.imports;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Gatus's {@code config.yaml} as a Vigil document:
 * <ol>
 *   <li>{@code alerting} providers become alert channels (Slack, Discord, Teams, Google Chat, Mattermost, Matrix,
 *       Zulip, Telegram, PagerDuty, Opsgenie, ntfy, Pushover, email, custom as a webhook); their secrets become
 *       environment references, named after the {@code ${VAR}} the file already uses or
 *       {@code GATUS_<PROVIDER>_<FIELD>};</li>
 *   <li>{@code endpoints} become monitors of the type their URL names ({@link GatusTargets}: HTTP, TCP, TLS, DNS,
 *       PING, UDP, WEBSOCKET, GRPC, SMTP/IMAP/POP3 for starttls), conditions become assertions
 *       ({@link GatusConditions}), a certificate condition on an HTTPS endpoint adds a TLS monitor, a domain
 *       expiration condition a DOMAIN monitor, {@code alerts} link the channels, {@code enabled: false} pauses, an
 *       endpoint's {@code group} is its Vigil group;</li>
 *   <li>{@code external-endpoints} with a heartbeat become HEARTBEAT monitors.</li>
 * </ol>
 * Everything else is listed in {@link ImportResult#unmapped()} with its place in the file.
 */
public final class GatusImporter {

    /** The most failures in a row and recovery rounds a Vigil monitor takes (docs/api.md, Noise settings). */
    private static final int MAX_NOISE_ROUNDS = 10;

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern ENV = Pattern.compile("^\\$\\{([A-Za-z_][A-Za-z0-9_]*)}$");
    private static final int MIN_INTERVAL_SECONDS = 30;
    private static final int MAX_GROUP_NAME = 100;
    /** The types whose monitors take assertions. */
    private static final Set<String> ASSERTING = Set.of("HTTP", "DNS", "UDP");
    /** The types whose monitors fail on a certificate about to expire. */
    private static final Set<String> CERTIFIED = Set.of("TLS", "SMTP", "IMAP", "POP3");
    private static final Set<String> ENDPOINT_FIELDS = Set.of("name", "group", "url", "method", "headers", "body",
            "interval", "conditions", "alerts", "dns", "client", "enabled");

    /**
     * Gatus provider → Vigil type and field mapping (Gatus field → Vigil field), as Gatus's providers read their
     * YAML ({@code alerting/provider/<name>}); fields made of two of Gatus's (ntfy's topic URL, Zulip's site URL) are
     * put together in {@link #combined}.
     */
    private static final Map<String, Provider> PROVIDERS = Map.ofEntries(
            Map.entry("slack", new Provider("SLACK", Map.of("webhook-url", "webhookUrl"), Set.of("webhook-url"))),
            Map.entry("discord", new Provider("DISCORD", Map.of("webhook-url", "webhookUrl"),
                    Set.of("webhook-url"))),
            Map.entry("teams", new Provider("TEAMS", Map.of("webhook-url", "webhookUrl"), Set.of("webhook-url"))),
            Map.entry("pagerduty", new Provider("PAGERDUTY", Map.of("integration-key", "routingKey"),
                    Set.of("integration-key"))),
            Map.entry("telegram", new Provider("TELEGRAM", Map.of("token", "botToken", "id", "chatId"),
                    Set.of("token"))),
            Map.entry("email", new Provider("EMAIL", Map.of("to", "to"), Set.of())),
            Map.entry("custom", new Provider("WEBHOOK", Map.of("url", "url"), Set.of())),
            Map.entry("googlechat", new Provider("GOOGLE_CHAT", Map.of("webhook-url", "webhookUrl"),
                    Set.of("webhook-url"))),
            Map.entry("mattermost", new Provider("MATTERMOST", Map.of("webhook-url", "webhookUrl"),
                    Set.of("webhook-url"))),
            Map.entry("matrix", new Provider("MATRIX", Map.of("server-url", "homeserverUrl", "access-token",
                    "accessToken", "internal-room-id", "roomId"), Set.of("access-token"))),
            Map.entry("opsgenie", new Provider("OPSGENIE", Map.of("api-key", "apiKey", "priority", "priority"),
                    Set.of("api-key"))),
            Map.entry("pushover", new Provider("PUSHOVER", Map.of("application-token", "appToken", "user-key",
                    "userKey", "priority", "priority"), Set.of("application-token", "user-key"))),
            Map.entry("ntfy", new Provider("NTFY", Map.of("token", "token", "priority", "priority"),
                    Set.of("token"))),
            Map.entry("zulip", new Provider("ZULIP", Map.of("bot-email", "botEmail", "bot-api-key", "apiKey",
                    "channel-id", "stream", "topic", "topic"), Set.of("bot-api-key"))));

    /** What Vigil has, for the message about a provider it has not. */
    private static final String SUPPORTED = "Slack, Discord, Teams, Google Chat, Mattermost, Matrix, Zulip, "
            + "Telegram, PagerDuty, Opsgenie, ntfy, Pushover, email and webhooks";
    /** Gatus's default ntfy server and Matrix homeserver, for a provider that names none. */
    private static final String NTFY_DEFAULT = "https://ntfy.sh";
    private static final String MATRIX_DEFAULT = "https://matrix-client.matrix.org";

    private record Provider(String type, Map<String, String> fields, Set<String> secrets) {
    }

    private final List<String> unmapped = new ArrayList<>();
    private final List<String> secrets = new ArrayList<>();
    private final Set<String> keys = new HashSet<>();
    private final Set<String> channels = new HashSet<>();
    private final GatusTargets targets = new GatusTargets(unmapped);

    private GatusImporter() {
    }

    public static ImportResult convert(String configYaml) {
        return new GatusImporter().run(YAML.readTree(configYaml));
    }

    private ImportResult run(JsonNode config) {
        ObjectNode document = JSON.createObjectNode();
        document.put("version", 1);
        ArrayNode channelSpecs = document.putArray("alertChannels");
        ArrayNode monitors = document.putArray("monitors");
        for (String field : config.propertyNames()) {
            if (!Set.of("alerting", "endpoints", "external-endpoints").contains(field)) {
                unmapped.add(field + ": not imported (Gatus " + field + " settings have no counterpart in a "
                        + "Vigil document)");
            }
        }
        config.path("alerting").properties().forEach(e -> channel(e.getKey(), e.getValue(), channelSpecs));
        JsonNode endpoints = config.path("endpoints");
        for (int i = 0; i < endpoints.size(); i++) {
            endpoint("endpoints[" + i + "]", endpoints.get(i), monitors);
        }
        JsonNode external = config.path("external-endpoints");
        for (int i = 0; i < external.size(); i++) {
            external("external-endpoints[" + i + "]", external.get(i), monitors);
        }
        if (channelSpecs.isEmpty()) {
            document.remove("alertChannels");
        }
        return new ImportResult(document, List.copyOf(unmapped), List.copyOf(secrets));
    }

    private void channel(String type, JsonNode settings, ArrayNode specs) {
        Provider provider = PROVIDERS.get(type);
        if (provider == null) {
            unmapped.add("alerting." + type + ": Vigil has no " + type + " channel (it has " + SUPPORTED + ")");
            return;
        }
        String key = "gatus-" + type;
        ObjectNode spec = specs.addObject();
        spec.put("key", key);
        spec.put("name", "Gatus " + type);
        spec.put("type", provider.type());
        ObjectNode config = spec.putObject("config");
        Set<String> consumed = combined(type, settings, config, key);
        for (String field : settings.propertyNames()) {
            if (consumed.contains(field)) {
                continue;
            }
            String path = "alerting." + type + "." + field;
            String target = provider.fields().get(field);
            if (target == null) {
                unmapped.add(path + ": not imported" + (provider.type().equals("EMAIL")
                        ? " (Vigil sends mail through its own SMTP server)" : ""));
                continue;
            }
            JsonNode raw = settings.get(field);
            String value = raw.isNumber() ? raw.numberValue().toString() : raw.asString("");
            if (provider.secrets().contains(field)) {
                config.set(target, secret(path, value, key, target));
            } else {
                config.put(target, value);
            }
        }
        if (provider.type().equals("WEBHOOK")) {
            // Vigil signs every webhook with a secret of the channel's own; Gatus's custom alerts have none.
            config.set("secret", secret("alerting.custom (new signing secret, 16+ characters)", "", key, "secret"));
        }
        channels.add(type);
    }

    /**
     * The channel fields Gatus keeps in two settings: ntfy's server {@code url} (default ntfy.sh) and {@code topic}
     * are Vigil's one {@code topicUrl} (a secret: whoever knows a topic can read it); Zulip's {@code domain} is the
     * site's URL; Matrix without {@code server-url} uses Gatus's default homeserver. Answers the settings consumed.
     */
    private Set<String> combined(String type, JsonNode settings, ObjectNode config, String key) {
        switch (type) {
            case "ntfy" -> {
                String server = settings.path("url").asString(NTFY_DEFAULT).replaceAll("/+$", "");
                String topic = settings.path("topic").asString("");
                String both = ENV.matcher(topic.strip()).matches() ? topic.strip() : server + "/" + topic;
                config.set("topicUrl", secret("alerting.ntfy.url + \"/\" + topic (" + server + "/<topic>)", both,
                        key, "topicUrl"));
                return Set.of("url", "topic");
            }
            case "zulip" -> {
                String domain = settings.path("domain").asString("").strip();
                config.put("siteUrl", domain.startsWith("http") ? domain : "https://" + domain);
                return Set.of("domain");
            }
            case "matrix" -> {
                if (settings.path("server-url").asString("").isBlank()) {
                    config.put("homeserverUrl", MATRIX_DEFAULT);
                }
                return Set.of();
            }
            default -> {
                return Set.of();
            }
        }
    }

    /** An environment reference for a secret: the file's own ${VAR}, else a new name the person must set. */
    private ObjectNode secret(String path, String value, String key, String field) {
        Matcher env = ENV.matcher(value.strip());
        String name = env.matches() ? env.group(1)
                : ("GATUS_" + key.substring("gatus-".length()) + "_" + field.replaceAll("([a-z])([A-Z])", "$1_$2"))
                .toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        secrets.add(name + ": " + path);
        ObjectNode reference = JSON.createObjectNode();
        reference.put("env", name);
        return reference;
    }

    private void endpoint(String path, JsonNode endpoint, ArrayNode monitors) {
        String name = endpoint.path("name").asString("");
        String url = endpoint.path("url").asString("");
        ObjectNode monitor = JSON.createObjectNode();
        monitor.put("key", key(endpoint));
        monitor.put("name", name.isEmpty() ? url : name);
        String type = GatusTargets.type(url, endpoint.has("dns"));
        if (type == null) {
            unmapped.add(path + " (" + name + "): " + GatusTargets.unsupported(url));
            return;
        }
        monitor.put("type", type);
        for (String field : endpoint.propertyNames()) {
            if (!ENDPOINT_FIELDS.contains(field)) {
                unmapped.add(path + "." + field + ": not imported");
            }
        }
        String group = endpoint.path("group").asString("").strip();
        if (!group.isEmpty() && group.length() <= MAX_GROUP_NAME) {
            monitor.put("group", group);
        } else if (!group.isEmpty()) {
            unmapped.add(path + ".group: not imported (a Vigil group name is 1 to " + MAX_GROUP_NAME
                    + " characters)");
        }
        targets.fill(path, endpoint, type, url, monitor);
        schedule(path, endpoint, type, monitor);
        Integer certificateDays = null;
        Integer domainDays = null;
        ArrayNode assertions = JSON.createArrayNode();
        JsonNode conditions = endpoint.path("conditions");
        for (int j = 0; j < conditions.size(); j++) {
            String condition = conditions.get(j).asString("");
            GatusConditions.Outcome outcome = GatusConditions.convert(condition, type);
            if (outcome.assertion() != null && ASSERTING.contains(type)) {
                assertions.add(JSON.valueToTree(outcome.assertion()));
            } else if (outcome.assertion() != null) {
                unmapped.add(path + ".conditions[" + j + "]: " + condition + " (a " + type + " monitor has no "
                        + "assertions)");
            } else if (outcome.minDaysValid() != null) {
                certificateDays = outcome.minDaysValid();
            } else if (outcome.domainDays() != null) {
                domainDays = outcome.domainDays();
            } else if (outcome.expect() != null && !monitor.has("expect")) {
                monitor.put("expect", outcome.expect());
            } else if (outcome.expect() != null) {
                unmapped.add(path + ".conditions[" + j + "]: " + condition + " (a WEBSOCKET monitor expects one "
                        + "pattern; the first is imported)");
            } else if (!outcome.implied()) {
                unmapped.add(path + ".conditions[" + j + "]: " + condition + " (" + outcome.unmapped() + ")");
            }
        }
        if (!assertions.isEmpty()) {
            monitor.set("assertions", assertions);
        }
        if (CERTIFIED.contains(type) && certificateDays != null) {
            monitor.put("minDaysValid", certificateDays);
        } else if (certificateDays != null && !type.equals("HTTP")) {
            unmapped.add(path + ": [CERTIFICATE_EXPIRATION] not imported (a " + type + " monitor sees no "
                    + "certificate)");
        }
        alerts(path, endpoint.path("alerts"), monitor, true);
        if (endpoint.has("enabled") && !endpoint.get("enabled").asBoolean(true)) {
            monitor.put("paused", true);
        }
        monitors.add(monitor);
        if (type.equals("HTTP") && certificateDays != null) {
            certificateMonitor(monitor, url, certificateDays, monitors);
        }
        if (domainDays != null) {
            domainMonitor(path, monitor, domainDays, monitors);
        }
    }

    private void schedule(String path, JsonNode endpoint, String type, ObjectNode monitor) {
        long interval = endpoint.has("interval") ? GoDurations.millis(endpoint.get("interval").asString()) : 60_000;
        if (interval < 0) {
            unmapped.add(path + ".interval: '" + endpoint.get("interval").asString() + "' is not a duration; "
                    + "the default of 60s is used");
            interval = 60_000;
        }
        long seconds = Math.max(1, interval / 1000);
        if (seconds < MIN_INTERVAL_SECONDS) {
            unmapped.add(path + ".interval: " + seconds + "s is below Vigil's usual minimum; " + MIN_INTERVAL_SECONDS
                    + "s is used");
            seconds = MIN_INTERVAL_SECONDS;
        }
        monitor.put("intervalSeconds", seconds);
        JsonNode client = endpoint.path("client");
        for (String field : client.propertyNames()) {
            switch (field) {
                case "timeout" -> {
                    long timeout = GoDurations.millis(client.get(field).asString());
                    if (timeout >= 100) {
                        monitor.put("timeoutMs", Math.min(Math.min(timeout, 60_000), seconds * 1000));
                    }
                }
                case "ignore-redirect" -> {
                    if (type.equals("HTTP")) {
                        monitor.put("followRedirects", !client.get(field).asBoolean());
                    }
                }
                default -> unmapped.add(path + ".client." + field + ": not imported");
            }
        }
    }

    /**
     * An endpoint's alerts as channel links. A probed endpoint's {@code failure-threshold} and
     * {@code success-threshold} become its noise settings {@code failuresInRow} and {@code recoveryRounds} (the
     * smallest of its alerts', as the first alert Gatus would send); Vigil takes at most 10 of either.
     */
    private void alerts(String path, JsonNode alerts, ObjectNode monitor, boolean probed) {
        ArrayNode linked = JSON.createArrayNode();
        Map<String, String> thresholds = Map.of("failure-threshold", "failuresInRow",
                "success-threshold", "recoveryRounds");
        for (int j = 0; j < alerts.size(); j++) {
            JsonNode alert = alerts.get(j);
            String type = alert.path("type").asString("");
            if (!alert.path("enabled").asBoolean(true)) {
                continue;
            }
            if (!channels.contains(type)) {
                unmapped.add(path + ".alerts[" + j + "]: " + type + " has no imported channel");
                continue;
            }
            if (!linked.valueStream().anyMatch(n -> n.asString().equals("gatus-" + type))) {
                linked.add("gatus-" + type);
            }
            for (String field : alert.propertyNames()) {
                if (probed && thresholds.containsKey(field) && alert.get(field).asInt(0) >= 1) {
                    ObjectNode noise = monitor.has("noise") ? (ObjectNode) monitor.get("noise")
                            : monitor.putObject("noise");
                    String setting = thresholds.get(field);
                    int value = Math.min(alert.get(field).asInt(), MAX_NOISE_ROUNDS);
                    noise.put(setting, noise.has(setting) ? Math.min(noise.get(setting).asInt(), value) : value);
                    if (alert.get(field).asInt() > MAX_NOISE_ROUNDS) {
                        unmapped.add(path + ".alerts[" + j + "]." + field + ": " + alert.get(field).asInt()
                                + " imported as " + MAX_NOISE_ROUNDS + ", Vigil's most");
                    }
                    continue;
                }
                if (!Set.of("type", "enabled").contains(field)) {
                    unmapped.add(path + ".alerts[" + j + "]." + field + ": not imported (Vigil confirms failures "
                            + "from other regions and alerts on every incident)");
                }
            }
        }
        if (!linked.isEmpty()) {
            monitor.set("alertChannels", linked);
        }
    }

    private void certificateMonitor(ObjectNode http, String url, int days, ArrayNode monitors) {
        URI uri = URI.create(url);
        ObjectNode tls = JSON.createObjectNode();
        tls.put("key", unique(http.get("key").asString() + "-certificate"));
        tls.put("name", http.get("name").asString() + " certificate");
        tls.put("type", "TLS");
        tls.put("host", uri.getHost());
        tls.put("port", uri.getPort() > 0 ? uri.getPort() : 443);
        tls.put("minDaysValid", days);
        tls.put("intervalSeconds", Math.max(http.get("intervalSeconds").asLong(), 3600));
        if (http.has("alertChannels")) {
            tls.set("alertChannels", http.get("alertChannels"));
        }
        if (http.has("group")) {
            tls.set("group", http.get("group"));
        }
        monitors.add(tls);
    }

    /**
     * A {@code [DOMAIN_EXPIRATION]} condition as a DOMAIN monitor of the endpoint's registered domain, taken as the
     * host's last two labels (said so when that drops labels: a suffix such as co.uk needs a correction by hand).
     */
    private void domainMonitor(String path, ObjectNode endpoint, int days, ArrayNode monitors) {
        String host = endpoint.has("url") ? URI.create(endpoint.get("url").asString()).getHost()
                : endpoint.path("host").asString("");
        String[] labels = host.split("\\.");
        String domain = labels.length <= 2 ? host : labels[labels.length - 2] + "." + labels[labels.length - 1];
        if (labels.length > 2) {
            unmapped.add(path + ": [DOMAIN_EXPIRATION] watches " + domain + " (the last two labels of " + host
                    + "); correct it where the registered domain is longer, e.g. example.co.uk");
        }
        ObjectNode watch = JSON.createObjectNode();
        watch.put("key", unique(endpoint.get("key").asString() + "-domain"));
        watch.put("name", endpoint.get("name").asString() + " domain");
        watch.put("type", "DOMAIN");
        watch.put("host", domain);
        watch.put("minDaysValid", days);
        watch.put("intervalSeconds", Math.max(endpoint.get("intervalSeconds").asLong(), 3600));
        if (endpoint.has("alertChannels")) {
            watch.set("alertChannels", endpoint.get("alertChannels"));
        }
        if (endpoint.has("group")) {
            watch.set("group", endpoint.get("group"));
        }
        monitors.add(watch);
    }

    private void external(String path, JsonNode endpoint, ArrayNode monitors) {
        String name = endpoint.path("name").asString("");
        long period = GoDurations.millis(endpoint.path("heartbeat").path("interval").asString(""));
        if (period <= 0) {
            unmapped.add(path + " (" + name + "): not imported: an external endpoint without heartbeat.interval "
                    + "is pushed results, which Vigil takes only as heartbeats");
            return;
        }
        ObjectNode monitor = monitors.addObject();
        monitor.put("key", key(endpoint));
        monitor.put("name", name);
        monitor.put("type", "HEARTBEAT");
        monitor.put("periodSeconds", Math.max(MIN_INTERVAL_SECONDS, period / 1000));
        String group = endpoint.path("group").asString("").strip();
        if (!group.isEmpty() && group.length() <= MAX_GROUP_NAME) {
            monitor.put("group", group);
        }
        if (endpoint.has("token")) {
            unmapped.add(path + ".token: not imported; the job pings the monitor's own ping URL instead "
                    + "(shown by `vigil monitors get`)");
        }
        alerts(path, endpoint.path("alerts"), monitor, false);
    }

    /** A key from the group and name, lower case, unique in this document. */
    private String key(JsonNode endpoint) {
        String group = endpoint.path("group").asString("");
        String name = endpoint.path("name").asString("endpoint");
        String base = ((group.isEmpty() ? "" : group + "-") + name).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_.:-]+", "-").replaceAll("^-+|-+$", "");
        return unique(base.isEmpty() ? "endpoint" : base.length() > 90 ? base.substring(0, 90) : base);
    }

    private String unique(String base) {
        String key = base;
        for (int n = 2; !keys.add(key); n++) {
            key = base + "-" + n;
        }
        return key;
    }
}
