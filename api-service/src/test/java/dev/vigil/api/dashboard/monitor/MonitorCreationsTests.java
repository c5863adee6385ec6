package dev.vigil.api.dashboard.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The overview's means read every monitor exactly once, whatever the workspace's size against the chunk's. */
class MonitorCreationsTests {

    @Test
    void everyMonitorReadIsInExactlyOneChunkWithItsCreationTime() {
        for (int monitors : List.of(0, 1, 1_023, 1_024, 1_025, 4_999, 5_000, 5_001, 10_000, 12_345)) {
            MonitorSummary.MonitorCreations all = new MonitorSummary.MonitorCreations();
            Map<UUID, Instant> read = new HashMap<>();
            for (int i = 0; i < monitors; i++) {
                UUID id = UUID.randomUUID();
                Instant created = Instant.parse("2026-01-01T00:00:00.123456Z").plusSeconds(i * 37L);
                all.add(id, created);
                read.put(id, created);
            }
            List<Integer> sizes = new ArrayList<>();
            Map<UUID, Instant> chunked = new HashMap<>();
            all.forEachChunk(MonitorSummary.MEANS_CHUNK, chunk -> {
                sizes.add(chunk.size());
                chunk.forEach((id, created) -> assertThat(chunked.put(id, created)).as("read twice").isNull());
            });

            assertThat(chunked).as("%d monitors", monitors).isEqualTo(read);
            assertThat(sizes).as("%d monitors", monitors)
                    .allMatch(size -> size > 0 && size <= MonitorSummary.MEANS_CHUNK)
                    .hasSize((monitors + MonitorSummary.MEANS_CHUNK - 1) / MonitorSummary.MEANS_CHUNK);
        }
    }
}
