package dev.vigil.api.dashboard.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Live dashboard streams ({@code vigil.dashboard.live.*}).
 *
 * @param maxStreamsPerWorkspace open pages (event streams) one workspace may hold on one API instance; the next is
 *                               refused with 429 and the page falls back to refreshing by itself
 * @param heartbeat              how often an idle stream gets a comment, so proxies and load balancers keep it open
 * @param streamTimeout          how long one stream lives before the server ends it; the browser reconnects with
 *                               Last-Event-ID and misses nothing. Short, so a session signed out elsewhere (or a
 *                               member removed) stops hearing the workspace soon: the reconnect is authenticated anew
 * @param replayEvents           events kept per workspace for reconnecting pages; a page further behind refetches
 */
@ConfigurationProperties("vigil.dashboard.live")
record LiveProperties(@DefaultValue("50") int maxStreamsPerWorkspace, @DefaultValue("15s") Duration heartbeat,
                      @DefaultValue("5m") Duration streamTimeout, @DefaultValue("500") int replayEvents) {

    LiveProperties {
        if (maxStreamsPerWorkspace < 1) {
            throw new IllegalArgumentException("vigil.dashboard.live.max-streams-per-workspace must be at least 1, was "
                    + maxStreamsPerWorkspace);
        }
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("vigil.dashboard.live.heartbeat must be positive, was " + heartbeat);
        }
        if (streamTimeout.compareTo(heartbeat) <= 0) {
            throw new IllegalArgumentException("vigil.dashboard.live.stream-timeout must be longer than the heartbeat, was "
                    + streamTimeout);
        }
        if (replayEvents < 1) {
            throw new IllegalArgumentException("vigil.dashboard.live.replay-events must be at least 1, was "
                    + replayEvents);
        }
    }
}
