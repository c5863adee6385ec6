package dev.vigil.cli.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A Healthchecks project as its Management API lists it (the example answer of its documentation, extended). */
class HealthchecksImporterTests {

    static String checks() throws IOException {
        try (InputStream in = HealthchecksImporterTests.class.getResourceAsStream("/healthchecks/checks.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void checksBecomeHeartbeatsWithTheirPeriodOrScheduleAndGrace() throws IOException {
        JsonNode monitors = HealthchecksImporter.convert(checks()).document().get("monitors");

        assertThat(monitors).hasSize(3);
        assertThat(monitors.get(0).toString()).isEqualTo("{\"key\":\"filesystem-backup\",\"name\":\"Filesystem "
                + "Backup\",\"type\":\"HEARTBEAT\",\"periodSeconds\":3600,\"graceSeconds\":600,"
                + "\"tags\":[\"backup\",\"fs\"]}");
        assertThat(monitors.get(1).toString()).isEqualTo("{\"key\":\"database-backup\",\"name\":\"Database "
                + "Backup\",\"type\":\"HEARTBEAT\",\"schedule\":\"15 5 * * *\",\"timeZone\":\"UTC\","
                + "\"graceSeconds\":1200,\"paused\":true,\"tags\":[\"production\",\"db\"]}");
        assertThat(monitors.get(2).toString()).isEqualTo("{\"key\":\"weekday-report\",\"name\":\"Weekday "
                + "report\",\"type\":\"HEARTBEAT\",\"schedule\":\"0 9 * * 1-5\",\"timeZone\":\"Europe/Riga\","
                + "\"graceSeconds\":3600}");
    }

    @Test
    void whatCannotMapIsListedWithItsPlace() throws IOException {
        List<String> unmapped = HealthchecksImporter.convert(checks()).unmapped();

        assertThat(unmapped).contains("checks[0].desc: Runs incremental backup every hour not imported",
                        "checks[1].methods: POST not imported")
                .anyMatch(l -> l.startsWith("checks[0].channels: "))
                .anyMatch(l -> l.startsWith("checks[0] (Filesystem Backup): the job must ping the new monitor's "
                        + "URL") && l.endsWith("https://hc-ping.com/31365bce-8da9-4729-8ff3-aaa71d56b712"))
                .noneMatch(l -> l.contains(".schedule") || l.contains(".tz") || l.contains(".tags"))
                .noneMatch(l -> l.startsWith("checks[2] (Weekday report): not imported"));
    }
}
