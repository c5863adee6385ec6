package dev.vigil.scheduler.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scheduler.maintenance.MaintenanceCalendar.Covering;
import dev.vigil.scheduler.maintenance.MaintenanceCalendar.Window;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MaintenanceCalendarTests {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void coversFromTheStartUpToButNotIncludingTheEndAndOnlyItsMonitors() {
        UUID covered = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        MaintenanceCalendar calendar = MaintenanceCalendar.of(List.of(
                new Covering(covered, new Window(T, T.plusSeconds(600))),
                new Covering(covered, new Window(T.plusSeconds(3600), T.plusSeconds(4200)))));

        assertThat(calendar.covers(covered, T.minusMillis(1))).isFalse();
        assertThat(calendar.covers(covered, T)).isTrue();
        assertThat(calendar.covers(covered, T.plusSeconds(599))).isTrue();
        assertThat(calendar.covers(covered, T.plusSeconds(600))).isFalse();
        assertThat(calendar.covers(covered, T.plusSeconds(3700))).isTrue();
        assertThat(calendar.covers(other, T.plusSeconds(1))).isFalse();
        assertThat(calendar.size()).isEqualTo(2);
        assertThat(MaintenanceCalendar.of(List.of())).isSameAs(MaintenanceCalendar.NONE);
    }
}
