package dev.vigil.api.dashboard.live;

import java.util.UUID;

/**
 * Told of each monitor event this API instance hears on {@code dashboard_events} (a result stored, a status changed,
 * a monitor added or removed), and of when it cannot hear them: what an observer remembers about a monitor is only
 * as fresh as these calls, so it trusts nothing remembered while {@link #deaf} holds.
 */
public interface MonitorEventObserver {

    /** Something about the monitor changed; {@code kind} is the event's ({@code result}, {@code status}, …). */
    void changed(UUID monitorId, String kind);

    /** The LISTEN is in place: events are heard from now on. */
    void listening();

    /** The LISTEN is gone (not yet started, connection lost, shutting down): events sent meanwhile are never heard. */
    void deaf();
}
