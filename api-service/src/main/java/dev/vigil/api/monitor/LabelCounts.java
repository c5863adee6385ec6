package dev.vigil.api.monitor;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How many monitors each tag or group of a workspace holds, read as {@code (id, count)} rows, and summed for
 * {@link LargeCounts} (which remembers the counts of a workspace whose labels hold tens of thousands of monitors).
 */
public final class LabelCounts {

    private LabelCounts() {
    }

    /** The counts a statement answers as rows of {@code (label id, count)}. */
    public static Map<UUID, Long> read(JdbcClient.StatementSpec counts) {
        Map<UUID, Long> byLabel = new HashMap<>();
        counts.query((rs, row) -> byLabel.put(rs.getObject(1, UUID.class), rs.getLong(2))).list();
        return Map.copyOf(byLabel);
    }

    /** How many monitor-label links were counted. */
    public static long sum(Map<UUID, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
