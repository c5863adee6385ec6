package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ProbePropertiesTests {

    private static ProbeProperties properties(List<String> allowed, List<String> denied) {
        return new ProbeProperties("local-a", 64, 16, 0, Duration.ofSeconds(25), false, allowed, denied,
                List.of(Path.of("/usr/lib/nagios/plugins")), "nobody", "nogroup", null, DataSize.ofKilobytes(64),
                DataSize.ofMegabytes(1), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15), null, null,
                null);
    }

    @Test
    void targetRangesAreParsedAtBinding() {
        ProbeProperties properties = properties(List.of("10.1.0.0/16"), List.of("169.254.169.254"));

        assertThat(properties.allowedRanges()).hasSize(1);
        assertThat(properties.deniedRanges()).hasSize(1);
    }

    @Test
    void aBadRangeStopsStartUpNamingTheSetting() {
        assertThatThrownBy(() -> properties(List.of("10.1.0.0/40"), List.of()))
                .hasMessageStartingWith("vigil.probe.allowed-target-ranges: prefix length of 10.1.0.0/40");
        assertThatThrownBy(() -> properties(List.of(), List.of("metadata.internal")))
                .hasMessageStartingWith("vigil.probe.denied-target-ranges: not an IP address");
    }

    @Test
    void jobMessagesInFlightDefaultToEightTimesTheCheckSlots() {
        assertThat(properties(List.of(), List.of()).maxMessagesInFlight()).isEqualTo(512);
    }

    @Test
    void aWorkerNeedsARegion() {
        assertThatThrownBy(() -> new ProbeProperties(" ", 64, 16, 0, Duration.ofSeconds(25), false, null, null, null,
                "nobody", "nogroup", null, DataSize.ofKilobytes(64), DataSize.ofMegabytes(1), Duration.ofSeconds(1),
                Duration.ofSeconds(5), Duration.ofSeconds(15), null, null, null))
                .hasMessageContaining("VIGIL_PROBE_REGION");
    }
}
