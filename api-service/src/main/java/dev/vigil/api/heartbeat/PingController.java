package dev.vigil.api.heartbeat;

import dev.vigil.api.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET|POST /ping/{token}} records a beat, {@code /ping/{token}/fail} an explicit failure,
 * {@code /ping/{token}/start} the start of a run, {@code /ping/{token}/{exit-code}} the end of a run by its exit code
 * (0 success, 1-255 failure). No API key: the token is the secret, so an unknown token, a malformed one and one of a
 * deleted monitor all answer the same 404. One statement per ping, so cron jobs are answered quickly.
 *
 * <p>The body (the job's output) is read up to 10 KB and kept as the ping's log; the rest is not read into memory.
 */
@RestController
class PingController {

    private static final int MAX_EXIT_CODE = 255;

    private final PingRecorder pings;

    PingController(PingRecorder pings) {
        this.pings = pings;
    }

    @RequestMapping(value = "/ping/{token}", method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.HEAD})
    ResponseEntity<String> beat(@PathVariable String token, HttpServletRequest request) throws IOException {
        return record(token, PingRecorder.Signal.of(PingRecorder.Kind.BEAT), request);
    }

    @RequestMapping(value = "/ping/{token}/fail", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<String> fail(@PathVariable String token, HttpServletRequest request) throws IOException {
        return record(token, PingRecorder.Signal.of(PingRecorder.Kind.FAIL), request);
    }

    @RequestMapping(value = "/ping/{token}/start", method = {RequestMethod.GET, RequestMethod.POST,
            RequestMethod.HEAD})
    ResponseEntity<String> start(@PathVariable String token, HttpServletRequest request) throws IOException {
        return record(token, PingRecorder.Signal.of(PingRecorder.Kind.START), request);
    }

    @RequestMapping(value = "/ping/{token}/{exitCode:\\d{1,3}}", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<String> exit(@PathVariable String token, @PathVariable String exitCode, HttpServletRequest request)
            throws IOException {
        int code = Integer.parseInt(exitCode);
        if (code > MAX_EXIT_CODE) {
            // Not a process exit code: the same answer as any other unknown ping URL.
            throw new NotFoundException("heartbeat");
        }
        return record(token, PingRecorder.Signal.exitCode(code), request);
    }

    private ResponseEntity<String> record(String token, PingRecorder.Signal signal, HttpServletRequest request)
            throws IOException {
        if (!pings.record(token, signal, body(request), request.getRemoteAddr(), request.getHeader("User-Agent"))) {
            throw new NotFoundException("heartbeat");
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("OK\n");
    }

    /**
     * The first bytes of the body, one more than is kept (so a cut can be told). Through Spring's request wrapper:
     * {@code curl --data} sends a form-encoded body, which the servlet container may already have parsed.
     */
    private static byte[] body(HttpServletRequest request) throws IOException {
        if ("HEAD".equals(request.getMethod()) || "GET".equals(request.getMethod())) {
            return null;
        }
        try (InputStream in = new ServletServerHttpRequest(request).getBody()) {
            return in.readNBytes(PingRecorder.MAX_BODY_BYTES + 1);
        }
    }
}
