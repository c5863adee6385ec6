package dev.vigil.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DashboardTimesTests {

    private static final Instant WINTER = Instant.parse("2026-01-15T09:30:05Z");
    private static final Instant SUMMER = Instant.parse("2026-07-15T09:30:05Z");

    @Test
    void writesTheMomentInThePersonsZoneWithItsShortNameAcrossDaylightSaving() {
        DashboardTimes berlin = DashboardTimes.of("Europe/Berlin");

        assertThat(berlin.second(WINTER)).isEqualTo("2026-01-15 10:30:05 CET");
        assertThat(berlin.second(SUMMER)).isEqualTo("2026-07-15 11:30:05 CEST");
        assertThat(berlin.minute(SUMMER)).isEqualTo("2026-07-15 11:30 CEST");
        assertThat(berlin.day(Instant.parse("2026-07-15T22:30:00Z"))).isEqualTo("2026-07-16");
        assertThat(berlin.clock(SUMMER)).isEqualTo("11:30");
        assertThat(berlin.zoneName()).isEqualTo("Europe/Berlin");
    }

    @Test
    void namesAZoneWithoutAnAbbreviationByItsIdNotByABareOffset() {
        assertThat(DashboardTimes.of("Asia/Kathmandu").second(WINTER))
                .isEqualTo("2026-01-15 15:15:05 Asia/Kathmandu");
    }

    @Test
    void withoutAZoneOrWithOneNoLongerKnownItIsUtcNamedAsSuch() {
        for (DashboardTimes utc : new DashboardTimes[] {DashboardTimes.of(null), DashboardTimes.of(" "),
                DashboardTimes.of("Mars/Olympus_Mons"), DashboardTimes.utc()}) {
            assertThat(utc.second(WINTER)).isEqualTo("2026-01-15 09:30:05 UTC");
            assertThat(utc.zoneName()).isEqualTo("UTC");
        }
    }

    @Test
    void noMomentIsAnEmptyString() {
        assertThat(DashboardTimes.of("Asia/Tokyo").second(null)).isEmpty();
        assertThat(DashboardTimes.of("Asia/Tokyo").day(null)).isEmpty();
    }

    @Test
    void readsTypedTimesAndDaysInThePersonsZoneAndWritesThemBackAsTyped() {
        DashboardTimes berlin = DashboardTimes.of("Europe/Berlin");

        assertThat(berlin.fromInput("2026-01-15T10:30")).isEqualTo(Instant.parse("2026-01-15T09:30:00Z"));
        assertThat(berlin.fromInput(" 2026-07-15T11:30 ")).isEqualTo(Instant.parse("2026-07-15T09:30:00Z"));
        assertThat(berlin.input(SUMMER)).isEqualTo("2026-07-15T11:30");
        assertThat(berlin.input(berlin.fromInput("2026-01-15T10:30"))).isEqualTo("2026-01-15T10:30");
        assertThat(berlin.startOfDay(java.time.LocalDate.parse("2026-07-16")))
                .isEqualTo(Instant.parse("2026-07-15T22:00:00Z"));
        assertThat(DashboardTimes.utc().fromInput("2026-01-15T10:30")).isEqualTo(Instant.parse("2026-01-15T10:30:00Z"));
    }

    @Test
    void aTypedTimeTheClocksSkipMovesOnAndOneTheyRepeatIsTheFirst() {
        DashboardTimes berlin = DashboardTimes.of("Europe/Berlin");

        // 2026-03-29 02:30 does not exist in Berlin: 03:30 CEST. 2026-10-25 02:30 happens twice: the CEST one.
        assertThat(berlin.fromInput("2026-03-29T02:30")).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(berlin.fromInput("2026-10-25T02:30")).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void nothingOrSomethingElseTypedIsNoMoment() {
        DashboardTimes berlin = DashboardTimes.of("Europe/Berlin");

        assertThat(berlin.fromInput(null)).isNull();
        assertThat(berlin.fromInput(" ")).isNull();
        assertThat(berlin.fromInput("tomorrow")).isNull();
        assertThat(berlin.fromInput("2026-01-15T10:30:00Z")).isNull();
        assertThat(berlin.input(null)).isEmpty();
        assertThat(berlin.startOfDay(null)).isNull();
    }

    @Test
    void writesSecondsWithoutAFormatterExactlyAsTheFormatterDoes() {
        Random random = new Random(7);
        DateTimeFormatter second = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
        DateTimeFormatter name = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);
        for (String zone : List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe",
                "America/St_Johns", "Pacific/Chatham", "Asia/Kolkata", "Africa/Casablanca", "Etc/GMT+5")) {
            DashboardTimes times = DashboardTimes.of(zone);
            for (int i = 0; i < 2_000; i++) {
                // Around now, and across the years' daylight-saving changes.
                Instant at = Instant.ofEpochSecond(1_700_000_000L + random.nextLong(200_000_000L),
                        random.nextInt(1_000_000_000));
                ZonedDateTime local = at.atZone(ZoneId.of(zone));
                String shortName = zone.equals("UTC") ? "UTC" : name.format(local);
                String expected = second.format(local) + " "
                        + (shortName.startsWith("GMT+") || shortName.startsWith("GMT-") ? zone : shortName);
                assertThat(times.second(at)).as("%s in %s", at, zone).isEqualTo(expected);
            }
        }
    }

    @Test
    void writesInstantsWithoutAFormatterExactlyAsInstantToString() {
        Random random = new Random(11);
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2026-03-02T09:00:00Z"),
                Instant.parse("2026-03-02T09:00:00.5Z"), Instant.parse("2026-03-02T09:00:00.000001Z"),
                Instant.parse("2026-03-02T09:00:00.000000001Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-06-01T12:00:00Z")));
        for (int i = 0; i < 10_000; i++) {
            long nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000L;
                case 2 -> random.nextInt(1_000_000) * 1_000L;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(random.nextLong(4_000_000_000L), nanos));
        }
        for (Instant at : instants) {
            StringBuilder written = new StringBuilder();
            DashboardTimes.appendInstant(written, at);
            assertThat(written.toString()).isEqualTo(at.toString());
        }
    }
}
