package dev.vigil.api.uptime;

import dev.vigil.api.web.InvalidRequestException;
import java.time.Duration;
import java.util.Arrays;

/** The uptime windows of docs/api.md. */
public enum UptimeWindow {
    H24("24h", Duration.ofHours(24)), D7("7d", Duration.ofDays(7)), D30("30d", Duration.ofDays(30)),
    D90("90d", Duration.ofDays(90));

    final String label;
    final Duration length;

    UptimeWindow(String label, Duration length) {
        this.label = label;
        this.length = length;
    }

    public static UptimeWindow of(String label) {
        return Arrays.stream(values()).filter(w -> w.label.equals(label)).findFirst()
                .orElseThrow(() -> InvalidRequestException.of("window", "window must be one of 24h, 7d, 30d, 90d"));
    }
}
