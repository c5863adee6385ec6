package dev.vigil.api.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusPageTranslationsTests {

    private static Properties bundle(String suffix) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = StatusPageTranslationsTests.class.getResourceAsStream("/i18n/status" + suffix
                + ".properties")) {
            assertThat(in).as("bundle " + suffix).isNotNull();
            properties.load(in);
        }
        return properties;
    }

    @Test
    void everyLanguageOfferedHasEveryFixedWordOfTheEnglishBundle() throws IOException {
        Set<Object> english = bundle("").keySet();
        assertThat(english).hasSizeGreaterThan(30);
        for (String language : StatusPageRules.LANGUAGES) {
            Properties translated = bundle(language.equals("en") ? "" : "_" + language);
            assertThat(translated.keySet()).as(language).isEqualTo(english);
            assertThat(translated.values()).as(language).allMatch(v -> !v.toString().isBlank());
        }
    }

    @Test
    void everyOverallDescriptionAndStatusTheSnapshotUsesHasAKey() throws IOException {
        Properties english = bundle("");
        RecordingFormats formats = new RecordingFormats();
        for (String description : java.util.List.of("All Systems Operational", "Partial System Outage",
                "Major System Outage", "Minor Service Disruption", "Service Under Maintenance")) {
            assertThat(english).containsKey("overall." + formats.key(description));
        }
        for (String status : java.util.List.of("operational", "degraded_performance", "major_outage",
                "under_maintenance", "investigating", "identified", "monitoring", "resolved", "scheduled",
                "in_progress")) {
            assertThat(english).containsKey("status." + status);
        }
    }

    private static final class RecordingFormats {
        private final StatusPageRenderer.Formats formats = new StatusPageRenderer.Formats();

        String key(String phrase) {
            return formats.key(phrase);
        }
    }
}
