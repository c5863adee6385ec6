package dev.vigil.api.heartbeat;

import dev.vigil.api.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET|POST /ping/{token}} records a beat, {@code /ping/{token}/fail} an explicit failure. No API key: the
 * token is the secret, so an unknown token, a malformed one and one of a deleted monitor all answer the same 404. One
 * statement per ping, so cron jobs are answered quickly.
 */
@RestController
class PingController {

    private final PingRecorder pings;

    PingController(PingRecorder pings) {
        this.pings = pings;
    }

    @RequestMapping(value = "/ping/{token}", method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.HEAD})
    ResponseEntity<String> beat(@PathVariable String token, @RequestBody(required = false) String body,
                                HttpServletRequest request) {
        return record(token, PingRecorder.Kind.BEAT, body, request);
    }

    @RequestMapping(value = "/ping/{token}/fail", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<String> fail(@PathVariable String token, @RequestBody(required = false) String body,
                                HttpServletRequest request) {
        return record(token, PingRecorder.Kind.FAIL, body, request);
    }

    private ResponseEntity<String> record(String token, PingRecorder.Kind kind, String body,
                                          HttpServletRequest request) {
        if (!pings.record(token, kind, body, request.getRemoteAddr(), request.getHeader("User-Agent"))) {
            throw new NotFoundException("heartbeat");
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("OK\n");
    }
}
