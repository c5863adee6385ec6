package dev.vigil.scheduler.maintenance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An immutable snapshot of the maintenance windows that cover monitors, looked up by monitor. */
public final class MaintenanceCalendar {

    public static final MaintenanceCalendar NONE = new MaintenanceCalendar(Map.of(), 0);

    private final Map<UUID, List<Window>> byMonitor;
    private final int coverings;

    private MaintenanceCalendar(Map<UUID, List<Window>> byMonitor, int coverings) {
        this.byMonitor = byMonitor;
        this.coverings = coverings;
    }

    /** One window's time range, start inclusive, end exclusive. */
    public record Window(Instant startsAt, Instant endsAt) {

        public boolean covers(Instant instant) {
            return !instant.isBefore(startsAt) && instant.isBefore(endsAt);
        }
    }

    /** One window covering one monitor, as read from {@code maintenance_window_monitors}. */
    public record Covering(UUID monitorId, Window window) {
    }

    public static MaintenanceCalendar of(Collection<Covering> coverings) {
        if (coverings.isEmpty()) {
            return NONE;
        }
        Map<UUID, List<Window>> byMonitor = new HashMap<>();
        for (Covering covering : coverings) {
            byMonitor.computeIfAbsent(covering.monitorId(), id -> new ArrayList<>(1)).add(covering.window());
        }
        byMonitor.replaceAll((id, windows) -> List.copyOf(windows));
        return new MaintenanceCalendar(Map.copyOf(byMonitor), coverings.size());
    }

    /** Whether a window covering the monitor contains the instant (a round at that instant is not sent). */
    public boolean covers(UUID monitorId, Instant instant) {
        List<Window> windows = byMonitor.get(monitorId);
        if (windows == null) {
            return false;
        }
        for (Window window : windows) {
            if (window.covers(instant)) {
                return true;
            }
        }
        return false;
    }

    /** How many (window, monitor) pairs the snapshot holds. */
    public int size() {
        return coverings;
    }
}
