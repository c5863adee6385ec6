package dev.vigil.api.dashboard.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open event streams of this API instance, by workspace, and the recent events of each workspace that has one
 * (or had one a moment ago, so a page reconnecting after a blip resumes where it was).
 *
 * <p>Event ids are {@code <instance epoch>-<sequence>}. A page reconnecting with a Last-Event-ID gets the events it
 * missed when this instance still has all of them; otherwise (another instance, a restart, too far behind, or the
 * listener lost events while reconnecting to the database) it gets one {@code resync} event and refetches its state.
 */
@Component
public class LiveEventHub implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LiveEventHub.class);

    private final LiveProperties properties;
    private final Clock clock;
    private final String epoch;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<UUID, Workspace> workspaces = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeats;
    private final Counter delivered;
    private final Counter refused;

    LiveEventHub(LiveProperties properties, Clock clock, MeterRegistry meters) {
        this.properties = properties;
        this.clock = clock;
        this.epoch = Long.toString(clock.millis(), 36);
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("dashboard-live-heartbeat").factory());
        long every = properties.heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
        this.delivered = meters.counter("vigil.dashboard.live.events.delivered");
        this.refused = meters.counter("vigil.dashboard.live.streams.refused");
        Gauge.builder("vigil.dashboard.live.streams", this, LiveEventHub::openStreams).register(meters);
    }

    /** A page's stream, or empty when its workspace has as many open as it may. */
    public java.util.Optional<SseEmitter> open(UUID workspaceId, String lastEventId) {
        Workspace workspace = workspaces.computeIfAbsent(workspaceId, id -> new Workspace(sequence.get()));
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        List<SseEmitter.SseEventBuilder> backlog;
        synchronized (workspace) {
            if (workspace.streams.size() >= properties.maxStreamsPerWorkspace()) {
                refused.increment();
                return java.util.Optional.empty();
            }
            workspace.streams.add(emitter);
            workspace.idleSince = null;
            backlog = backlog(workspace, lastEventId);
        }
        emitter.onCompletion(() -> close(workspaceId, emitter));
        emitter.onTimeout(() -> close(workspaceId, emitter));
        emitter.onError(e -> close(workspaceId, emitter));
        try {
            for (SseEmitter.SseEventBuilder event : backlog) {
                emitter.send(event);
            }
        } catch (IOException | IllegalStateException e) {
            close(workspaceId, emitter);
        }
        return java.util.Optional.of(emitter);
    }

    /** What a page resuming after {@code lastEventId} needs first: the events it missed, or one resync. */
    private List<SseEmitter.SseEventBuilder> backlog(Workspace workspace, String lastEventId) {
        String now = id(sequence.get());
        if (lastEventId == null || lastEventId.isBlank()) {
            // A new page: it has just rendered its state; the hello tells it the id to resume from.
            return List.of(SseEmitter.event().id(now).name("hello").data("{}"));
        }
        long last = resumeFrom(lastEventId);
        if (last < workspace.completeAfter) {
            return List.of(SseEmitter.event().id(now).name("resync").data("{}"));
        }
        List<SseEmitter.SseEventBuilder> missed = new ArrayList<>();
        for (LiveEvent event : workspace.recent) {
            if (event.sequence() > last) {
                missed.add(event.toSse(id(event.sequence())));
            }
        }
        return missed;
    }

    /** The sequence a Last-Event-ID of this instance names, or Long.MIN_VALUE (another instance's or epoch's). */
    private long resumeFrom(String lastEventId) {
        int dash = lastEventId.indexOf('-');
        if (dash < 0 || !lastEventId.substring(0, dash).equals(epoch)) {
            return Long.MIN_VALUE;
        }
        try {
            return Long.parseLong(lastEventId.substring(dash + 1));
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    /** An event from the database for one workspace: kept for reconnecting pages and sent to its open ones. */
    public void publish(UUID workspaceId, String kind, String json) {
        Workspace workspace = workspaces.get(workspaceId);
        if (workspace == null) {
            return; // nobody is watching this workspace; its next page renders the current state anyway
        }
        LiveEvent event;
        List<SseEmitter> streams;
        synchronized (workspace) {
            event = new LiveEvent(sequence.incrementAndGet(), kind, json);
            workspace.recent.addLast(event);
            while (workspace.recent.size() > properties.replayEvents()) {
                workspace.completeAfter = workspace.recent.removeFirst().sequence();
            }
            streams = List.copyOf(workspace.streams);
        }
        for (SseEmitter stream : streams) {
            send(workspaceId, stream, event.toSse(id(event.sequence())));
        }
    }

    /**
     * Events may have been lost (the database connection dropped and came back): every open page refetches, and a
     * page reconnecting with an older id does too.
     */
    public void resyncAll() {
        long now = sequence.incrementAndGet();
        workspaces.forEach((workspaceId, workspace) -> {
            List<SseEmitter> streams;
            synchronized (workspace) {
                workspace.recent.clear();
                workspace.completeAfter = now;
                streams = List.copyOf(workspace.streams);
            }
            for (SseEmitter stream : streams) {
                send(workspaceId, stream, SseEmitter.event().id(id(now)).name("resync").data("{}"));
            }
        });
    }

    int openStreams() {
        return workspaces.values().stream().mapToInt(w -> w.streams.size()).sum();
    }

    private void send(UUID workspaceId, SseEmitter stream, SseEmitter.SseEventBuilder event) {
        try {
            stream.send(event);
            delivered.increment();
        } catch (IOException | IllegalStateException e) {
            // The page went away; its container callbacks may not have run yet.
            log.debug("live stream closed workspace={} cause={}", workspaceId, e.toString());
            close(workspaceId, stream);
        }
    }

    private void close(UUID workspaceId, SseEmitter emitter) {
        Workspace workspace = workspaces.get(workspaceId);
        if (workspace != null) {
            synchronized (workspace) {
                if (workspace.streams.remove(emitter) && workspace.streams.isEmpty()) {
                    workspace.idleSince = clock.instant();
                }
            }
        }
    }

    /**
     * A comment on every stream keeps proxies from closing an idle one (and finds pages that went away); the buffers
     * of workspaces idle for longer than a stream lives are dropped, so memory follows open pages, not workspaces.
     */
    private void heartbeat() {
        Instant forgetBefore = clock.instant().minus(properties.streamTimeout());
        workspaces.forEach((workspaceId, workspace) -> {
            for (SseEmitter stream : workspace.streams) {
                try {
                    stream.send(SseEmitter.event().comment("keep-alive"));
                } catch (IOException | IllegalStateException e) {
                    close(workspaceId, stream);
                }
            }
            synchronized (workspace) {
                if (workspace.streams.isEmpty() && workspace.idleSince != null
                        && workspace.idleSince.isBefore(forgetBefore)) {
                    workspaces.remove(workspaceId, workspace);
                }
            }
        });
    }

    private String id(long sequence) {
        return epoch + "-" + sequence;
    }

    @Override
    public void destroy() {
        heartbeats.shutdownNow();
        workspaces.values().forEach(w -> w.streams.forEach(SseEmitter::complete));
    }

    /** One workspace's open streams and recent events. Guarded by its own monitor. */
    private static final class Workspace {
        final List<SseEmitter> streams = new CopyOnWriteArrayList<>();
        final ArrayDeque<LiveEvent> recent = new ArrayDeque<>();
        /** Events after this sequence are all in {@link #recent}; a page further behind must refetch. */
        long completeAfter;
        Instant idleSince;

        Workspace(long completeAfter) {
            this.completeAfter = completeAfter;
        }
    }

    /** An event as it was published: its sequence, kind (the SSE event name) and JSON data. */
    record LiveEvent(long sequence, String kind, String json) {
        SseEmitter.SseEventBuilder toSse(String id) {
            return SseEmitter.event().id(id).name(kind).data(json);
        }
    }
}
