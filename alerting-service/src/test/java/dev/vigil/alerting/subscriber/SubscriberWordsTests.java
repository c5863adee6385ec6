package dev.vigil.alerting.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The subscriber mails' words in every page language: complete, with the same placeholders, filled in once. */
class SubscriberWordsTests {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d}");

    private static Properties file(String name) throws IOException {
        Properties words = new Properties();
        try (InputStream in = SubscriberWordsTests.class.getResourceAsStream("/i18n/" + name + ".properties")) {
            assertThat(in).as(name).isNotNull();
            words.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return words;
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    /** The languages a status page may have (StatusPageRules in the api-service): each has every word. */
    @ParameterizedTest
    @ValueSource(strings = {"de", "fr", "es"})
    void everyLanguageHasEveryWordWithTheSamePlaceholders(String language) throws IOException {
        Properties english = file("subscriber");
        Properties translated = file("subscriber_" + language);
        assertThat(translated.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(
                english.stringPropertyNames());
        for (String key : english.stringPropertyNames()) {
            assertThat(placeholders(translated.getProperty(key))).as(language + " " + key)
                    .isEqualTo(placeholders(english.getProperty(key)));
        }
    }

    @Test
    void wordsAreInThePagesLanguageAndEnglishOtherwise() {
        assertThat(SubscriberWords.of("de").format("opened.subject", "Kasse")).isEqualTo("Störung: Kasse");
        assertThat(SubscriberWords.of("fr").format("opened.subject", "Caisse")).isEqualTo("Panne : Caisse");
        assertThat(SubscriberWords.of("es").status("resolved")).isEqualTo("Resuelto");
        assertThat(SubscriberWords.of("en").format("opened.subject", "Checkout")).isEqualTo("Outage: Checkout");
        assertThat(SubscriberWords.of(null).format("footer.unsubscribe")).isEqualTo("Unsubscribe");
        assertThat(SubscriberWords.of("it").format("footer.unsubscribe")).as("no Italian file: English")
                .isEqualTo("Unsubscribe");
        assertThat(SubscriberWords.of("de").status("paused")).as("a status without a word").isEqualTo("Paused");
    }

    @Test
    void aPagesOwnTextIsNeverReadForPlaceholders() {
        assertThat(SubscriberWords.of("en").format("resolved.text", "API {1} {2}", "10:00", "09:00"))
                .isEqualTo("API {1} {2} is working again since 10:00 (the outage began 09:00).\n");
    }
}
