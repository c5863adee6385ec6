package dev.vigil.api.dashboard.live;

import dev.vigil.api.dashboard.Caller;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /app/events}: the signed-in person's live stream for their current workspace, one per open page. Events:
 * {@code hello} (connected), {@code status}, {@code result}, {@code incident}, {@code added}, {@code removed} (JSON
 * with the monitor id {@code m}), and {@code resync} (events were missed: refetch). A page that reconnects sends
 * Last-Event-ID (the browser does) or {@code ?lastEventId=} (a page that opened a new stream after a wake-up).
 */
@RestController
class LiveEventsController {

    private final LiveEventHub hub;

    LiveEventsController(LiveEventHub hub) {
        this.hub = hub;
    }

    @GetMapping(path = "/app/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> events(Caller caller, @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                      @RequestParam(name = "lastEventId", required = false) String lastEventIdParam) {
        String resumeFrom = lastEventId != null ? lastEventId : lastEventIdParam;
        if (resumeFrom != null && resumeFrom.length() > 64) {
            resumeFrom = null; // not one of ours: start afresh
        }
        // Refused without a body: EventSource stops on any status but 200, and the page falls back to refreshing.
        return hub.open(caller.workspaceId(), resumeFrom)
                .map(stream -> ResponseEntity.ok()
                        // Nginx and similar proxies buffer unless told not to; an event must not wait in a buffer.
                        .header("X-Accel-Buffering", "no").cacheControl(CacheControl.noCache()).body(stream))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).build());
    }
}
