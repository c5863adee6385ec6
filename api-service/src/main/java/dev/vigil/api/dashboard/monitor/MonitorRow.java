package dev.vigil.api.dashboard.monitor;

import dev.vigil.api.monitor.MonitorResponse.TagLabel;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One line of the monitor list.
 *
 * @param group     the path of its group ("EU / Checkout"), null when ungrouped
 * @param lastCheck its newest check in the last week, null without one
 * @param uptime24h percent over the last 24 hours, null before the first evaluated round
 * @param beats     its last checks, oldest first, for the beat bar
 * @param spark     the sparkline of recent latencies, ready for an SVG
 * @param unchecked no region of the monitor can run it (a BROWSER monitor where no live probe has a browser)
 */
record MonitorRow(UUID id, String name, String type, String target, String status, List<TagLabel> tags,
                  String group, Instant lastCheck, Double uptime24h, List<Beat> beats, Sparkline spark,
                  boolean unchecked) {

    /** The beat bar's label for screen readers. */
    public String beatLabel() {
        return beats.size() + " recent checks, " + BeatBar.failed(beats) + " failed";
    }
}
