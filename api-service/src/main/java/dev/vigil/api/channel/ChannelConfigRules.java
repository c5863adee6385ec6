package dev.vigil.api.channel;

import dev.vigil.api.web.FieldProblems;
import dev.vigil.common.channel.ChannelType;
import dev.vigil.common.channel.JsonTemplate;
import dev.vigil.common.net.BlockedAddressException;
import dev.vigil.common.net.TargetGuard;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Checks a channel's configuration for its type: every field present, a string, of the right syntax, no unknown
 * fields, and every URL permitted by the SSRF guard. Syntaxes are strict on purpose (they are identifiers and URLs,
 * not prose), so injection strings never reach a sender. URLs are vetted here and again by the dispatcher at send
 * time, because a name may resolve elsewhere later; a name that does not resolve now is accepted for that reason.
 */
@Component
class ChannelConfigRules {

    private static final Pattern EMAIL =
            Pattern.compile("[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_+/=-]{16,256}");
    private static final Pattern ROUTING_KEY = Pattern.compile("[A-Za-z0-9]{20,64}");
    private static final Pattern BOT_TOKEN = Pattern.compile("[0-9]{3,20}:[A-Za-z0-9_-]{20,100}");
    private static final Pattern SLACK_SIGNING_SECRET = Pattern.compile("[A-Za-z0-9]{16,128}");
    private static final Pattern CHAT_ID = Pattern.compile("-?[0-9]{1,20}|@[A-Za-z0-9_]{5,64}");
    private static final Pattern API_KEY = Pattern.compile("[A-Za-z0-9-]{16,128}");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("[A-Za-z0-9_.=+/~-]{8,512}");
    private static final Pattern PUSHOVER_KEY = Pattern.compile("[A-Za-z0-9]{30}");
    private static final Pattern ROOM_ID = Pattern.compile("![A-Za-z0-9._~=+/-]{1,255}:[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?");
    private static final Pattern TOPIC_PATH = Pattern.compile("/[A-Za-z0-9_-]{1,64}");
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final Pattern AUTH_TOKEN = Pattern.compile("[A-Za-z0-9]{16,64}");
    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");
    /** Zulip stream and topic names: printable, no control characters, at most 60. */
    private static final Pattern ZULIP_NAME = Pattern.compile("[^\\p{Cntrl}]{1,60}");
    /** An Authorization header value: printable ASCII, no line breaks (no header injection). */
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\x20-\\x7e]{1,1000}");
    private static final int MAX_RECIPIENTS = 10;
    private static final int MAX_URL = 2000;

    private final TargetGuard guard;

    ChannelConfigRules(TargetGuard channelTargetGuard) {
        this.guard = channelTargetGuard;
    }

    /** The configuration normalised (trimmed strings), or null with the problems recorded. */
    Map<String, String> check(ChannelType type, Map<String, Object> config, FieldProblems problems) {
        if (config == null) {
            problems.add("config", "config is required for " + type + ": " + type.fields());
            return null;
        }
        int before = problems.list().size();
        for (String key : config.keySet()) {
            if (!type.fields().contains(key)) {
                problems.add("config." + key, "unknown field for " + type + "; expected " + type.fields());
            }
        }
        Map<String, String> clean = new LinkedHashMap<>();
        for (String field : type.fields()) {
            String path = "config." + field;
            Object value = config.get(field);
            if (type.isOptional(field) && value == null) {
                continue;
            }
            if (!(value instanceof String text) || text.isBlank()) {
                problems.add(path, path + " is required and must be a string");
                continue;
            }
            String checked = checkField(type, field, path, text.strip(), problems);
            if (checked != null) {
                clean.put(field, checked);
            }
        }
        return problems.list().size() == before ? clean : null;
    }

    private String checkField(ChannelType type, String field, String path, String value, FieldProblems problems) {
        return switch (field) {
            case "to" -> recipients(path, value, problems);
            case "url", "webhookUrl", "homeserverUrl", "siteUrl" -> url(path, value, problems);
            case "topicUrl" -> topicUrl(path, value, problems);
            case "secret" -> matching(path, value, SECRET, "16 to 256 letters, digits, '_', '-', '+', '/' or '='",
                    problems);
            case "routingKey" -> matching(path, value, ROUTING_KEY, "a PagerDuty integration key (20 to 64 letters "
                    + "and digits)", problems);
            case "botToken" -> matching(path, value, BOT_TOKEN, "a Telegram bot token (<digits>:<token>)", problems);
            case "chatId" -> matching(path, value, CHAT_ID, "a numeric chat id or an @channel name", problems);
            case "apiKey" -> matching(path, value, API_KEY, "an API key (16 to 128 letters, digits or '-')", problems);
            case "region" -> oneOf(path, value.toUpperCase(Locale.ROOT), java.util.List.of("US", "EU"), problems);
            case "priority" -> priority(type, path, value, problems);
            case "token", "accessToken" -> matching(path, value, ACCESS_TOKEN,
                    "an access token (8 to 512 letters, digits or '_.=+/~-')", problems);
            case "roomId" -> matching(path, value, ROOM_ID, "a Matrix room id (!opaque:server.example)", problems);
            case "appToken", "userKey" -> matching(path, value, PUSHOVER_KEY, "a Pushover key (30 letters and digits)",
                    problems);
            case "botEmail" -> matching(path, value, EMAIL, "the bot's email address", problems);
            case "stream", "topic" -> matching(path, value, ZULIP_NAME, "1 to 60 characters, no control characters",
                    problems);
            case "template" -> template(path, value, problems);
            case "authorization" -> matching(path, value, HEADER_VALUE,
                    "an Authorization header value (printable ASCII, at most 1000 characters)", problems);
            case "accountSid" -> matching(path, value, ACCOUNT_SID, "an account SID (AC and 32 hex digits)", problems);
            case "authToken" -> matching(path, value, AUTH_TOKEN, "an auth token (16 to 64 letters and digits)",
                    problems);
            case "fromNumber", "toNumber" -> matching(path, value, PHONE, "a phone number in E.164 form (+15551234567)",
                    problems);
            case "signingSecret" -> matching(path, value, SLACK_SIGNING_SECRET,
                    "a Slack app's signing secret (16 to 128 letters and digits)", problems);
            default -> throw new IllegalStateException("no rule for " + type + "." + field);
        };
    }

    private static String matching(String path, String value, Pattern pattern, String expected,
                                   FieldProblems problems) {
        if (!pattern.matcher(value).matches()) {
            problems.add(path, path + " must be " + expected);
            return null;
        }
        return value;
    }

    private static String oneOf(String path, String value, java.util.List<String> allowed, FieldProblems problems) {
        if (!allowed.contains(value)) {
            problems.add(path, path + " must be one of " + allowed);
            return null;
        }
        return value;
    }

    /** Each provider's own scale: Opsgenie P1-P5, ntfy 1-5, Pushover -2 to 2. */
    private static String priority(ChannelType type, String path, String value, FieldProblems problems) {
        return switch (type) {
            case OPSGENIE -> oneOf(path, value.toUpperCase(Locale.ROOT), java.util.List.of("P1", "P2", "P3", "P4",
                    "P5"), problems);
            case NTFY -> oneOf(path, value, java.util.List.of("1", "2", "3", "4", "5"), problems);
            case PUSHOVER -> oneOf(path, value, java.util.List.of("-2", "-1", "0", "1", "2"), problems);
            default -> throw new IllegalStateException("no priority for " + type);
        };
    }

    /** A Mustache template whose rendering of a sample event (every field set) is JSON. */
    private static String template(String path, String value, FieldProblems problems) {
        try {
            JsonTemplate.compile(value).render(JsonTemplate.sampleScope());
            return value;
        } catch (IllegalArgumentException e) {
            problems.add(path, path + ": " + e.getMessage());
            return null;
        }
    }

    /** An ntfy topic URL: the server's URL (vetted like any other) whose path is one topic name. */
    private String topicUrl(String path, String value, FieldProblems problems) {
        String checked = url(path, value, problems);
        if (checked == null) {
            return null;
        }
        URI uri = URI.create(checked);
        if (uri.getRawPath() == null || !TOPIC_PATH.matcher(uri.getRawPath()).matches() || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            problems.add(path, path + " must be the server's URL and a topic: https://ntfy.sh/<topic> (letters, "
                    + "digits, '_' or '-')");
            return null;
        }
        return checked;
    }

    private static String recipients(String path, String value, FieldProblems problems) {
        String[] addresses = value.split("\\s*,\\s*");
        if (addresses.length > MAX_RECIPIENTS) {
            problems.add(path, path + " takes at most " + MAX_RECIPIENTS + " addresses");
            return null;
        }
        for (String address : addresses) {
            if (!EMAIL.matcher(address).matches()) {
                problems.add(path, path + " must be email addresses separated by commas");
                return null;
            }
        }
        return String.join(",", addresses);
    }

    private String url(String path, String value, FieldProblems problems) {
        if (value.length() > MAX_URL) {
            problems.add(path, path + " must be at most " + MAX_URL + " characters");
            return null;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            problems.add(path, path + " is not a valid URL");
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null
                || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            problems.add(path, path + " must be an absolute http(s) URL with a host and no credentials");
            return null;
        }
        try {
            guard.resolve(uri.getHost());
        } catch (BlockedAddressException e) {
            problems.add(path, path + " is refused: " + e.getMessage());
            return null;
        } catch (UnknownHostException e) {
            // Not resolvable now: accepted, and vetted again at every send.
        }
        return value;
    }

    /** The configuration as the API shows it: secrets reduced to a hint. */
    static Map<String, String> redact(ChannelType type, Map<String, String> config) {
        Map<String, String> view = new LinkedHashMap<>();
        config.forEach((field, value) -> view.put(field, type.isSecret(field) ? hint(field, value) : value));
        return view;
    }

    /**
     * What a VIEWER sees: besides the secrets, every URL is cut to scheme and host, because receivers often take
     * their token in the path or query ({@code https://hooks.example/T0/B0/xyz}, {@code ?token=...}), and a viewer
     * could otherwise post to it. Editors see the view as stored, and may replace any of it.
     */
    static Map<String, String> forViewer(ChannelType type, Map<String, String> view) {
        Map<String, String> hidden = new LinkedHashMap<>();
        view.forEach((field, value) -> hidden.put(field, URL_FIELDS.contains(field) && !type.isSecret(field)
                ? urlHint(value) : value));
        return hidden;
    }

    private static final java.util.Set<String> URL_FIELDS = java.util.Set.of("url", "webhookUrl", "homeserverUrl", "siteUrl");

    private static String urlHint(String value) {
        try {
            URI uri = new URI(value);
            return uri.getScheme() == null || uri.getRawAuthority() == null ? "…"
                    : uri.getScheme() + "://" + uri.getRawAuthority() + "/…";
        } catch (URISyntaxException e) {
            return "…";
        }
    }

    private static String hint(String field, String value) {
        if (field.equals("webhookUrl") || field.equals("topicUrl")) {
            URI uri = URI.create(value);
            return uri.getScheme() + "://" + uri.getRawAuthority() + "/…";
        }
        if (field.equals("botToken")) {
            return value.substring(0, value.indexOf(':') + 1) + "…";
        }
        return value.length() >= 16 ? "…" + value.substring(value.length() - 4) : "…";
    }
}
