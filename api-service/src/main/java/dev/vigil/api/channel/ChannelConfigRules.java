package dev.vigil.api.channel;

import dev.vigil.api.web.FieldProblems;
import dev.vigil.common.channel.ChannelType;
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
    private static final Pattern CHAT_ID = Pattern.compile("-?[0-9]{1,20}|@[A-Za-z0-9_]{5,64}");
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
            case "url", "webhookUrl" -> url(path, value, problems);
            case "secret" -> matching(path, value, SECRET, "16 to 256 letters, digits, '_', '-', '+', '/' or '='",
                    problems);
            case "routingKey" -> matching(path, value, ROUTING_KEY, "a PagerDuty integration key (20 to 64 letters "
                    + "and digits)", problems);
            case "botToken" -> matching(path, value, BOT_TOKEN, "a Telegram bot token (<digits>:<token>)", problems);
            case "chatId" -> matching(path, value, CHAT_ID, "a numeric chat id or an @channel name", problems);
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

    private static String hint(String field, String value) {
        if (field.equals("webhookUrl")) {
            URI uri = URI.create(value);
            return uri.getScheme() + "://" + uri.getRawAuthority() + "/…";
        }
        if (field.equals("botToken")) {
            return value.substring(0, value.indexOf(':') + 1) + "…";
        }
        return value.length() >= 16 ? "…" + value.substring(value.length() - 4) : "…";
    }
}
