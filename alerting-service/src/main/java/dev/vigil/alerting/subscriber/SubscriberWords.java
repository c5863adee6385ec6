package dev.vigil.alerting.subscriber;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The fixed words of subscriber mails in a status page's language ({@code i18n/subscriber*.properties}; the page's
 * own names and messages are shown as written). A language without a file of its own, or a word its file lacks, is
 * English: a mail is never held back for want of a translation.
 */
final class SubscriberWords {

    private static final ResourceBundle.Control NO_SYSTEM_LOCALE = ResourceBundle.Control.getNoFallbackControl(
            ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ResourceBundle bundle;

    private SubscriberWords(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    /** The words of {@code language} (a page's {@code en}, {@code de}, ...; null is English). */
    static SubscriberWords of(String language) {
        // No fallback to the machine's locale: a server in Germany must not mail an English page's subscribers in
        // German. The bundles are cached by ResourceBundle itself.
        return new SubscriberWords(ResourceBundle.getBundle("i18n/subscriber",
                Locale.forLanguageTag(language == null ? "en" : language), NO_SYSTEM_LOCALE));
    }

    /** The words of {@code key} with {0}, {1}, ... replaced by {@code values}, in one pass. */
    String format(String key, Object... values) {
        String pattern = bundle.getString(key);
        StringBuilder out = new StringBuilder(pattern.length() + 64);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            int close = c == '{' ? pattern.indexOf('}', i) : -1;
            if (close > i + 1 && close <= i + 3 && pattern.substring(i + 1, close).chars()
                    .allMatch(Character::isDigit)) {
                int index = Integer.parseInt(pattern.substring(i + 1, close));
                out.append(index < values.length ? values[index] : pattern.substring(i, close + 1));
                i = close;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** An incident update's status ({@code investigating}, ...) as a label; an unknown one capitalised as given. */
    String status(String status) {
        String key = "update.status." + status;
        return bundle.containsKey(key) ? bundle.getString(key)
                : status.isEmpty() ? status : Character.toUpperCase(status.charAt(0)) + status.substring(1);
    }
}
