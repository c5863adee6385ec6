package dev.vigil.common.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OnCallRotationTests {

    private final UUID ann = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final UUID cat = UUID.randomUUID();
    private final Instant start = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void dailyRotationHandsOverEveryDayInTurn() {
        OnCallRotation rotation = new OnCallRotation(OnCallRotation.Handoff.DAILY, start, List.of(ann, bob, cat));
        assertThat(rotation.onCallAt(start)).isEqualTo(ann);
        assertThat(rotation.onCallAt(start.plus(Duration.ofHours(23)))).isEqualTo(ann);
        assertThat(rotation.onCallAt(start.plus(Duration.ofHours(24)))).isEqualTo(bob);
        assertThat(rotation.onCallAt(start.plus(Duration.ofDays(2)))).isEqualTo(cat);
        assertThat(rotation.onCallAt(start.plus(Duration.ofDays(3)))).isEqualTo(ann);
    }

    @Test
    void weeklyRotationHandsOverEveryWeekAndCountsBackwardsBeforeTheStart() {
        OnCallRotation rotation = new OnCallRotation(OnCallRotation.Handoff.WEEKLY, start, List.of(ann, bob));
        assertThat(rotation.onCallAt(start.plus(Duration.ofDays(6)))).isEqualTo(ann);
        assertThat(rotation.onCallAt(start.plus(Duration.ofDays(7)))).isEqualTo(bob);
        assertThat(rotation.onCallAt(start.minus(Duration.ofDays(1)))).isEqualTo(bob);
    }
}
