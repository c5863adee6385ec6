package dev.vigil.common.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
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

    @Test
    void anOverrideReplacesTheScheduledMemberOnlyWhileItRuns() {
        Instant from = start.plus(Duration.ofHours(30));
        Instant until = start.plus(Duration.ofHours(40));
        OnCallRotation rotation = new OnCallRotation(OnCallRotation.Handoff.DAILY, start, List.of(ann, bob),
                List.of(new OnCallRotation.Cover(cat, from, until)));
        assertThat(rotation.onCallAt(from.minusSeconds(1))).isEqualTo(bob);
        assertThat(rotation.onCallAt(from)).isEqualTo(cat);
        assertThat(rotation.scheduledAt(from)).isEqualTo(bob);
        assertThat(rotation.onCallAt(until.minusSeconds(1))).isEqualTo(cat);
        assertThat(rotation.onCallAt(until)).isEqualTo(bob);
    }

    @Test
    void theNewerOfTwoOverlappingOverridesWins() {
        OnCallRotation rotation = new OnCallRotation(OnCallRotation.Handoff.WEEKLY, start, List.of(ann),
                List.of(new OnCallRotation.Cover(bob, start, start.plus(Duration.ofDays(2))),
                        new OnCallRotation.Cover(cat, start.plus(Duration.ofDays(1)), start.plus(Duration.ofDays(3)))));
        assertThat(rotation.onCallAt(start.plus(Duration.ofHours(12)))).isEqualTo(bob);
        assertThat(rotation.onCallAt(start.plus(Duration.ofHours(36)))).isEqualTo(cat);
        assertThat(rotation.onCallAt(start.plus(Duration.ofHours(60)))).isEqualTo(cat);
        assertThat(rotation.onCallAt(start.plus(Duration.ofHours(80)))).isEqualTo(ann);
    }

    @Test
    void theNextHandoverIsTheFirstBoundaryOrOverrideEdgeThatChangesWhoIsOnCall() {
        OnCallRotation plain = new OnCallRotation(OnCallRotation.Handoff.DAILY, start, List.of(ann, bob));
        assertThat(plain.nextHandover(start.plus(Duration.ofHours(5))))
                .contains(new OnCallRotation.Handover(start.plus(Duration.ofDays(1)), ann, bob));

        // Cat covers two hours of Ann's first shift: the hand-overs are the cover's edges.
        OnCallRotation covered = new OnCallRotation(OnCallRotation.Handoff.DAILY, start, List.of(ann, bob),
                List.of(new OnCallRotation.Cover(cat, start.plus(Duration.ofHours(10)),
                        start.plus(Duration.ofHours(12)))));
        assertThat(covered.nextHandover(start.plus(Duration.ofHours(5))))
                .contains(new OnCallRotation.Handover(start.plus(Duration.ofHours(10)), ann, cat));
        assertThat(covered.nextHandover(start.plus(Duration.ofHours(11))))
                .contains(new OnCallRotation.Handover(start.plus(Duration.ofHours(12)), cat, ann));

        OnCallRotation sameMember = new OnCallRotation(OnCallRotation.Handoff.DAILY, start, List.of(ann, bob),
                List.of(new OnCallRotation.Cover(ann, start.plus(Duration.ofHours(20)),
                        start.plus(Duration.ofHours(30)))));
        assertThat(sameMember.nextHandover(start.plus(Duration.ofHours(5))))
                .as("Ann covering past her own shift's end hands over when the cover ends")
                .contains(new OnCallRotation.Handover(start.plus(Duration.ofHours(30)), ann, bob));
    }

    @Test
    void aRotationOfOneWithoutOverridesNeverHandsOver() {
        OnCallRotation solo = new OnCallRotation(OnCallRotation.Handoff.WEEKLY, start, List.of(ann));
        assertThat(solo.nextHandover(start)).isEqualTo(Optional.empty());
    }

    @Test
    void shiftsInAZoneHandOverAtTheSameLocalTimeAcrossDaylightSavingChanges() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // Daily from Monday 2026-03-23 09:00 CET (08:00 UTC); from 29 March 09:00 is CEST (07:00 UTC).
        OnCallRotation daily = new OnCallRotation(OnCallRotation.Handoff.DAILY, Instant.parse("2026-03-23T08:00:00Z"),
                List.of(ann, bob), List.of(), berlin);
        assertThat(daily.onCallAt(Instant.parse("2026-03-30T06:59:59Z"))).isEqualTo(ann);
        assertThat(daily.onCallAt(Instant.parse("2026-03-30T07:00:00Z"))).isEqualTo(bob);
        assertThat(daily.nextHandover(Instant.parse("2026-03-30T00:00:00Z")).orElseThrow().at())
                .isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
        assertThat(daily.onCallAt(Instant.parse("2026-03-22T08:00:00Z"))).as("the day before the start").isEqualTo(bob);
        // The same rotation counted in UTC keeps handing over at 08:00 UTC, 10:00 in Berlin's summer.
        assertThat(new OnCallRotation(OnCallRotation.Handoff.DAILY, Instant.parse("2026-03-23T08:00:00Z"),
                List.of(ann, bob)).onCallAt(Instant.parse("2026-03-30T07:00:00Z"))).isEqualTo(ann);

        // Weekly from Monday 2026-10-19 09:00 CEST (07:00 UTC): the next Monday's 09:00 is CET (08:00 UTC).
        OnCallRotation weekly = new OnCallRotation(OnCallRotation.Handoff.WEEKLY,
                Instant.parse("2026-10-19T07:00:00Z"), List.of(ann, bob), List.of(), berlin);
        assertThat(weekly.nextHandover(Instant.parse("2026-10-19T07:00:00Z")).orElseThrow().at())
                .isEqualTo(Instant.parse("2026-10-26T08:00:00Z"));
        assertThat(weekly.onCallAt(Instant.parse("2026-10-26T07:30:00Z"))).isEqualTo(ann);
    }
}
