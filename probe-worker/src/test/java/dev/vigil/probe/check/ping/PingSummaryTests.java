package dev.vigil.probe.check.ping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ping's summary as iputils and BusyBox print it. */
class PingSummaryTests {

    @Test
    void readsIputilsCountsAndRoundTrips() {
        PingSummary summary = PingSummary.parse("""
                PING 192.0.2.1 (192.0.2.1) 56(84) bytes of data.

                --- 192.0.2.1 ping statistics ---
                4 packets transmitted, 3 received, 25% packet loss, time 603ms
                rtt min/avg/max/mdev = 10.120/11.500/13.002/1.170 ms
                """);

        assertThat(summary.transmitted()).isEqualTo(4);
        assertThat(summary.received()).isEqualTo(3);
        assertThat(summary.lossPercent()).isEqualTo(25.0);
        assertThat(summary.minMs()).isEqualTo(10.12);
        assertThat(summary.avgMs()).isEqualTo(11.5);
        assertThat(summary.maxMs()).isEqualTo(13.002);
    }

    @Test
    void readsAllLostWithErrorsAndNoRoundTrips() {
        PingSummary summary = PingSummary.parse("""
                --- 192.0.2.1 ping statistics ---
                3 packets transmitted, 0 received, +3 errors, 100% packet loss, time 2030ms
                """);

        assertThat(summary.received()).isZero();
        assertThat(summary.lossPercent()).isEqualTo(100.0);
        assertThat(summary.avgMs()).isNull();
    }

    @Test
    void readsBusyBox() {
        PingSummary summary = PingSummary.parse("""
                --- 192.0.2.1 ping statistics ---
                3 packets transmitted, 3 packets received, 0% packet loss
                round-trip min/avg/max = 0.055/0.071/0.087 ms
                """);

        assertThat(summary.received()).isEqualTo(3);
        assertThat(summary.avgMs()).isEqualTo(0.071);
    }

    @Test
    void hasNoSummaryWhenPingFailedBeforeSending() {
        assertThat(PingSummary.parse("ping: connect: Network is unreachable\n")).isNull();
    }

    @Test
    void computesTheLossFromTheCountsNotThePrintedRounding() {
        PingSummary summary = PingSummary.parse("3 packets transmitted, 2 received, 33.3333% packet loss, time 1ms");

        assertThat(summary.lossPercent()).isBetween(33.33, 33.34);
    }
}
